// The Autoenhance Polling Trigger over real HTTP: orders are made and finished in the fake between
// polls; static data goes from one poll to the next as n8n saves it, as after a restart.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { runPoll } from '../harness/index.mjs';
import { loadNode } from '../support/package.mjs';
import { createOrder, credentialsFor } from '../support/trigger-fixtures.mjs';

const { AutoenhancePollTrigger } = loadNode('AutoenhancePollTrigger.node.js');

let fake;

beforeEach(async () => {
	fake = await startFakeAutoenhance({ processingMs: 10 });
});

afterEach(async () => {
	await fake.close();
});

/**
 * One poll; resolves with the output, the IDs of the orders it emitted images of, in order (null:
 * nothing emitted), and the state n8n saves.
 */
async function poll(staticData, options = {}) {
	const { output, staticData: saved } = await runPoll({
		node: new AutoenhancePollTrigger(),
		...credentialsFor(fake),
		staticData,
		...options,
	});
	return { output, orderIds: output && [...new Set(output[0].map((item) => item.json.order_id))], staticData: saved };
}

const listCalls = () =>
	fake.requests.filter(
		(request) => request.listener === 'api' && request.method === 'GET' && request.path === '/v3/orders/',
	);

/** The orders as the API lists them now. */
async function listedOrders() {
	const response = await fetch(`${fake.apiUrl}/v3/orders/?per_page=100`, { headers: { 'x-api-key': fake.apiKey } });
	return (await response.json()).orders;
}

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

	test('one item per enhanced image, as the API lists it; failed images are left out', async () => {
		const first = await poll(undefined);
		const order = await createOrder(fake, ['lounge.jpg', 'broken.corrupt.jpg', 'porch.jpg']);
		await order.finish();
		const failedOnly = await createOrder(fake, ['also-broken.corrupt.jpg']);
		await failedOnly.finish();
		fake.requests.length = 0;
		const { output } = await poll(first.staticData);

		const [lounge, broken, porch] = order.imageIds;
		expect(fake.images.get(broken).status).toBe('error');
		// Only the list was read: downloading is Image › Download's job, after the trigger.
		expect(fake.requests).toEqual(listCalls());
		const listed = (await listedOrders()).find((o) => o.order_id === order.orderId);
		expect(output[0].map((item) => item.json)).toEqual(listed.images.filter((image) => image.status === 'processed'));
		expect(output[0].map((item) => item.json.image_id).sort()).toEqual([lounge, porch].sort());
		for (const item of output[0]) {
			expect(item.json).toMatchObject({ order_id: order.orderId, status: 'processed', image_name: expect.any(String) });
			expect(item.binary).toBeUndefined();
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
	test('returns the images of the newest finished order and leaves the state alone', async () => {
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
		expect(output[0].map((item) => item.json)).toEqual([
			expect.objectContaining({ image_id: newest.imageIds[0], order_id: newest.orderId, status: 'processed' }),
		]);
		expect(after).toEqual(staticData);
	});

	test('says so when no order has finished with an enhanced image yet', async () => {
		await createOrder(fake, ['unfinished.jpg']);
		const failed = await createOrder(fake, ['broken.corrupt.jpg']);
		await failed.finish();
		await expect(
			runPoll({ node: new AutoenhancePollTrigger(), ...credentialsFor(fake), mode: 'manual' }),
		).rejects.toThrow('There is no finished order with an enhanced image in this Autoenhance account yet');
	});
});
