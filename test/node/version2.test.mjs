// Version 2 of the Autoenhance node: orders and images through resource locators (from a list,
// by ID, by the order's web app URL), the list searches behind them, and Simplify.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { runListSearch } from '../harness/index.mjs';
import { processedImage, runImage } from '../support/image-fixtures.mjs';
import { runOrder } from '../support/order-fixtures.mjs';
import { Autoenhance, AutoenhanceApi } from '../support/package.mjs';

let fake;

beforeEach(async () => {
	fake = await startFakeAutoenhance({ processingMs: 100 });
});

afterEach(async () => {
	await fake.close();
});

const V2 = { typeVersion: 2 };
const json = (result) => result.output[0].map((item) => item.json);

/** Orders named "Listing 0" … created one after another, so the last is the newest. */
async function createOrders(count) {
	const created = await runOrder(fake, 'create', { orderName: '={{ "Listing " + $json.n }}' }, {
		items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
	});
	return json(created).map((order) => order.order_id);
}

const listSearch = (method, parameter, options = {}) =>
	runListSearch({
		node: new Autoenhance(),
		method,
		parameter,
		credentialTypes: [new AutoenhanceApi()],
		credentials: { autoenhanceApi: { apiKey: fake.apiKey, baseUrl: fake.apiUrl } },
		typeVersion: 2,
		...options,
	});

const SIMPLE_ORDER_KEYS = ['order_id', 'name', 'status', 'is_processing', 'is_merging', 'image_count', 'image_ids', 'created_at', 'last_updated_at'];

describe('the Order locator', () => {
	test.each([
		['From List', (id) => ({ __rl: true, mode: 'list', value: id, cachedResultName: 'Listing 0' })],
		['By ID', (id) => ({ __rl: true, mode: 'id', value: id })],
		['By URL', (id) => ({ __rl: true, mode: 'url', value: `https://app.autoenhance.ai/orders/${id}?images=3` })],
		['a plain ID from an expression', (id) => id],
	])('%s finds the order', async (_mode, locator) => {
		const [orderId] = await createOrders(1);
		const [order] = json(await runOrder(fake, 'get', { orderId: locator(orderId) }, V2));
		expect(order.order_id).toBe(orderId);
	});

	test('left as it starts out, Order and Image take the IDs of the input item, as in version 1', async () => {
		const processed = await processedImage(fake, 'kitchen.jpg');
		const [order] = json(await runOrder(fake, 'get', {}, { ...V2, items: [{ json: processed.json }] }));
		expect(order.order_id).toBe(processed.json.order_id);
		const [image] = json(await runImage(fake, 'get', {}, { ...V2, items: [{ json: processed.json }] }));
		expect(image.image_id).toBe(processed.json.image_id);
	});

	test('a URL that is not an Autoenhance order page is refused before any request', async () => {
		const before = fake.requests.length;
		const { error } = await runOrder(
			fake,
			'get',
			{ orderId: { __rl: true, mode: 'url', value: 'https://example.com/orders/123' } },
			{ ...V2, expectError: true },
		);
		expect(error.message).toMatch(/URL/i);
		expect(fake.requests.length).toBe(before);
	});
});

describe('Simplify', () => {
	test('Order › Get is simplified by default in version 2; off, it is the object version 1 returns', async () => {
		const [orderId] = await createOrders(1);
		const orderIdLocator = { __rl: true, mode: 'id', value: orderId };
		const [simple] = json(await runOrder(fake, 'get', { orderId: orderIdLocator }, V2));
		expect(Object.keys(simple)).toEqual(SIMPLE_ORDER_KEYS);
		expect(simple).toMatchObject({ order_id: orderId, name: 'Listing 0', image_count: 0, image_ids: [] });

		const [raw] = json(await runOrder(fake, 'get', { orderId: orderIdLocator, simplify: false }, V2));
		const [version1] = json(await runOrder(fake, 'get', { orderId }));
		expect(raw).toEqual(version1);
		expect(Object.keys(version1).length).toBeGreaterThan(SIMPLE_ORDER_KEYS.length);
	});

	test('Order › Create and Order › Update are simplified by default; off, they return what version 1 returns', async () => {
		const [created] = json(await runOrder(fake, 'create', { orderName: 'Listing A' }, V2));
		expect(Object.keys(created)).toEqual(SIMPLE_ORDER_KEYS);
		const orderId = { __rl: true, mode: 'id', value: created.order_id };
		const [updated] = json(await runOrder(fake, 'update', { orderId, orderName: 'Listing B' }, V2));
		expect(Object.keys(updated)).toEqual(SIMPLE_ORDER_KEYS);
		expect(updated).toMatchObject({ order_id: created.order_id, name: 'Listing B' });

		const [raw] = json(await runOrder(fake, 'update', { orderId, orderName: 'Listing C', simplify: false }, V2));
		const [version1] = json(await runOrder(fake, 'update', { orderId: created.order_id, orderName: 'Listing C' }));
		expect(Object.keys(raw).sort()).toEqual(Object.keys(version1).sort());
		expect(Object.keys(version1).length).toBeGreaterThan(SIMPLE_ORDER_KEYS.length);
	});

	test('Get Many returns simplified orders, newest first', async () => {
		const ids = await createOrders(3);
		const orders = json(await runOrder(fake, 'getAll', { returnAll: true }, V2));
		expect(orders.map((order) => order.order_id)).toEqual([...ids].reverse());
		for (const order of orders) expect(Object.keys(order)).toEqual(SIMPLE_ORDER_KEYS);
	});

	test('Image › Get and Image › Enhance give the fields a workflow acts on, at most ten', async () => {
		const processed = await processedImage(fake, 'kitchen.jpg');
		const imageId = processed.json.image_id;
		const [image] = json(await runImage(fake, 'get', { imageId: { __rl: true, mode: 'id', value: imageId } }, V2));
		expect(image).toEqual({
			image_id: imageId,
			image_name: 'kitchen.jpg',
			order_id: processed.json.order_id,
			status: 'processed',
			enhanced: true,
			error: null,
			downloaded: false,
			scene: null,
			enhance_type: expect.any(String),
			date_added: expect.any(Number),
		});

		const enhanced = await runImage(
			fake,
			'enhance',
			{ options: { pollInterval: 0.2 } },
			{ ...V2, items: [{ json: {}, binary: { data: { buffer: Buffer.from('jpeg'), fileName: 'garden.jpg', mimeType: 'image/jpeg' } } }] },
		);
		const [item] = enhanced.output[0];
		expect(Object.keys(item.json)).toEqual(Object.keys(image));
		expect(item.json).toMatchObject({ image_name: 'garden.jpg', status: 'processed', enhanced: true });
		expect(item.binary.data.fileName).toBe('garden.jpg');
	});
});

describe('list searches', () => {
	test('Order: newest first, named as in Autoenhance, with a link to the web app, paged', async () => {
		const ids = await createOrders(55);
		const first = await listSearch('searchOrders', 'orderId', { parameters: { resource: 'order', operation: 'get' } });
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({
			name: 'Listing 54',
			value: ids[54],
			url: `https://app.autoenhance.ai/orders/${ids[54]}`,
		});
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await listSearch('searchOrders', 'orderId', { paginationToken: first.paginationToken });
		expect([...first.results, ...second.results].map((result) => result.value)).toEqual([...ids].reverse());
		expect(second.paginationToken).toBeUndefined();
	});

	test('Order: the search box filters by name', async () => {
		await createOrders(12);
		const { results } = await listSearch('searchOrders', 'orderId', { filter: 'listing 1' });
		expect(results.map((result) => result.name)).toEqual(['Listing 11', 'Listing 10', 'Listing 1']);
	});

	test('Image: the images of recent orders, named with their order; the search box finds an order', async () => {
		const kitchen = await processedImage(fake, 'kitchen.jpg');
		const garden = await processedImage(fake, 'garden.jpg');
		await runOrder(fake, 'update', { orderId: kitchen.json.order_id, orderName: '12 High Street' });
		const all = await listSearch('searchImages', 'imageId', { parameters: { resource: 'image', operation: 'get' } });
		expect(all.results.map((result) => result.value)).toEqual([garden.json.image_id, kitchen.json.image_id]);
		expect(all.results[1].name).toBe('kitchen.jpg (12 High Street)');

		const found = await listSearch('searchImages', 'imageId', { filter: 'high street' });
		expect(found.results.map((result) => result.value)).toEqual([kitchen.json.image_id]);
	});
});
