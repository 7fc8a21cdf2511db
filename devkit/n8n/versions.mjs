// The n8n versions the package is tested on, one folder each in n8n-runtime/ (its package.json
// and lockfile), and what differs between them when a test drives them.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const runtimesDir = fileURLToPath(new URL('../../n8n-runtime/', import.meta.url));

const byVersion = (a, b) => {
	const [x, y] = [a, b].map((version) => version.split('.').map(Number));
	return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

/** Every version with a folder in n8n-runtime/, oldest first. */
export const N8N_VERSIONS = readdirSync(runtimesDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && /^\d+\.\d+\.\d+$/.test(entry.name))
	.map((entry) => entry.name)
	.sort(byVersion);

export const OLDEST_N8N = N8N_VERSIONS[0];
/** The newest: what `npm start`, the benchmark and a plain e2e run use. */
export const DEFAULT_N8N = N8N_VERSIONS.at(-1);

/**
 * A version tried without a folder in n8n-runtime/ (the check of the newest n8n release,
 * test/e2e/newest-n8n.mjs): AUTOENHANCE_N8N_UNPINNED. Its lockfile is resolved into the cache
 * (unpinned.mjs), never into the repository.
 */
export const unpinnedVersion = (env = process.env) => env.AUTOENHANCE_N8N_UNPINNED || undefined;

/** The version AUTOENHANCE_N8N_VERSION names (e.g. 1.85.4), else the default one. */
export function selectedVersion(env = process.env) {
	const version = env.AUTOENHANCE_N8N_VERSION || DEFAULT_N8N;
	if (!N8N_VERSIONS.includes(version) && version !== unpinnedVersion(env)) {
		throw new Error(`AUTOENHANCE_N8N_VERSION=${version} is not tested; pick one of ${N8N_VERSIONS.join(', ')}`);
	}
	return version;
}

export const majorOf = (version) => Number(version.split('.')[0]);

/**
 * Settings an n8n version needs to start here. n8n 1.x's default expression engine needs the
 * native isolated-vm, which does not build on Node 20 (and is installed without install scripts).
 */
export function versionEnv(version) {
	return majorOf(version) < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {};
}

/** The CLI arguments that make a workflow's triggers live at the next start. */
export function activateArgs(version, workflowId) {
	return majorOf(version) < 2
		? ['update:workflow', `--id=${workflowId}`, '--active=true']
		: ['publish:workflow', `--id=${workflowId}`];
}

/**
 * Where n8n keeps binary data in a test run: AUTOENHANCE_E2E_BINARY_MODE, else the version's own
 * default (`default`, in memory, for 1.x; `filesystem` for 2.x outside queue mode).
 */
export function binaryModeFor(version, env = process.env) {
	return env.AUTOENHANCE_E2E_BINARY_MODE || (majorOf(version) < 2 ? 'default' : 'filesystem');
}
