// The Autoenhance Polling Trigger over real HTTP: orders are made and finished in the fake between
// polls; static data goes from one poll to the next as n8n saves it, as after a restart.
import { startFakeAutoenhance } from './fake-autoenhance/index.mjs';
import { binaryBuffer, runPoll } from './harness/index.mjs';
import { loadNode } from './support/package.mjs';
import { createOrder, credentialsFor } from './trigger-fixtures.mjs';

const { AutoenhancePollTrigger } = loadNode('AutoenhancePollTrigger.node.js');

let fake;

beforeEach(async () => {
	fake = await startFakeAutoenhance({ processingMs: 10 });
});

afterEach(async () => {
	await fake.close();
});

/** One poll; resolves with the emitted order IDs (null: nothing emitted) and the state n8n saves. */
async function poll(staticData, { parameters = {}, ...options } = {}) {
	const { output, staticData: saved } = await runPoll({
		node: new AutoenhancePollTrigger(),
		parameters,
		...credentialsFor(fake),
		staticData,
		...options,
	});
	return { output, orderIds: output && output[0].map((item) => item.json.order_id), staticData: saved };
}

const listCalls = () =>
	fake.requests.filter(
		(request) => request.listener === 'api' && request.method === 'GET' && request.path === '/v3/orders/',
	);

describe('emitting finished orders', () => {
	test('each order is emitted exactly once, across polls and a restart', async () => {
		const before = await createOrder(fake, ['old.jpg']);
		await before.finish();
		const inFlight = await createOrder(fake, ['in-flight.jpg']);

		// First activation: history is not emitted; the unfinished order is watched.
		const first = await poll(undefined);
		expect(first.output).toBeNull();

		const a = await createOrder(fake, ['a1.jpg', 'a2.jpg']);
		await inFlight.finish();
		await a.finish();
		const b = await createOrder(fake, ['b.jpg']);
		const second = await poll(first.staticData);
		expect(second.orderIds).toEqual([inFlight.orderId, a.orderId]);

		// n8n restarts: the node starts again from the static data saved with the last emit.
		const c = await createOrder(fake, ['c.jpg']);
		await c.finish();
		await b.finish();
		const third = await poll(second.staticData, { activation: 'init' });
		expect(third.orderIds).toEqual([b.orderId, c.orderId]);

		const fourth = await poll(third.staticData);
		expect(fourth.output).toBeNull();
		const emitted = [second, third].flatMap((run) => run.orderIds);
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).not.toContain(before.orderId);
	});

	test('an order that finishes after newer ones is still emitted, once', async () => {
		const first = await poll(undefined);
		const older = await createOrder(fake, ['slow.jpg']);
		const newer = await createOrder(fake, ['fast.jpg']);
		await newer.finish();

		const second = await poll(first.staticData);
		expect(second.orderIds).toEqual([newer.orderId]);
		expect(second.staticData.orderWatch.watching).toEqual({ [older.orderId]: expect.any(Number) });

		await older.finish();
		const third = await poll(second.staticData);
		expect(third.orderIds).toEqual([older.orderId]);
		expect(third.staticData.orderWatch.watching).toEqual({});
		expect((await poll(third.staticData)).output).toBeNull();
	});

	test('the item is the order as the API lists it', async () => {
		const first = await poll(undefined);
		const order = await createOrder(fake, ['a.jpg', 'b.corrupt.jpg']);
		await order.finish();
		const [[item]] = (await poll(first.staticData)).output;
		expect(item.json).toMatchObject({ order_id: order.orderId, is_processing: false, total_images: 2 });
		expect(item.json.images.map((image) => image.status)).toEqual(['processed', 'error']);
		expect(item.binary).toBeUndefined();
	});

	test('with download: one item per enhanced image, with its file', async () => {
		const first = await poll(undefined);
		const order = await createOrder(fake, ['lounge.jpg', 'broken.corrupt.jpg', 'porch.jpg']);
		await order.finish();
		const { output } = await poll(first.staticData, {
			parameters: { download: true, imageVersion: 'full', downloadOptions: { format: 'webp' } },
		});

		const [lounge, , porch] = order.imageIds;
		expect(output[0].map((item) => item.json.image_id).sort()).toEqual([lounge, porch].sort());
		for (const item of output[0]) {
			expect(item.json.order_id).toBe(order.orderId);
			expect(item.binary.data.fileName).toMatch(/\.webp$/);
			const expected = fake.expectedEnhanced(item.json.image_id, { preview: false, format: 'webp' });
			expect((await binaryBuffer(item)).equals(expected)).toBe(true);
		}
	});
});

describe('failed polls', () => {
	test('a poll whose list request fails leaves the state alone: the next one emits what it missed', async () => {
		const first = await poll(undefined);
		const order = await createOrder(fake, ['a.jpg']);
		await order.finish();

		fake.setFaults([{ kind: 'status', status: 403, listener: 'api', path: '/v3/orders' }]);
		await expect(poll(first.staticData)).rejects.toThrow('refused');
		fake.clearFaults();

		const next = await poll(first.staticData);
		expect(next.orderIds).toEqual([order.orderId]);
		expect((await poll(next.staticData)).output).toBeNull();
	});

	test('a poll that fails half way, while downloading, emits nothing twice and loses nothing', async () => {
		const parameters = { download: true };
		const first = await poll(undefined, { parameters });
		const a = await createOrder(fake, ['a.jpg']);
		const b = await createOrder(fake, ['b.jpg']);
		await a.finish();
		await b.finish();

		// The list is read and order a's image downloaded; then order b's download fails.
		fake.setFaults([{ kind: 'status', status: 403, listener: 'asset', path: `/${b.imageIds[0]}/` }]);
		await expect(poll(first.staticData, { parameters })).rejects.toThrow('The image download host refused');
		const downloads = fake.requests.filter((request) => request.listener === 'asset');
		expect(downloads.map((request) => [request.path.split('/')[1], request.status])).toEqual([
			[a.imageIds[0], 200],
			[b.imageIds[0], 403],
		]);
		fake.clearFaults();

		const next = await poll(first.staticData, { parameters });
		expect(next.output[0].map((item) => item.json.order_id)).toEqual([a.orderId, b.orderId]);
		expect((await poll(next.staticData, { parameters })).output).toBeNull();
	});
});

describe('how far it pages', () => {
	async function createOrders(count) {
		const orders = [];
		for (let n = 0; n < count; n++) orders.push(await createOrder(fake, [`photo-${n}.jpg`]));
		return orders;
	}

	test('first activation reads the last 72 hours; watched orders keep later scans reaching back to them', async () => {
		await createOrders(130);
		const first = await poll(undefined);
		// First activation looks at every order of the last 72 hours (the API gives 100 a page).
		expect(listCalls()).toHaveLength(2);
		expect(Object.keys(first.staticData.orderWatch.watching)).toHaveLength(130);

		const finished = await createOrder(fake, ['new.jpg']);
		await finished.finish();
		fake.requests.length = 0;
		// Watched orders reach back to the oldest one: both pages again.
		const second = await poll(first.staticData);
		expect(second.orderIds).toEqual([finished.orderId]);
		expect(listCalls()).toHaveLength(2);
	});

	test('with nothing watched, only the newest page is read', async () => {
		const orders = await createOrders(130);
		await Promise.all(orders.map((order) => order.finish()));
		const first = await poll(undefined);
		expect(first.staticData.orderWatch.watching).toEqual({});

		fake.requests.length = 0;
		expect((await poll(first.staticData)).output).toBeNull();
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0].query).toEqual({ per_page: '100' });
	});
});

describe('Fetch Test Event (manual mode)', () => {
	test('returns the newest finished order and leaves the state alone', async () => {
		const older = await createOrder(fake, ['older.jpg']);
		await older.finish();
		const newest = await createOrder(fake, ['newest.jpg']);
		await newest.finish();
		await createOrder(fake, ['unfinished.jpg']);

		const staticData = { orderWatch: { newestAt: 1, newestIds: [], watching: {} } };
		const { output, staticData: after } = await runPoll({
			node: new AutoenhancePollTrigger(),
			...credentialsFor(fake),
			mode: 'manual',
			staticData,
		});
		expect(output[0].map((item) => item.json.order_id)).toEqual([newest.orderId]);
		expect(after).toEqual(staticData);
	});

	test('with download, the sample carries the files', async () => {
		const order = await createOrder(fake, ['a.jpg']);
		await order.finish();
		const { output } = await runPoll({
			node: new AutoenhancePollTrigger(),
			parameters: { download: true },
			...credentialsFor(fake),
			mode: 'manual',
		});
		const [[item]] = output;
		expect((await binaryBuffer(item)).equals(fake.expectedEnhanced(order.imageIds[0]))).toBe(true);
	});

	test('says so when no order has finished yet', async () => {
		await createOrder(fake, ['unfinished.jpg']);
		await expect(
			runPoll({ node: new AutoenhancePollTrigger(), ...credentialsFor(fake), mode: 'manual' }),
		).rejects.toThrow('There is no finished order in this Autoenhance account yet');
	});
});
