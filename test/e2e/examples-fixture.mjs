// The sample files of the examples and the files an example wrote, as the end-to-end tests compare them.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examplesDir } from '../../devkit/examples.mjs';

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
