// The example workflows (examples/*.json) for `npm start`.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/** Reads examples/*.json; an example without an id gets one derived from its file name. */
export async function readExamples(examplesDir) {
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

/** Copies examples/files/ (sample photos) into the home's files/ folder, if there is one. */
export async function copyExampleFiles(examplesDir, home) {
	const source = join(examplesDir, 'files');
	if (!existsSync(source)) return false;
	await cp(source, home.filesDir, { recursive: true });
	return true;
}

/** 16 alphanumerics like n8n's own workflow ids, the same for the same file on every run. */
function stableId(name) {
	return createHash('sha256').update(`example:${name}`).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 16);
}
