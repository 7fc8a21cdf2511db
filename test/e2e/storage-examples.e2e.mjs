// The Google Drive and Dropbox examples in a real n8n against the fake Autoenhance, with their
// storage nodes standing in as files on disk (storage-stand-ins.mjs): the Autoenhance nodes run
// exactly as the examples configure them.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { executeWorkflow } from '../../devkit/n8n/index.mjs';
import { sampleFiles, writtenFiles } from './examples-fixture.mjs';
import { dropboxListing, manualTrigger, readFiles, replaceNodes, writeFiles } from './storage-stand-ins.mjs';

let fake;
let home;
let examples;

const drive = () =>
	replaceNodes(examples['google-drive-enhance-images.json'], {
		'New image in Inbox folder': manualTrigger(),
		'Download image': readFiles('files/in/photos/*.jpg'),
		'Upload to Enhanced folder': writeFiles('files/out/drive'),
	});

const BRACKETS_FOLDER = '/listings/12 high street/brackets';

/** The sample brackets as a Dropbox listing: out of order, and with a sub-folder to leave out. */
async function dropbox() {
	const brackets = await sampleFiles('brackets');
	const entries = [
		{ name: 'originals', pathLower: `${BRACKETS_FOLDER}/originals`, type: 'folder' },
		...brackets.map(({ name }) => ({ name, pathLower: `${BRACKETS_FOLDER}/${name}`, type: 'file' })).reverse(),
	];
	return replaceNodes(examples['dropbox-enhance-hdr.json'], {
		'List brackets': dropboxListing(entries),
		'Download brackets': readFiles('=files/in/brackets/{{ $json.name }}'),
		'Upload HDR images': writeFiles('files/out/dropbox'),
	});
}

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-storage-api-key' });
	examples = await loadExamples();
	home = await prepareExampleHome(fake, { workflows: [drive(), await dropbox()] });
	for (const folder of ['drive', 'dropbox']) await mkdir(join(home.filesDir, 'out', folder), { recursive: true });
});

afterAll(async () => {
	await fake?.close();
	await home?.remove();
});

async function run(workflow) {
	const execution = await executeWorkflow(home, workflow.id);
	expect(execution.error?.message).toBeUndefined();
	expect(execution.status).toBe('success');
	return execution;
}

/** Each written file holds exactly the enhanced image the fake served for it. */
async function expectWritten(folder, images) {
	const written = await writtenFiles(home, folder);
	expect(written.map((file) => file.name)).toEqual(images.map((image) => image.image_name).sort());
	for (const image of images) {
		const file = written.find((candidate) => candidate.name === image.image_name);
		expect(file.bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
	}
}

test('Google Drive: each new image is enhanced and uploaded as Autoenhance served it', async () => {
	const photos = await sampleFiles('photos');
	const execution = await run(drive());
	const images = execution.json('Enhance image');
	expect(images.map((image) => image.image_name).sort()).toEqual(photos.map((photo) => photo.name));
	for (const image of images) {
		expect(image).toMatchObject({ status: 'processed', enhanced: true, error: null });
		const photo = photos.find((candidate) => candidate.name === image.image_name);
		expect(fake.imageBytes(image.image_id).equals(photo.bytes)).toBe(true);
	}
	await expectWritten('drive', images);
});

test('Dropbox: the listed brackets, sorted, become one HDR order of two images, uploaded back', async () => {
	const execution = await run(await dropbox());
	expect(execution.items('Only files')).toHaveLength(6);
	const images = execution.json('Enhance HDR');
	expect(images).toHaveLength(2);
	const [orderId] = new Set(images.map((image) => image.order_id));
	expect(fake.orders.get(orderId).name).toBe('12 High Street');
	for (const image of images) {
		expect(image).toMatchObject({ status: 'processed', enhanced: true });
		const bracketNames = fake.images.get(image.image_id).bracket_ids.map((id) => fake.brackets.get(id).name);
		const room = image.image_name.replace(/-1-dark\.jpg$/, '');
		expect(bracketNames).toEqual([`${room}-1-dark.jpg`, `${room}-2-normal.jpg`, `${room}-3-bright.jpg`]);
	}
	await expectWritten('dropbox', images);
});
