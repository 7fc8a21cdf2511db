// The example workflows (examples/*.json) and their sample files, imported into an n8n home.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createN8nHome, exampleCredential, importCredential, importWorkflows, packPackage, repoRoot } from './n8n/index.mjs';

export const examplesDir = join(repoRoot, 'examples');

/** Reads examples/*.json; an example without an id gets one derived from its file name. */
export async function readExamples() {
	if (!existsSync(examplesDir)) return [];
	const files = (await readdir(examplesDir)).filter((name) => name.endsWith('.json')).sort();
	return Promise.all(
		files.map(async (file) => {
			const workflow = JSON.parse(await readFile(join(examplesDir, file), 'utf8'));
			workflow.id ??= stableId(basename(file, '.json'));
			return { file, workflow };
		}),
	);
}

/** The examples by file name: { 'enhance-photos.json': workflow, … }. */
export async function loadExamples() {
	return Object.fromEntries((await readExamples()).map(({ file, workflow }) => [file, workflow]));
}

/** Copies examples/files/ (sample photos) into the home's files/ folder, if there is one. */
export async function copyExampleFiles(home) {
	const source = join(examplesDir, 'files');
	if (!existsSync(source)) return false;
	await cp(source, home.filesDir, { recursive: true });
	return true;
}

/**
 * A fresh n8n home set up as `npm start` sets up its own: the packed package installed, the
 * example credential pointing at the fake Autoenhance, `workflows` imported (in one command) and
 * the sample files in its files/ folder. `env`: n8n settings of the home (see createN8nHome).
 * Remove it with home.remove().
 */
export async function prepareExampleHome(fake, { workflows, webhookToken = '', env }) {
	const packageTgz = await packPackage();
	const home = await createN8nHome({ packageTgz, env }).finally(() =>
		rm(dirname(packageTgz), { recursive: true, force: true }),
	);
	try {
		await importCredential(home, exampleCredential({ apiUrl: fake.apiUrl, apiKey: fake.apiKey, webhookToken }));
		await importWorkflows(home, workflows);
		if (!(await copyExampleFiles(home))) throw new Error(`${examplesDir}/files is missing`);
	} catch (error) {
		await home.remove();
		throw error;
	}
	return home;
}

/** 16 alphanumerics like n8n's own workflow ids, the same for the same file on every run. */
function stableId(name) {
	return createHash('sha256').update(`example:${name}`).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}
