import { spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { killGroup, killWithParent, tail } from '../process.mjs';

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(port, exited, what, timeoutMs = 30_000) {
	let exit;
	exited.then((result) => (exit = result));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exit?.error) throw new Error(`${what} could not start: ${exit.error.message}`);
		if (exit) throw new Error(`${what} exited during startup (${exit.signal ?? `exit ${exit.code}`})`);
		const open = await new Promise((resolve) => {
			const socket = connect(port, '127.0.0.1', () => resolve(socket.end() && true));
			socket.on('error', () => resolve(false));
		});
		if (open) return;
		await sleep(100);
	}
	throw new Error(`${what} did not listen on port ${port} within ${timeoutMs} ms`);
}

/**
 * Throws if something already listens on 127.0.0.1:port: the server would fail to bind, and the
 * wait for its port would take the other listener for it.
 */
async function expectPortFree(port, what) {
	const server = createServer();
	const taken = await new Promise((resolve) => {
		server.once('error', (error) => resolve(error.code === 'EADDRINUSE' || error));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
	});
	if (taken === true) throw new Error(`${what} could not start: port ${port} on 127.0.0.1 is taken by another process`);
	if (taken) throw taken;
}

/**
 * Starts a server process in its own process group and resolves once it listens on `port`:
 * { output(), stop() }; stop() ends it with `stopSignal` and resolves when it has exited.
 */
export async function startService(what, command, args, { port, stopSignal = 'SIGTERM' }) {
	await expectPortFree(port, what);
	const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	killWithParent(child);
	const chunks = [];
	child.stdout.on('data', (chunk) => chunks.push(chunk));
	child.stderr.on('data', (chunk) => chunks.push(chunk));
	// A command that cannot start (not installed) emits 'error' and never 'exit'.
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => resolve({ code, signal }));
		child.on('error', (error) => resolve({ error }));
	});
	const service = {
		output: () => Buffer.concat(chunks).toString(),
		stop: async () => {
			if (child.pid && child.exitCode === null && child.signalCode === null) killGroup(child, stopSignal);
			await exited;
		},
	};
	try {
		await waitForPort(port, exited, what);
	} catch (error) {
		await service.stop();
		throw new Error(`${error.message}\n${tail(service.output())}`);
	}
	return service;
}
