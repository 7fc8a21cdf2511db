// Order › Enhance HDR: every input file a bracket of one order, uploaded, merged once, waited
// for and downloaded; against the fake Autoenhance over real HTTP.
import { binaryBuffer } from '../../harness/index.mjs';
import { BINARY_MODES, photo, startFake } from '../../support/image-fixtures.mjs';
import { apiCalls, bracketItems, registeredNames, runOrder, trailerBrackets } from '../../support/order-fixtures.mjs';

const FAST_POLL = { pollInterval: 0.2 };

let fake;
beforeEach(async () => {
	fake = await startFake({ processingMs: 50, mergingMs: 50 });
});
afterEach(async () => await fake.close());

const enhanceHdr = (parameters, run) =>
	runOrder(fake, 'enhanceHdr', { options: FAST_POLL, ...parameters }, run);

/** For each output item: the input file names of the brackets its downloaded bytes name. */
async function bracketNamesOf(items) {
	return await Promise.all(
		items.map(async (item) =>
			trailerBrackets(await binaryBuffer(item)).map((id) => fake.brackets.get(id).name),
		),
	);
}

describe.each(BINARY_MODES)('binary mode %s', (binaryMode) => {
	test('9 brackets, 3 per image: 3 photos made from the right brackets, in input order', async () => {
		const items = bracketItems(9);
		const { output } = await enhanceHdr({ numberOfBracketsPerImage: 3, orderName: '12 High Street' }, {
			items,
			binaryMode,
		});

		const photos = output[0];
		expect(photos).toHaveLength(3);
		const orderId = photos[0].json.order_id;
		expect(fake.orders.get(orderId).name).toBe('12 High Street');
		expect(await bracketNamesOf(photos)).toEqual([
			['IMG_0.jpg', 'IMG_1.jpg', 'IMG_2.jpg'],
			['IMG_3.jpg', 'IMG_4.jpg', 'IMG_5.jpg'],
			['IMG_6.jpg', 'IMG_7.jpg', 'IMG_8.jpg'],
		]);
		for (const [k, item] of photos.entries()) {
			expect(item.json).toMatchObject({ order_id: orderId, image_name: `IMG_${3 * k}.jpg`, status: 'processed' });
			expect(item.pairedItem).toEqual([{ item: 3 * k }, { item: 3 * k + 1 }, { item: 3 * k + 2 }]);
			expect(item.binary.data.fileName).toBe(`IMG_${3 * k}.jpg`);
			const bytes = await binaryBuffer(item);
			// Buffer.equals: jest's toEqual walks large buffers byte by byte.
			expect(bytes.equals(fake.expectedEnhanced(item.json.image_id))).toBe(true);
			// The enhanced photo starts from its group's first bracket, as sent.
			const first = items[3 * k].binary.data.buffer;
			expect(bytes.subarray(0, first.length).equals(first)).toBe(true);
		}
	});
});

test('automatic grouping sends no group size and lets Autoenhance decide', async () => {
	// The fake groups automatically in threes: 4 brackets make photos of 3 and 1.
	const { output } = await enhanceHdr({ numberOfBracketsPerImage: 0, download: false }, { items: bracketItems(4) });

	const photos = output[0];
	expect(photos.map((item) => item.pairedItem)).toEqual([
		[{ item: 0 }, { item: 1 }, { item: 2 }],
		[{ item: 3 }],
	]);
	expect(photos.every((item) => item.binary === undefined)).toBe(true);
	const merged = photos.map((item) => fake.images.get(item.json.image_id).bracket_ids.length);
	expect(merged).toEqual([3, 1]);
});

test('uploads run concurrently, while brackets are registered in input order', async () => {
	const uploadMs = 300;
	fake.setFaults([
		{ kind: 'latency', listener: 'upload', delayMs: uploadMs },
		// Registrations that overtook each other would show up as a shuffled bracket order.
		{ kind: 'latency', listener: 'api', method: 'POST', path: '/v3/brackets', probability: 0.5, delayMs: 40 },
	]);
	const started = Date.now();
	const { output } = await enhanceHdr(
		{ numberOfBracketsPerImage: 3, waitForCompletion: false, options: { concurrency: 6 } },
		{ items: bracketItems(9) },
	);
	const wallMs = Date.now() - started;

	const uploadStarts = fake.requests.filter((request) => request.listener === 'upload').map((request) => request.at);
	const mostInFlight = Math.max(
		...uploadStarts.map((at) => uploadStarts.filter((other) => other <= at && other > at - uploadMs).length),
	);
	const serialUploadMs = 9 * uploadMs;
	console.log(
		`enhanceHdr, 9 brackets, ${uploadMs} ms per upload, concurrency 6: ${wallMs} ms in all, ` +
			`at most ${mostInFlight} uploads at once (one by one, the uploads alone take ≥ ${serialUploadMs} ms)`,
	);
	expect(uploadStarts).toHaveLength(9);
	expect(wallMs).toBeLessThan(serialUploadMs / 2);
	expect(mostInFlight).toBeGreaterThan(1);
	const orderId = output[0][0].json.order_id;
	expect(registeredNames(fake, orderId)).toEqual(bracketItems(9).map((item) => item.binary.data.fileName));
});

/** The most requests of one kind the fake was serving at the same moment. */
function mostAtOnce(requests) {
	return Math.max(0, ...requests.map(({ at }) => requests.filter((other) => other.at <= at && at < other.endedAt).length));
}

test('the API gets at most Concurrency requests at once; the storage hosts up to 10 transfers', async () => {
	fake.setFaults([
		{ kind: 'latency', listener: 'api', delayMs: 60 },
		{ kind: 'latency', listener: 'upload', delayMs: 200 },
		{ kind: 'latency', listener: 'asset', delayMs: 200 },
	]);
	const { output } = await enhanceHdr({ numberOfBracketsPerImage: 0, options: { ...FAST_POLL, concurrency: 2 } }, { items: bracketItems(36) });
	expect(output[0]).toHaveLength(12);

	const of = (listener, method, path = /./) =>
		fake.requests.filter((request) => request.listener === listener && request.method === method && path.test(request.path));
	const registrations = of('api', 'POST', /^\/v3\/brackets\/?$/);
	const downloadLinks = of('api', 'GET', /\/enhanced$/);
	const [uploads, downloads] = [of('upload', 'PUT'), of('asset', 'GET')];
	const most = { registrations, uploads, downloadLinks, downloads };
	for (const [kind, requests] of Object.entries(most)) most[kind] = mostAtOnce(requests);
	console.log(`enhanceHdr, 36 brackets, concurrency 2: at most at once ${JSON.stringify(most)}`);
	expect(registrations).toHaveLength(36);
	expect(most.registrations).toBeLessThanOrEqual(2);
	expect(most.downloadLinks).toBeLessThanOrEqual(2);
	expect(most.uploads).toBeGreaterThan(2);
	expect(most.uploads).toBeLessThanOrEqual(10);
	expect(most.downloads).toBeGreaterThan(2);
	expect(most.downloads).toBeLessThanOrEqual(10);
});

test('the status check that sees the order done carries the bracket list: only downloads follow it', async () => {
	fake.setFaults([{ kind: 'latency', listener: 'api', delayMs: 30 }]);
	const { output } = await enhanceHdr({ numberOfBracketsPerImage: 3 }, { items: bracketItems(6) });
	expect(output[0]).toHaveLength(2);

	const orderId = output[0][0].json.order_id;
	const api = fake.requests.filter((request) => request.listener === 'api');
	const statusChecks = api.filter((request) => request.method === 'GET' && request.path === `/v3/orders/${orderId}`);
	const lastCheck = statusChecks.at(-1);
	const after = api.filter((request) => request.at >= lastCheck.endedAt).map((request) => `${request.method} ${request.path}`);
	expect(after).toEqual(output[0].map((item) => `GET /v3/images/${item.json.image_id}/enhanced`));
});

test('without waiting: one item with the merging order, paired with every input', async () => {
	const { output } = await enhanceHdr({ numberOfBracketsPerImage: 3, waitForCompletion: false }, {
		items: bracketItems(6),
	});

	expect(output[0]).toHaveLength(1);
	const [item] = output[0];
	expect(item.json).toMatchObject({ is_merging: true });
	expect(fake.orders.has(item.json.order_id)).toBe(true);
	expect(item.pairedItem).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ item: n })));
	expect(apiCalls(fake, 'POST', `/v3/orders/${item.json.order_id}/process`)).toHaveLength(1);
});

test('every binary field of each item can be a bracket; same file names stay apart', async () => {
	const items = [0, 1].map((n) => ({
		json: {},
		binary: { data: photo('bracket.jpg'), data_1: photo('bracket.jpg'), data_2: photo(`other-${n}.jpg`) },
	}));
	const { output } = await enhanceHdr(
		{ numberOfBracketsPerImage: 3, download: false, options: { ...FAST_POLL, allBinaryFields: true } },
		{ items },
	);

	expect(output[0].map((item) => item.pairedItem)).toEqual([[{ item: 0 }], [{ item: 1 }]]);
	expect(registeredNames(fake, output[0][0].json.order_id)).toEqual([
		'bracket.jpg',
		'bracket (2).jpg',
		'other-0.jpg',
		'bracket (3).jpg',
		'bracket (4).jpg',
		'other-1.jpg',
	]);
});

test('no request to the upload or asset host carries the API key', async () => {
	await enhanceHdr({ numberOfBracketsPerImage: 3 }, { items: bracketItems(6) });

	const offApi = fake.requests.filter((request) => request.listener !== 'api');
	expect(offApi.filter((request) => request.listener === 'upload')).toHaveLength(6);
	expect(offApi.filter((request) => request.listener === 'asset')).toHaveLength(2);
	for (const request of offApi) {
		expect(request.headers['x-api-key']).toBeUndefined();
		expect(JSON.stringify(request)).not.toContain(fake.apiKey);
	}
});

describe('mistakes fail clearly, before an order is made', () => {
	test('one bracket: HDR needs at least two', async () => {
		const { error } = await enhanceHdr({}, { items: bracketItems(1), expectError: true });
		expect(error.message).toBe('HDR needs at least 2 brackets, but the input holds only 1 ("IMG_0.jpg" in item 0)');
		expect(fake.orders.size).toBe(0);
	});

	test('an item without its file is named', async () => {
		const items = bracketItems(3);
		delete items[1].binary;
		const { error } = await enhanceHdr({}, { items, expectError: true });
		expect(error.message).toBe('Item 1 has no binary property "data"');
		expect(fake.orders.size).toBe(0);
	});

	test('one bracket per image is no HDR', async () => {
		const { error } = await enhanceHdr({ numberOfBracketsPerImage: 1 }, { items: bracketItems(2), expectError: true });
		expect(error.message).toBe('Brackets per Image is 1 (item 0)');
		expect(fake.orders.size).toBe(0);
	});

	test('a fixed group size that leaves a bracket over', async () => {
		const { error } = await enhanceHdr({ numberOfBracketsPerImage: 3 }, { items: bracketItems(8), expectError: true });
		expect(error.message).toBe('8 brackets do not make whole images of 3 brackets each');
		expect(fake.orders.size).toBe(0);
	});
});

describe('a bracket that cannot be uploaded', () => {
	const refuseFirstUpload = () =>
		fake.setFaults([{ kind: 'status', status: 403, listener: 'upload', times: 1 }]);

	test('fails naming the file and item, and nothing is merged', async () => {
		refuseFirstUpload();
		const { error } = await enhanceHdr({ numberOfBracketsPerImage: 3 }, { items: bracketItems(6), expectError: true });

		expect(error.message).toMatch(/^Could not upload bracket "IMG_0\.jpg" \(item 0, field "data"\): The upload host refused/);
		expect(error.description).toMatch(/^Nothing was merged; order "[^"]+" holds the brackets uploaded so far\./);
		expect(fake.requests.some((request) => request.path.endsWith('/process'))).toBe(false);
	});

	test('with Continue On Fail: one error item, paired with every input', async () => {
		refuseFirstUpload();
		const { output } = await enhanceHdr({ numberOfBracketsPerImage: 3 }, { items: bracketItems(6), continueOnFail: true });

		expect(output[0]).toHaveLength(1);
		expect(output[0][0].json.error).toMatch(/^Could not upload bracket "IMG_0\.jpg"/);
		expect(output[0][0].pairedItem).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ item: n })));
	});
});
