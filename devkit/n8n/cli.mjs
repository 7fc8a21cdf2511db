// Headless n8n commands on a home. Each boots n8n (about 5 s) and must not overlap another
// command or a running n8n on the same home (one SQLite database).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activateArgs } from './versions.mjs';
import { n8nBin, n8nNode, n8nVersion } from './install.mjs';
import { n8nEnv } from './env.mjs';
import { Execution, parseRunOutput } from './execution.mjs';
import { freePort } from './ports.mjs';
import { runProcess, tail } from '../process.mjs';

/** Runs `n8n <args>` for a home; resolves { code, stdout, stderr }. */
export async function n8nCommand(home, args, { timeoutMs, env } = {}) {
	const ports = { port: await freePort(), brokerPort: await freePort() };
	return runProcess(n8nNode, [n8nBin, ...args], {
		cwd: home.dir,
		env: n8nEnv(home, ports, env),
		timeoutMs,
	});
}

async function n8nCommandOrThrow(home, args, options) {
	const result = await n8nCommand(home, args, options);
	if (result.code !== 0) {
		throw new Error(`n8n ${args.join(' ')} exited with ${result.code ?? result.signal}\n${tail(result.stdout, result.stderr)}`);
	}
	return result;
}

/** Runs `n8n <command> --input <file>` with `data` written to a temporary JSON file. */
async function importJson(home, command, data) {
	const dir = await mkdtemp(join(tmpdir(), 'n8n-import-'));
	try {
		const file = join(dir, 'import.json');
		await writeFile(file, JSON.stringify(data));
		await n8nCommandOrThrow(home, [command, `--input=${file}`]);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/**
 * Stores a credential (encrypted by n8n on import) under a fixed id, so workflows can
 * reference it as { "<type>": { "id": id, "name": name } }. Importing the same id again
 * replaces it.
 */
export async function importCredential(home, { id, name, type = 'autoenhanceApi', data }) {
	await importJson(home, 'import:credentials', [{ id, name, type, data }]);
	return id;
}

/**
 * Imports workflows in one go (each keeps its `id`, given one if missing; inactive unless it says
 * otherwise, which n8n 1.x requires); resolves their ids.
 */
export async function importWorkflows(home, workflows) {
	const withIds = workflows.map((workflow) => ({ active: false, ...workflow, id: workflow.id ?? newWorkflowId() }));
	await importJson(home, 'import:workflow', withIds);
	return withIds.map((workflow) => workflow.id);
}

export async function importWorkflow(home, workflow) {
	const [id] = await importWorkflows(home, [workflow]);
	return id;
}

/** Publishes (activates) a workflow; its triggers and webhooks go live at the next startN8n. */
export async function publishWorkflow(home, id) {
	await n8nCommandOrThrow(home, activateArgs(n8nVersion, id));
}

/**
 * Runs a workflow headless from its manual trigger (`n8n execute --id … --rawOutput`) and
 * resolves an Execution with every node's output; `env` adds settings to n8n's environment. A workflow that fails still resolves
 * (status 'error', `error` set); only a run that printed no result rejects.
 */
export async function executeWorkflow(home, id, { timeoutMs = 180_000, env } = {}) {
	const result = await n8nCommand(home, ['execute', `--id=${id}`, '--rawOutput'], { timeoutMs, env });
	const run = parseRunOutput(result.stdout);
	if (!run) {
		throw new Error(`n8n execute --id=${id} printed no result (exit ${result.code ?? result.signal})\n${tail(result.stdout, result.stderr)}`);
	}
	return new Execution(run, home);
}

/** An id in n8n's own format (16 alphanumerics). */
function newWorkflowId() {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}
