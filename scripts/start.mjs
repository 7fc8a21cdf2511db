#!/usr/bin/env node
// `npm start`: the package installed as a community package in a real n8n at
// http://localhost:5678, with the example workflows and a credential for the fake
// Autoenhance sandbox (or for the real API when AUTOENHANCE_API_KEY is set).
// Everything lives in .sandbox/ and is reused by the next run; n8n is installed once.
//
// Environment: AUTOENHANCE_API_KEY (use the real API), AUTOENHANCE_BASE_URL (with it, another
// API host), N8N_PORT (default 5678), SANDBOX_OWNER_EMAIL / SANDBOX_OWNER_PASSWORD (the
// editor login created on the first run), FAKE_AUTOENHANCE_* (see devkit/fake-autoenhance).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
	createN8nHome,
	DEFAULT_OWNER,
	exampleCredential,
	importCredential,
	importWorkflows,
	packPackage,
	REAL_API_URL,
	repoRoot,
	setupOwner,
	startN8n,
} from '../devkit/n8n/index.mjs';
import { installN8n } from '../devkit/n8n/install.mjs';
import { copyExampleFiles, readExamples } from '../devkit/examples.mjs';
import { startSandbox } from '../devkit/sandbox.mjs';
import { startSandboxStandIns } from '../devkit/storage-stand-ins/sandbox.mjs';
import { loadImportState } from './lib/import-state.mjs';

const sandboxDir = join(repoRoot, '.sandbox');
const port = Number(process.env.N8N_PORT || 5678);
const owner = {
	...DEFAULT_OWNER,
	email: process.env.SANDBOX_OWNER_EMAIL || DEFAULT_OWNER.email,
	password: process.env.SANDBOX_OWNER_PASSWORD || DEFAULT_OWNER.password,
};

const step = (message) => console.log(`\n▶ ${message}`);

function build() {
	if (!existsSync(join(repoRoot, 'node_modules', '.bin', 'tsc'))) {
		throw new Error('The package\'s dependencies are missing: run `npm ci` first.');
	}
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'inherit' });
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run build failed (exit ${code})`))));
	});
}

async function startApi() {
	const apiKey = process.env.AUTOENHANCE_API_KEY;
	if (apiKey) {
		return { apiUrl: process.env.AUTOENHANCE_BASE_URL || REAL_API_URL, apiKey, stop: async () => {}, real: true };
	}
	return { ...(await startSandbox()), real: false };
}

/** Imports the credentials and the example workflows that changed since the last run. */
async function importInto(home, api, storage) {
	const state = await loadImportState(home);
	for (const credential of [exampleCredential(api), ...storage.standIns.credentials]) {
		if (!state.changed(`credential:${credential.id}`, credential)) continue;
		await importCredential(home, credential);
		await state.record(`credential:${credential.id}`, credential);
		console.log(`credential "${credential.name}" imported`);
	}
	const examples = (await readExamples()).map(({ file, workflow }) => ({ file, workflow: storage.setUp(file, workflow) }));
	const changed = examples.filter(({ file, workflow }) => state.changed(`examples/${file}`, workflow));
	if (changed.length > 0) {
		await importWorkflows(home, changed.map(({ workflow }) => workflow));
		for (const { file, workflow } of changed) await state.record(`examples/${file}`, workflow);
	}
	console.log(`examples: ${examples.length} found, ${changed.length} (re)imported`);
	if (await copyExampleFiles(home)) console.log(`sample files copied to ${home.filesDir}`);
}

function printBanner(n8n, api, created) {
	const lines = [
		`n8n is running: http://localhost:${n8n.port}`,
		`  login:    ${owner.email} / ${created ? owner.password : '(the password set on the first run)'}`,
		`  API:      ${api.real ? `the real Autoenhance API at ${api.apiUrl}` : `the fake sandbox at ${api.apiUrl} (key ${api.apiKey})`}`,
		`  files:    Read/Write Files from Disk may use ${join(sandboxDir, 'n8n', 'files')}`,
		'  storage:  Google Drive and Dropbox stand-ins (local, see the README\'s Drive and Dropbox walkthroughs)',
		'  Ctrl-C stops everything; `npm start` again picks up where you left off.',
	];
	console.log(`\n${lines.join('\n')}\n`);
}

async function main() {
	step('Building the package');
	await build();
	step('Installing n8n (once)');
	await installN8n();

	step(process.env.AUTOENHANCE_API_KEY ? 'Using the real Autoenhance API' : 'Starting the fake Autoenhance sandbox');
	const api = await startApi();
	step('Starting the local Google Drive and Dropbox stand-ins');
	const storage = await startSandboxStandIns(join(sandboxDir, 'storage-certificates'));
	let n8n;
	let stopping;
	const shutdown = (code) =>
		(stopping ??= (async () => {
			await n8n?.stop();
			await api.stop();
			await storage.standIns.close();
			process.exit(code);
		})());
	process.on('SIGINT', () => shutdown(0));
	process.on('SIGTERM', () => shutdown(0));

	try {
		step('Preparing the n8n home in .sandbox/n8n');
		const packageTgz = await packPackage({ destination: join(sandboxDir, 'package') });
		const home = await createN8nHome({ dir: join(sandboxDir, 'n8n'), packageTgz });
		await importInto(home, api, storage);

		step(`Starting n8n on port ${port}`);
		n8n = await startN8n(home, { port, output: 'inherit', env: storage.standIns.env });
		const { created } = await setupOwner(n8n.url, owner);
		printBanner(n8n, api, created);
	} catch (error) {
		console.error(`\n${error.message}`);
		await shutdown(1);
	}
	const { code } = await n8n.exited;
	if (!stopping) {
		console.error(`n8n exited on its own (exit ${code})`);
		await shutdown(code ?? 1);
	}
}

await main();
