// The Google Drive and Dropbox examples as shipped, with n8n's own Google Drive, Google Drive
// Trigger and Dropbox nodes, against the local Drive and Dropbox stand-ins
// (devkit/storage-stand-ins/) and the fake Autoenhance: only the credentials (and, for Drive, the
// two folders the user picks) are filled in. Covers the handoff both ways: the binary Drive's and
// Dropbox's downloads produce, the binary our nodes emit for their uploads, and the trigger's items.
// Last, a 100 MB photo goes Drive → Enhance → Drive while n8n's resident memory is sampled.
import { randomBytes } from 'node:crypto';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { measureRss, toMB } from '../../devkit/memory.mjs';
import { executeWorkflow, importCredential, publishWorkflow, startN8n } from '../../devkit/n8n/index.mjs';
import { startStorageStandIns } from '../../devkit/storage-stand-ins/index.mjs';
import { withStandIns } from '../../devkit/storage-stand-ins/workflows.mjs';
import { sampleFiles } from './examples-fixture.mjs';
import { afterNextPoll, expectEnhancedInDrive, expectHdrInDropbox, refusedNodeRequests, seedStandIns } from './storage-fixture.mjs';
import { waitUntil } from './wait-until.mjs';
const BIG_PHOTO_BYTES = 100 * 1024 * 1024;

let fake;
let standIns;
let home;
let n8n;
let folders;
let examples;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-storage-services-key' });
	// The Drive credential holds an access token Google has expired: n8n must refresh it.
	standIns = await startStorageStandIns({ expiredGoogleToken: true });
	folders = await seedStandIns(standIns);

	examples = await loadExamples();
	const workflows = [
		withStandIns(examples['google-drive-enhance-images.json'], folders),
		withStandIns(examples['dropbox-enhance-hdr.json']),
	];
	home = await prepareExampleHome(fake, { workflows, env: standIns.env });
	for (const credential of standIns.credentials) await importCredential(home, credential);
}, 300_000);

afterAll(async () => {
	await n8n?.stop();
	await standIns?.close();
	await fake?.close();
	await home?.remove();
});

afterEach(() => {
	// Every request n8n's nodes made went to loopback: the proxy refused none of them.
	expect(refusedNodeRequests(standIns)).toEqual([]);
});

test('Dropbox: an unordered listing with a sub-folder becomes HDR photos uploaded under enhanced/', async () => {
	const workflow = examples['dropbox-enhance-hdr.json'];
	const execution = await executeWorkflow(home, workflow.id);
	expect(execution.error?.message).toBeUndefined();
	expect(execution.status).toBe('success');

	// The listing came in pages (list_folder, then /continue) and held the sub-folder.
	const listings = standIns.requests.filter((request) => request.path.startsWith('/2/files/list_folder'));
	expect(listings.map((request) => request.path)).toEqual(expect.arrayContaining(['/2/files/list_folder', '/2/files/list_folder/continue']));
	expect(execution.items('List brackets')).toHaveLength(7);
	expect(execution.items('Only files')).toHaveLength(6);

	// Dropbox's downloads became the brackets of one order; Dropbox's upload got our output binary
	// under its file name, as the bytes Autoenhance served.
	expect(fake.stats().bracketsCreated).toBe((await sampleFiles('brackets')).length);
	expectHdrInDropbox(fake, standIns, execution.json('Enhance HDR'));
	expect(standIns.dropbox.uploads.every((upload) => upload.contentType === 'application/octet-stream')).toBe(true);
}, 240_000);

test('Google Drive: photos placed in the watched folder become enhanced photos in the output folder', async () => {
	await publishWorkflow(home, examples['google-drive-enhance-images.json'].id);
	n8n = await startN8n(home);
	await afterNextPoll(standIns); // activation polls once, to learn where the folder stands
	const photos = await sampleFiles('photos');
	for (const { name, bytes } of photos) standIns.drive.addFile({ name, mimeType: 'image/jpeg', bytes, parent: folders.watch.id });

	await waitUntil(() => standIns.drive.filesIn(folders.upload.id).length === photos.length, 'three enhanced photos in Drive', 150_000);
	expect(standIns.googleOAuth.refreshes.length).toBeGreaterThanOrEqual(1);
	expectEnhancedInDrive(fake, standIns, folders.upload, photos);
	// In filesystem mode Drive's upload streams our binary in resumable chunks.
	expect(standIns.drive.uploads.map((upload) => upload.kind)).toEqual(photos.map(() => 'resumable'));
}, 300_000);

test('Large files: a 100 MB photo goes Drive → Enhance → Drive; peak memory of n8n recorded', async () => {
	await afterNextPoll(standIns);
	const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(BIG_PHOTO_BYTES - 4)]);
	const name = 'large-100mb.jpg';
	const done = () => standIns.drive.filesIn(folders.upload.id).some((entry) => entry.file.name === name);
	const { processes } = await measureRss([n8n.pid], async () => {
		standIns.drive.addFile({ name, mimeType: 'image/jpeg', bytes, parent: folders.watch.id });
		await waitUntil(done, 'the 100 MB photo enhanced in Drive', 240_000);
	});
	const [main] = processes;
	console.log(
		`100 MB Drive → Enhance → Drive (filesystem mode): n8n main process resident memory ` +
			`${toMB(main.before).toFixed(0)} MB before, peak ${toMB(main.peak).toFixed(0)} MB (+${toMB(main.growth).toFixed(0)} MB)`,
	);
	const photos = [...(await sampleFiles('photos')), { name, bytes }];
	expectEnhancedInDrive(fake, standIns, folders.upload, photos);
	// Streamed to Drive in chunks (each a multiple of 256 KiB, which the stand-in checks), not in one piece.
	const upload = standIns.drive.uploads.at(-1);
	expect(upload.kind).toBe('resumable');
	expect(upload.puts).toBeGreaterThan(1);
	console.log(`100 MB upload to Drive: ${upload.puts} resumable chunks`);
}, 400_000);
