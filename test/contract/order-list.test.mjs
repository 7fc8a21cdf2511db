// The order list's order is undocumented: the Polling Trigger reports each finished order exactly
// once, and Get Many returns each order once, whether the API lists newest first, oldest first or
// in no stable order (and whether it deletes orders or keeps them with is_deleted).
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { VARIANTS } from '../../devkit/fake-autoenhance/variants.mjs';
import { runPoll } from '../harness/index.mjs';
import { runOrder } from '../support/order-fixtures.mjs';
import { loadNode } from '../support/package.mjs';
import { createOrder, credentialsFor } from '../support/trigger-fixtures.mjs';

const { AutoenhancePollTrigger } = loadNode('AutoenhancePollTrigger.node.js');

let fake;
afterEach(async () => await fake?.close());

async function poll(staticData) {
	const { output, staticData: saved } = await runPoll({ node: new AutoenhancePollTrigger(), ...credentialsFor(fake), staticData });
	return { orderIds: output ? [...new Set(output[0].map((item) => item.json.order_id))] : [], staticData: saved };
}

async function createOrders(count, prefix) {
	const orders = [];
	for (let n = 0; n < count; n++) orders.push(await createOrder(fake, [`${prefix}-${n}.jpg`]));
	return orders;
}

describe.each(VARIANTS.orderList)('orders listed %s', (orderList) => {
	beforeEach(async () => {
		// Small pages, so the trigger pages through the list and its order matters.
		fake = await startFakeAutoenhance({ processingMs: 10, maxPerPage: 4, variants: { orderList, deletion: 'soft' } });
	});

	test('the Polling Trigger reports each finished order exactly once, oldest first', async () => {
		const history = await createOrders(25, 'history');
		await Promise.all(history.map((order) => order.finish()));
		const [slow, deleted] = await createOrders(2, 'in-flight');
		const first = await poll(undefined);
		expect(first.orderIds).toEqual([]);

		const [a, b, c] = await createOrders(3, 'new');
		await a.finish();
		await slow.finish();
		await c.finish();
		await fetch(`${fake.apiUrl}/v3/orders/${deleted.orderId}`, { method: 'DELETE', headers: { 'x-api-key': fake.apiKey } });
		const second = await poll(first.staticData);
		expect(second.orderIds).toEqual([slow.orderId, a.orderId, c.orderId]);

		await b.finish();
		const [d] = await createOrders(1, 'later');
		await d.finish();
		const third = await poll(second.staticData);
		expect(third.orderIds).toEqual([b.orderId, d.orderId]);
		expect((await poll(third.staticData)).orderIds).toEqual([]);
	});

	test('Get Many returns each live order once, all of them or up to the limit', async () => {
		const orders = await createOrders(11, 'listing');
		await fetch(`${fake.apiUrl}/v3/orders/${orders[3].orderId}`, { method: 'DELETE', headers: { 'x-api-key': fake.apiKey } });
		const live = orders.filter((_, n) => n !== 3).map((order) => order.orderId);

		const all = (await runOrder(fake, 'getAll', { returnAll: true })).output[0].map((item) => item.json.order_id);
		expect([...all].sort()).toEqual([...live].sort());
		const some = (await runOrder(fake, 'getAll', { limit: 6 })).output[0].map((item) => item.json.order_id);
		expect(some).toHaveLength(6);
		expect(new Set(some).size).toBe(6);
		expect(live).toEqual(expect.arrayContaining(some));
	});
});
