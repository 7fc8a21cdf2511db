// The fake Autoenhance server as a child process of its own (what `npm run sandbox` runs), for
// `npm start`, the benchmark and the tests that need it outside their own process.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { killWithParent } from './process.mjs';

const standalone = fileURLToPath(new URL('./fake-autoenhance/standalone.mjs', import.meta.url));

/**
 * Starts the sandbox; resolves { apiUrl, apiKey, uploadOrigin, assetOrigin, stop() } once it
 * prints where it listens. `env` overrides its FAKE_AUTOENHANCE_* settings.
 */
export async function startSandbox({ env = {} } = {}) {
	const child = spawn(process.execPath, [standalone], {
		env: { ...process.env, ...env },
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
	const exited = new Promise((resolve) => child.once('exit', resolve));
	return {
		...JSON.parse(firstLine),
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		},
	};
}
