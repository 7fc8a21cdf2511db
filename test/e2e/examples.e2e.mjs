// Every manual example workflow (examples/*.json), imported as users import it, run headless in a
// real n8n with the packed package against the fake Autoenhance: the execution data, what reached
// the fake, and the files the workflow wrote.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { LEAST_CONVENIENT } from '../../devkit/fake-autoenhance/variants.mjs';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { sampleFiles, writtenFiles } from './examples-fixture.mjs';
import { executeWorkflow } from '../../devkit/n8n/index.mjs';

let fake;
let home;
let examples;

beforeAll(async () => {
	// Once, under the readings of the undocumented behaviours that make the node work hardest.
	fake = await startFakeAutoenhance({ apiKey: 'e2e-examples-api-key', variants: LEAST_CONVENIENT });
	examples = await loadExamples();
	home = await prepareExampleHome(fake, { workflows: Object.values(examples) });
});

afterAll(async () => {
	await fake?.close();
	await home?.remove();
});

/** Runs an example; resolves the execution and the API requests it made. */
async function runExample(file) {
	const firstRequest = fake.requests.length;
	const execution = await executeWorkflow(home, examples[file].id);
	expect(execution.error?.message).toBeUndefined();
	expect(execution.status).toBe('success');
	const requests = fake.requests.slice(firstRequest).filter((request) => request.listener === 'api');
	return { execution, requests };
}

const calls = (requests, method, pattern) =>
	requests.filter((request) => request.method === method && pattern.test(request.path));

const bracketName = (bracketId) => fake.brackets.get(bracketId).name;

/** Each enhanced photo's output file and binary hold exactly what the fake served for it. */
async function expectEnhancedFiles(execution, nodeName, images, outFolder) {
	const written = await writtenFiles(home, outFolder);
	expect(written.map((file) => file.name)).toEqual(images.map((image) => image.image_name).sort());
	const items = execution.items(nodeName);
	for (const image of images) {
		const expected = fake.expectedEnhanced(image.image_id);
		const item = items.find((candidate) => candidate.json.image_id === image.image_id);
		expect(item.binary.data).toMatchObject({ fileName: image.image_name, mimeType: 'image/jpeg' });
		expect((await execution.binary(item)).equals(expected)).toBe(true);
		expect(written.find((file) => file.name === image.image_name).bytes.equals(expected)).toBe(true);
	}
}

/** The brackets a merged HDR photo was made from, by name: one room's exposures in order. */
function expectMergedFromOneRoom(image) {
	const names = fake.images.get(image.image_id).bracket_ids.map(bracketName);
	const room = image.image_name.replace(/-1-dark\.jpg$/, '');
	expect(names).toEqual([`${room}-1-dark.jpg`, `${room}-2-normal.jpg`, `${room}-3-bright.jpg`]);
}

test('enhance-photos: every photo of the folder is uploaded, enhanced and written back as the fake served it', async () => {
	const photos = await sampleFiles('photos');
	const { execution, requests } = await runExample('enhance-photos.json');

	const images = execution.json('Enhance photos');
	expect(images.map((image) => image.image_name).sort()).toEqual(photos.map((photo) => photo.name));
	for (const image of images) {
		expect(image.status).toBe('processed');
		const photo = photos.find((candidate) => candidate.name === image.image_name);
		expect(fake.imageBytes(image.image_id).equals(photo.bytes)).toBe(true);
	}
	expect(calls(requests, 'POST', /^\/v3\/images\/?$/)).toHaveLength(photos.length);
	await expectEnhancedFiles(execution, 'Enhance photos', images, 'photos');
	expect(execution.items('Save enhanced photos')).toHaveLength(photos.length);
});

test('enhance-hdr-brackets: six brackets become one order, merged three by three into two photos', async () => {
	const brackets = await sampleFiles('brackets');
	expect(brackets).toHaveLength(6);
	const { execution, requests } = await runExample('enhance-hdr-brackets.json');

	expect(calls(requests, 'POST', /^\/v3\/orders\/?$/)).toHaveLength(1);
	expect(calls(requests, 'POST', /^\/v3\/brackets\/?$/)).toHaveLength(6);
	const merges = calls(requests, 'POST', /^\/v3\/orders\/[^/]+\/(process|merge)$/);
	expect(merges).toHaveLength(1);
	expect(merges[0].body).toMatchObject({ number_of_brackets_per_image: 3 });

	const images = execution.json('Enhance HDR');
	expect(images).toHaveLength(2);
	const [orderId] = new Set(images.map((image) => image.order_id));
	expect(fake.orders.get(orderId).name).toBe('Example listing (HDR)');
	for (const image of images) {
		expect(image.status).toBe('processed');
		expectMergedFromOneRoom(image);
		const [firstBracket] = fake.images.get(image.image_id).bracket_ids;
		const sample = brackets.find((bracket) => bracket.name === bracketName(firstBracket));
		expect(fake.imageBytes(image.image_id).equals(sample.bytes)).toBe(true);
	}
	await expectEnhancedFiles(execution, 'Enhance HDR', images, 'hdr');
});

test('hdr-step-by-step: create order, create and upload brackets, merge once, get the order until done, download', async () => {
	// Merging outlasts the first Get order, so the workflow's wait loop has to go round once.
	fake.configure({ mergingMs: 1_500 });
	const { execution, requests } = await runExample('hdr-step-by-step.json').finally(() =>
		fake.configure({ mergingMs: 50 }),
	);

	const [order] = execution.json('Create order');
	expect(calls(requests, 'POST', /^\/v3\/orders\/?$/)).toHaveLength(1);
	const created = execution.json('Create bracket');
	expect(created).toHaveLength(6);
	for (const bracket of created) {
		expect(bracket).toMatchObject({ order_id: order.order_id });
		expect(fake.brackets.has(bracket.image_id)).toBe(true);
	}
	expect(execution.json('Upload bracket').every((bracket) => bracket.uploaded === true)).toBe(true);
	const merges = calls(requests, 'POST', /^\/v3\/orders\/[^/]+\/(process|merge)$/);
	expect(merges.map((merge) => merge.path)).toEqual([expect.stringContaining(order.order_id)]);
	expect(merges[0].body).toMatchObject({ number_of_brackets_per_image: 3 });

	// The merge shows late (mergeStart: delayed): at first neither merging nor any photo, which the loop waits out.
	// Get order is version 2 with Simplify on: the order's photos are its image_ids.
	expect(execution.json('Get order', { run: 0 })).toEqual([expect.objectContaining({ is_merging: false, image_ids: [] })]);
	expect(execution.runData['Wait 5 seconds']).toHaveLength(1);
	const finished = execution.json('Get order', { run: 1 });
	expect(finished).toEqual([
		expect.objectContaining({ order_id: order.order_id, is_merging: false, is_processing: false }),
	]);
	const images = execution.json('Download photo');
	expect(images).toHaveLength(2);
	expect(images.map((image) => image.image_id).sort()).toEqual([...finished[0].image_ids].sort());
	for (const image of images) expectMergedFromOneRoom(image);
	await expectEnhancedFiles(execution, 'Download photo', images, 'step-by-step');
});
