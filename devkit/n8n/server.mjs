import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { n8nBin, n8nNode } from './install.mjs';
import { n8nEnv } from './env.mjs';
import { freePort } from './ports.mjs';
import { killGroup, killWithParent, tail } from '../process.mjs';

/**
 * Starts `n8n start` for a home and resolves once its REST API answers, which is a few
 * seconds after /healthz/readiness (published webhooks may take a moment longer: poll them).
 *
 * @param options.args       the n8n command (default ['start']; queue mode: ['worker'], ['webhook'])
 * @param options.readyPath  answers JSON once the process is ready (default /rest/settings)
 * @param options.port       HTTP port (default: a free one); the broker port is always a free one
 * @param options.output  'capture' (default; read with output()) or 'inherit' (print it)
 * @returns {{ url, port, pid, output(), stop(), exited }}  pid: the n8n main process (its task
 *          runner is a child of it); exited: resolves { code, signal } when n8n ends
 */
export async function startN8n(
	home,
	{ args = ['start'], readyPath = '/rest/settings', port, output = 'capture', env, timeoutMs = 90_000 } = {},
) {
	const ports = { port: port ?? (await freePort()), brokerPort: await freePort() };
	const url = `http://127.0.0.1:${ports.port}`;
	const child = spawn(n8nNode, [n8nBin, ...args], {
		cwd: home.dir,
		env: n8nEnv(home, ports, env),
		detached: true,
		stdio: output === 'inherit' ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
	});
	killWithParent(child);
	const chunks = [];
	child.stdout?.on('data', (chunk) => chunks.push(chunk));
	child.stderr?.on('data', (chunk) => chunks.push(chunk));
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));

	const instance = {
		url,
		port: ports.port,
		pid: child.pid,
		output: () => Buffer.concat(chunks).toString(),
		exited,
		stop: () => stopProcess(child, exited),
	};
	try {
		await waitUntilReady(`${url}${readyPath}`, exited, timeoutMs);
	} catch (error) {
		await instance.stop();
		throw new Error(`${error.message}\n${tail(instance.output())}`);
	}
	return instance;
}

async function waitUntilReady(readyUrl, exited, timeoutMs) {
	let exit;
	exited.then((result) => (exit = result));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exit) throw new Error(`n8n exited during startup (${exit.signal ?? `exit ${exit.code}`})`);
		// /rest/settings is public and registered with the rest of the API, after readiness. While a
		// fresh database migrates, every path answers 200 with the text "n8n is starting up".
		const response = await fetch(readyUrl).catch(() => undefined);
		if (response?.ok && response.headers.get('content-type')?.includes('application/json')) return;
		await sleep(250);
	}
	throw new Error(`n8n did not become ready at ${readyUrl} within ${timeoutMs} ms`);
}

/** SIGTERM to n8n and its task runner, SIGKILL if they have not exited after 20 s. */
async function stopProcess(child, exited) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	killGroup(child, 'SIGTERM');
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
	await exited;
	clearTimeout(timer);
}
