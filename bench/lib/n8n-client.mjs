// What the benchmark asks of a running n8n over its REST API (signed in as the owner):
// publish a workflow, call its production webhook, read back the execution it started.
import { createRequire } from 'node:module';
import { runtimeDir } from '../../devkit/n8n/install.mjs';

// n8n stores execution data in the `flatted` format; its own copy reads it back.
const { parse: parseFlatted } = createRequire(`${runtimeDir}/`)('flatted');

export class N8nClient {
	constructor(url, cookie) {
		this.url = url;
		this.cookie = cookie;
	}

	async #rest(method, path, body) {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${text.slice(0, 500)}`);
		return JSON.parse(text).data;
	}

	/** Stores a credential ({ name, type, data }) the way the editor does. */
	async createCredential(credential) {
		await this.#rest('POST', '/credentials', credential);
	}

	/** Saves a workflow; credentials given as { id: null, name } are matched by name. Resolves its id. */
	async createWorkflow(workflow) {
		return (await this.#rest('POST', '/workflows', workflow)).id;
	}

	/** Publishes a saved workflow, so its webhook answers at /webhook/<path>. */
	async publish(workflowId) {
		const { versionId } = await this.#rest('GET', `/workflows/${workflowId}`);
		await this.#rest('POST', `/workflows/${workflowId}/activate`, { versionId });
	}

	/**
	 * POSTs to a published webhook whose workflow answers when its last node has run, and
	 * resolves the execution that call started, with its run data.
	 */
	async runWebhook(workflowId, path, body = {}) {
		const before = await this.#latestExecutionId(workflowId);
		const response = await fetch(`${this.url}/webhook/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		await response.arrayBuffer();
		const id = await this.#latestExecutionId(workflowId);
		if (id === before) throw new Error(`POST /webhook/${path} (${response.status}) started no execution`);
		return await this.execution(id);
	}

	async #latestExecutionId(workflowId) {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const { results } = await this.#rest('GET', `/executions?filter=${filter}&limit=1`);
		return results[0]?.id;
	}

	/** One execution: { id, status, runData } where runData is n8n's per-node run list. */
	async execution(id) {
		const execution = await this.#rest('GET', `/executions/${id}`);
		const data = parseFlatted(execution.data);
		return {
			id,
			status: execution.status,
			error: data.resultData.error,
			runData: data.resultData.runData,
		};
	}
}

/**
 * When a chain of nodes ran, from the first start to the last end, in ms since the epoch, over
 * every run of each node (loops run a node many times).
 */
export function nodeSpan(execution, nodeNames) {
	const runs = nodeNames.flatMap((name) => execution.runData[name] ?? []);
	if (runs.length === 0) throw new Error(`none of ${nodeNames.join(', ')} ran in execution ${execution.id}`);
	const start = Math.min(...runs.map((run) => run.startTime));
	const end = Math.max(...runs.map((run) => run.startTime + run.executionTime));
	return { start, end, ms: end - start };
}

/** The items a node put out on its first output in its last run. */
export function nodeItems(execution, nodeName) {
	return execution.runData[nodeName]?.at(-1)?.data?.main?.[0] ?? [];
}

/** Throws with n8n's own error when an execution did not succeed. */
export function assertSucceeded(execution, what) {
	if (execution.status === 'success') return;
	const error = execution.error ?? Object.values(execution.runData).flat().find((run) => run.error)?.error;
	throw new Error(`${what}: execution ${execution.id} ended "${execution.status}": ${error?.message ?? 'no error recorded'}${error?.description ? ` (${error.description})` : ''}`);
}
