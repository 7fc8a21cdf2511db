// The fake Autoenhance server as a child process (`npm run sandbox`), for `npm start`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killWithParent } from '../../test/e2e/run.mjs';

const standalone = fileURLToPath(new URL('../../test/fake-autoenhance/standalone.mjs', import.meta.url));

/** Starts the sandbox; resolves { apiUrl, apiKey, stop() } once it prints where it listens. */
export async function startSandbox() {
	const child = spawn(process.execPath, [standalone], {
		detached: true, // Ctrl-C reaches only start.mjs, which stops n8n before the sandbox
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	killWithParent(child);
	const firstLine = await new Promise((resolve, reject) => {
		const lines = createInterface({ input: child.stdout });
		lines.once('line', resolve);
		child.once('error', reject);
		child.once('exit', (code) => reject(new Error(`the sandbox exited before listening (exit ${code})`)));
	});
	child.stdout.resume(); // keep draining whatever else it prints
	const { apiUrl, apiKey } = JSON.parse(firstLine);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		apiUrl,
		apiKey,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
	};
}
