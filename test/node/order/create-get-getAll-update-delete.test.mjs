// Order create / get / getAll / update / delete against the fake Autoenhance over real HTTP.
import { startFakeAutoenhance } from '../../../devkit/fake-autoenhance/index.mjs';
import { apiCalls as callsTo, runOrder as run } from '../../support/order-fixtures.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let fake;

beforeEach(async () => {
	fake = await startFakeAutoenhance();
});

afterEach(async () => {
	await fake.close();
});

const runOrder = (...args) => run(fake, ...args);
const apiCalls = (...args) => callsTo(fake, ...args);

async function createOrders(count) {
	const { output } = await runOrder('create', { orderName: '={{ "Listing " + $json.n }}' }, {
		items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
	});
	return output[0].map((item) => item.json.order_id);
}

describe('order create', () => {
	test('creates an order under a client-generated ID, so a retried create is safe', async () => {
		fake.setFaults([{ kind: 'status', status: 503, listener: 'api', method: 'POST', path: '/v3/orders', times: 1 }]);
		const { output } = await runOrder('create', { orderName: '12 High Street' });

		const [item] = output[0];
		expect(item.json.order_id).toMatch(UUID);
		expect(item.json.name).toBe('12 High Street');
		expect(item.pairedItem).toEqual({ item: 0 });
		// The create was repeated after the 503, which the transport does only for safe POSTs.
		expect(apiCalls('POST', '/v3/orders/').map((request) => request.status)).toEqual([503, 200]);
		expect([...fake.orders.keys()]).toEqual([item.json.order_id]);
	});

	test('a create whose answer is lost is found by its ID, not made twice', async () => {
		fake.setFaults([{ kind: 'drop', after: true, listener: 'api', method: 'POST', path: '/v3/orders', times: 1 }]);
		const { output } = await runOrder('create', { orderName: '12 High Street' });

		const orderId = output[0][0].json.order_id;
		expect(output[0][0].json).toMatchObject({ order_id: orderId, name: '12 High Street' });
		expect([...fake.orders.keys()]).toEqual([orderId]);
		expect(apiCalls('GET', `/v3/orders/${orderId}`)).toHaveLength(1);
	});

	test('uses the order ID the user gives', async () => {
		const { output } = await runOrder('create', { orderId: 'listing-4711' });
		expect(output[0][0].json.order_id).toBe('listing-4711');
		expect(fake.orders.get('listing-4711')).toBeDefined();
	});
});

describe('order get, update, delete', () => {
	test('gets an order by the ID on the input item', async () => {
		const [orderId] = await createOrders(1);
		const { output } = await runOrder('get', {}, { items: [{ json: { order_id: orderId } }] });
		expect(output[0][0].json).toMatchObject({ order_id: orderId, name: 'Listing 0', images: [] });
	});

	test('renames an order', async () => {
		const [orderId] = await createOrders(1);
		const { output } = await runOrder('update', { orderId, orderName: 'Renamed' });
		expect(output[0][0].json).toMatchObject({ order_id: orderId, name: 'Renamed' });
		expect(fake.orders.get(orderId).name).toBe('Renamed');
	});

	test('deletes an order and says which', async () => {
		const [orderId] = await createOrders(1);
		const { output } = await runOrder('delete', { orderId });
		expect(output[0][0].json).toEqual({ deleted: true, order_id: orderId });
		expect(fake.orders.has(orderId)).toBe(false);

		const { error } = await runOrder('get', { orderId }, { expectError: true });
		expect(error.message).toBe(`Order "${orderId}" was not found in Autoenhance (item 0)`);
	});

	test('an empty Order ID is an error naming the item and the field', async () => {
		const { error } = await runOrder('get', {}, { items: [{ json: {} }], expectError: true });
		expect(error.message).toBe('Order ID is empty (item 0)');
	});
});

describe('order getAll', () => {
	test('Return All follows the offset token through every page', async () => {
		fake.configure({ maxPerPage: 5 });
		const created = await createOrders(23);
		const { output } = await runOrder('getAll', { returnAll: true });

		const listed = output[0].map((item) => item.json.order_id);
		expect(listed).toHaveLength(23);
		expect(new Set(listed)).toEqual(new Set(created));
		expect(output[0].every((item) => item.pairedItem.item === 0)).toBe(true);
		const pages = apiCalls('GET', '/v3/orders/');
		expect(pages).toHaveLength(5);
		expect(pages[0].query.offset).toBeUndefined();
		expect(pages.slice(1).every((page) => page.query.offset)).toBe(true);
	});

	test('Limit returns that many with the fewest requests the page size allows', async () => {
		fake.configure({ maxPerPage: 5 });
		await createOrders(23);
		const { output } = await runOrder('getAll', { returnAll: false, limit: 7 });

		expect(output[0]).toHaveLength(7);
		expect(apiCalls('GET', '/v3/orders/').map((page) => page.query.per_page)).toEqual(['7', '2']);
	});

	test('Limit within one page takes one request', async () => {
		await createOrders(12);
		const { output } = await runOrder('getAll', { limit: 7 });

		expect(output[0]).toHaveLength(7);
		expect(apiCalls('GET', '/v3/orders/')).toHaveLength(1);
	});
});
