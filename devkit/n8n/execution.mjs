import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * `n8n execute --rawOutput` prints the finished run (IRun) as JSON.stringify(run, null, 2),
 * on success and on failure alike (on failure after some log lines and before an error
 * summary). Its first line is "{" and its last "}", the only such lines at column 0.
 */
export function parseRunOutput(stdout) {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	const end = lines.indexOf('}', start);
	if (start === -1 || end === -1) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/** The result of one headless execution, with accessors for what tests assert on. */
export class Execution {
	constructor(run, home) {
		this.run = run;
		this.home = home;
	}

	/** 'success', 'error', 'canceled', … */
	get status() {
		// n8n 1.85's CLI hands the run back before recording its final status; `finished` is set
		// only on a run that ended without error.
		if (this.run.status === 'running' && this.run.finished === true) return 'success';
		return this.run.status;
	}

	/** The error that stopped the workflow (resultData.error), if any. */
	get error() {
		return this.run.data.resultData.error;
	}

	get runData() {
		return this.run.data.resultData.runData;
	}

	/** Names of the nodes that ran, in the order n8n recorded them. */
	get executedNodes() {
		return Object.keys(this.runData);
	}

	/** One run of a node (default its last): { data: { main: [[items]] }, error?, executionStatus, … }. */
	nodeRun(nodeName, run = -1) {
		const runs = this.runData[nodeName];
		if (!runs) throw new Error(`node "${nodeName}" did not run; ran: ${this.executedNodes.join(', ')}`);
		return runs.at(run);
	}

	/** The items a node emitted on one output: [{ json, binary?, pairedItem?, error? }]. */
	items(nodeName, { output = 0, run = -1 } = {}) {
		return this.nodeRun(nodeName, run).data?.main?.[output] ?? [];
	}

	/** Just the JSON of those items. */
	json(nodeName, options) {
		return this.items(nodeName, options).map((item) => item.json);
	}

	/**
	 * The bytes of a binary property of an output item. n8n 2.x keeps binaries in the
	 * filesystem by default (an `id` like "filesystem-v2:workflows/…"), else inline base64.
	 */
	async binary(item, property = 'data') {
		const binary = item.binary?.[property];
		if (!binary) throw new Error(`item has no binary "${property}" (has: ${Object.keys(item.binary ?? {}).join(', ')})`);
		if (!binary.id) return Buffer.from(binary.data, 'base64');
		const [mode, fileId] = splitOnce(binary.id, ':');
		if (!mode.startsWith('filesystem')) throw new Error(`binary mode "${mode}" is not readable from disk`);
		return readFile(join(this.home.n8nFolder, 'storage', fileId));
	}
}

function splitOnce(text, separator) {
	const at = text.indexOf(separator);
	return [text.slice(0, at), text.slice(at + 1)];
}
