// Image › Enhance (create + upload + wait + download in one step) against the fake over real HTTP.
import { binaryBuffer } from '../../harness/index.mjs';
import { BINARY_MODES, digest, itemsOf, photo, photoItem, requestsTo, runImage, startFake } from '../../support/image-fixtures.mjs';

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake?.close());
afterEach(() => fake.configure({ processingMs: 100 }));

const quickPolls = { pollInterval: 0.2 };

describe.each(BINARY_MODES)('binary mode %s', (binaryMode) => {
	test('enhances each photo and puts the enhanced preview in its place, keeping the other files', async () => {
		const orderId = `listing-${binaryMode}`;
		const items = [photoItem('kitchen.jpg'), photoItem('garden.jpeg')];
		items[0].binary.floorPlan = photo('plan.png');
		const result = await runImage(fake, 'enhance', { orderId, options: quickPolls }, { items, binaryMode });

		const output = itemsOf(result);
		expect(output.map((item) => item.json.image_name)).toEqual(['kitchen.jpg', 'garden.jpeg']);
		for (const [index, item] of output.entries()) {
			expect(item.json).toMatchObject({ status: 'processed', order_id: orderId, downloaded: false });
			expect(item.pairedItem).toEqual({ item: index });
			expect(digest(fake.imageBytes(item.json.image_id))).toBe(digest(items[index].binary.data.buffer));
			const enhanced = fake.expectedEnhanced(item.json.image_id, { preview: true });
			expect(digest(await binaryBuffer(item, 'data'))).toBe(digest(enhanced));
			expect(item.binary.data.mimeType).toBe('image/jpeg');
		}
		expect(output[0].binary.data.fileName).toBe('kitchen.jpg');
		expect(output[1].binary.data.fileName).toBe('garden.jpg');
		expect(digest(await binaryBuffer(output[0], 'floorPlan'))).toBe(digest(items[0].binary.floorPlan.buffer));
		// The two items register at the same time, so the order may list them either way round.
		const registered = [...fake.orders.get(orderId).image_ids].sort();
		expect(registered).toEqual(output.map((item) => item.json.image_id).sort());
	});

	test('full size spends the credit, downloads into its own field and keeps the original photo', async () => {
		const item = photoItem('lounge.jpg');
		const result = await runImage(
			fake,
			'enhance',
			{
				imageVersion: 'full',
				downloadOptions: { format: 'png', outputBinaryPropertyName: 'enhanced' },
				settings: { enhanceType: 'warm', aiVersion: '5.x' },
				options: { ...quickPolls, imageName: 'Lounge – 12 Elm St.jpg' },
			},
			{ items: [item], binaryMode },
		);
		const [output] = itemsOf(result);
		const imageId = output.json.image_id;
		expect(output.json).toMatchObject({ image_name: 'Lounge – 12 Elm St.jpg', enhance_type: 'warm', ai_version: '5.x' });
		expect(digest(await binaryBuffer(output, 'data'))).toBe(digest(item.binary.data.buffer));
		expect(digest(await binaryBuffer(output, 'enhanced'))).toBe(
			digest(fake.expectedEnhanced(imageId, { preview: false, format: 'png' })),
		);
		expect(output.binary.enhanced).toMatchObject({ fileName: 'Lounge – 12 Elm St.png', mimeType: 'image/png' });
		expect(fake.images.get(imageId).downloaded).toBe(true);
	});

	test('Continue On Fail: one photo missing out of five gives four results and one error, in order', async () => {
		const items = ['a.jpg', 'b.jpg', null, 'd.jpg', 'e.jpg'].map((name, index) =>
			name ? photoItem(name) : { json: { note: `item ${index} lost its file` } },
		);
		const result = await runImage(fake, 'enhance', { options: quickPolls }, { items, binaryMode, continueOnFail: true });
		const output = itemsOf(result);

		expect(output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
		expect(output.map((item) => item.json.image_name ?? null)).toEqual(['a.jpg', 'b.jpg', null, 'd.jpg', 'e.jpg']);
		expect(output[2].json.error).toBe('Item 2 has no binary property "data"');
		for (const index of [0, 1, 3, 4]) {
			expect(digest(await binaryBuffer(output[index], 'data'))).toBe(
				digest(fake.expectedEnhanced(output[index].json.image_id, { preview: true })),
			);
		}
	});
});

test('without waiting, passes on the image as it is now and the photo unchanged', async () => {
	fake.configure({ processingMs: 2000 });
	const item = photoItem('hall.jpg');
	const [output] = itemsOf(await runImage(fake, 'enhance', { waitForCompletion: false }, { items: [item] }));
	expect(output.json.status).toBe('processing');
	expect(output.json.upload_url ?? output.json.s3PutObjectUrl).toBeUndefined();
	expect(digest(await binaryBuffer(output, 'data'))).toBe(digest(item.binary.data.buffer));
	const downloads = requestsTo(fake, 'api').filter((request) => request.path.startsWith(`/v3/images/${output.json.image_id}/`));
	expect(downloads).toEqual([]);
});

test('20 photos with 2 s of processing each take about one processing time, at the default concurrency', async () => {
	const processingMs = 2000;
	fake.configure({ processingMs });
	const items = Array.from({ length: 20 }, (_, index) => photoItem(`room-${index + 1}.jpg`));
	const started = Date.now();
	const result = await runImage(fake, 'enhance', {}, { items, binaryMode: 'filesystem' });
	const elapsed = Date.now() - started;
	console.log(`enhance of 20 photos, ${processingMs} ms processing each: ${elapsed} ms`);

	const output = itemsOf(result);
	expect(output.map((item) => item.json.image_name)).toEqual(items.map((item) => item.binary.data.fileName));
	expect(output.every((item) => item.json.status === 'processed' && item.binary.data.fileSize)).toBe(true);
	expect(elapsed).toBeGreaterThanOrEqual(processingMs);
	expect(elapsed).toBeLessThan(2 * processingMs + 1000);
});

test('status checks start one gap apart, however long each answer takes', async () => {
	const latencyMs = 400;
	fake.configure({ processingMs: 2600, latencyMs });
	try {
		const [output] = itemsOf(await runImage(fake, 'enhance', { download: false }, { items: [photoItem('loft.jpg')] }));
		expect(output.json.status).toBe('processed');
		const checks = requestsTo(fake, 'api')
			.filter((request) => request.method === 'GET' && request.path === `/v3/images/${output.json.image_id}`)
			.map((request) => request.at);
		const gaps = checks.slice(1).map((at, index) => at - checks[index]);
		console.log(`status checks ${gaps.map((gap) => `${gap} ms`).join(', ')} apart, with ${latencyMs} ms a request`);
		expect(gaps.length).toBeGreaterThanOrEqual(2);
		// First Check After is 1 s: counted from the end of each answer, the gaps would be 1.4 s.
		for (const gap of gaps) expect(gap).toBeLessThan(1000 + latencyMs / 2);
	} finally {
		fake.configure({ latencyMs: 0 });
	}
});

describe('a wait that runs out', () => {
	const slow = { options: { pollInterval: 0.2, maxWait: 1 } };

	test('fails naming the image and its last status', async () => {
		fake.configure({ processingMs: 3000 });
		const { error } = await runImage(fake, 'enhance', slow, { items: [photoItem('attic.jpg')], expectError: true });
		const image = [...fake.images.values()].find((candidate) => candidate.image_name === 'attic.jpg');
		expect(error.message).toBe(`Image "${image.image_id}" did not finish within 1 s; last status "processing"`);
	});

	test('with On Timeout = Return Last State, passes the image on with its last status', async () => {
		fake.configure({ processingMs: 3000 });
		const item = photoItem('cellar.jpg');
		const parameters = { options: { ...slow.options, onTimeout: 'returnLastState' } };
		const [output] = itemsOf(await runImage(fake, 'enhance', parameters, { items: [item] }));
		expect(output.json).toMatchObject({ image_name: 'cellar.jpg', status: 'processing' });
		expect(digest(await binaryBuffer(output, 'data'))).toBe(digest(item.binary.data.buffer));
	});
});

test('neither uploads nor downloads of the files ever carry the API key', () => {
	const offApi = [...requestsTo(fake, 'upload'), ...requestsTo(fake, 'asset')];
	expect(offApi.length).toBeGreaterThan(20);
	for (const request of offApi) {
		expect(request.headers['x-api-key']).toBeUndefined();
		expect(JSON.stringify(request)).not.toContain(fake.apiKey);
	}
});
