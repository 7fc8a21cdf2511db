// The example workflows (examples/*.json) and their sample files, as the end-to-end tests use them.
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { copyExampleFiles, readExamples } from '../../scripts/lib/examples.mjs';
import { importCredential, importWorkflows } from './cli.mjs';
import { exampleCredential } from './credential.mjs';
import { createN8nHome } from './home.mjs';
import { packPackage, repoRoot } from './package.mjs';

const examplesDir = join(repoRoot, 'examples');

/** The examples by file name: { 'enhance-photos.json': workflow, … }. */
export async function loadExamples() {
	return Object.fromEntries((await readExamples(examplesDir)).map(({ file, workflow }) => [file, workflow]));
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
		if (!(await copyExampleFiles(examplesDir, home))) throw new Error(`${examplesDir}/files is missing`);
	} catch (error) {
		await home.remove();
		throw error;
	}
	return home;
}

/** The files directly in a folder, sorted by name, as { name, bytes }; dot files left out. */
async function filesIn(dir) {
	if (!existsSync(dir)) return [];
	const names = (await readdir(dir, { withFileTypes: true }))
		.filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
		.map((entry) => entry.name)
		.sort();
	return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
}

/** A sample input folder of the examples, e.g. sampleFiles('photos') → examples/files/in/photos/*. */
export function sampleFiles(folder) {
	return filesIn(join(examplesDir, 'files', 'in', folder));
}

/** What an example wrote into a home, e.g. writtenFiles(home, 'hdr') → <home>/files/out/hdr/*. */
export function writtenFiles(home, folder) {
	return filesIn(join(home.filesDir, 'out', folder));
}
