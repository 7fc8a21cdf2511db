// The stand-ins as `npm start` runs them: the sample photos in a Drive folder "Inbox", an empty
// "Enhanced" folder beside it, and the sample brackets in the Dropbox folder the Dropbox example
// lists (with a sub-folder, as a real listing has). The folders keep their ids across restarts,
// so the Drive example stays set up in the editor.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { examplesDir } from '../examples.mjs';
import { startStorageStandIns } from './index.mjs';
import { withStandIns } from './workflows.mjs';

const LISTING = '/Listings/12 High Street';
const SETUP = { 'google-drive-enhance-images.json': true, 'dropbox-enhance-hdr.json': false };

async function samples(folder) {
	const dir = join(examplesDir, 'files', 'in', folder);
	const names = (await readdir(dir)).filter((name) => name.endsWith('.jpg')).sort();
	return Promise.all(names.map(async (name) => ({ name, bytes: await readFile(join(dir, name)) })));
}

/** Resolves { standIns, setUp(file, workflow) }: setUp fills in the stand-ins where an example uses them. */
export async function startSandboxStandIns(certDir) {
	const standIns = await startStorageStandIns({ certDir });
	const folders = {
		watch: standIns.drive.addFolder('Inbox', { id: '1SandboxInboxFolder' }),
		upload: standIns.drive.addFolder('Enhanced', { id: '1SandboxEnhancedFolder' }),
	};
	for (const { name, bytes } of await samples('photos')) standIns.drive.addFile({ name, mimeType: 'image/jpeg', bytes, parent: folders.watch.id });
	const brackets = await samples('brackets');
	for (const { name, bytes } of brackets) standIns.dropbox.addFile(`${LISTING}/brackets/${name}`, bytes);
	standIns.dropbox.addFile(`${LISTING}/brackets/originals/${brackets[0].name}`, brackets[0].bytes);
	return {
		standIns,
		setUp: (file, workflow) => (file in SETUP ? withStandIns(workflow, SETUP[file] ? folders : undefined) : workflow),
	};
}
