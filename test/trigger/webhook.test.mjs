// The Autoenhance Trigger (webhook) over real HTTP: the fake sends its webhooks to the harness's
// webhook host as Autoenhance would; bad requests are made by hand.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { startWebhookHost } from '../harness/index.mjs';
import { loadNode } from '../support/package.mjs';
import { createOrder, credentialsFor, deliveriesSettled } from '../support/trigger-fixtures.mjs';

const { AutoenhanceTrigger } = loadNode('AutoenhanceTrigger.node.js');

const TOKEN = 'whk-5f1c2a9e7d3b48b6a0e4';

let fake;
let host;

beforeEach(async () => {
	fake = await startFakeAutoenhance({ processingMs: 200 });
});

afterEach(async () => {
	await host?.close();
	host = undefined;
	await fake.close();
});

async function startTrigger(parameters = {}, credentialExtra = { webhookToken: TOKEN }) {
	host = await startWebhookHost({
		node: new AutoenhanceTrigger(),
		parameters,
		...credentialsFor(fake, credentialExtra),
		activate: true,
	});
	return host;
}

/** Items each answered request started the workflow with (none when it started nothing). */
const startedItems = () => host.deliveries.filter((d) => d.workflowData).map((d) => d.workflowData[0]);

async function post(body, headers = {}) {
	const response = await fetch(host.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
	});
	return { status: response.status, body: await response.text() };
}

const imageProcessed = (overrides = {}) => ({
	event: 'image_processed',
	image_id: 'img-1',
	error: false,
	order_id: 'ord-1',
	order_is_processing: true,
	...overrides,
});

describe('deliveries from Autoenhance', () => {
	test('an enhanced image starts the workflow with the whole image, when fetched, and no file', async () => {
		await startTrigger({ events: ['imageEnhanced'], fetchDetails: true });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['kitchen.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		const [imageId] = order.imageIds;
		expect(fake.webhookDeliveries.map((d) => [d.body.event, d.status])).toEqual([
			['webhook_updated', 200],
			['image_processed', 200],
		]);
		const runs = startedItems();
		expect(runs).toHaveLength(1);
		const [item] = runs[0];
		expect(item.json).toMatchObject({ image_id: imageId, order_id: order.orderId, image_name: 'kitchen.jpg', status: 'processed' });
		expect(item.binary).toBeUndefined();
		// Nothing is downloaded: that is Image › Download's job, after the trigger.
		expect(fake.requests.filter((r) => r.listener === 'asset')).toEqual([]);
	});

	test('without Fetch Full Details the item is what Autoenhance sent, and the API is not called', async () => {
		await startTrigger({ events: ['imageEnhanced'] });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['hall.jpg']);
		fake.requests.length = 0;
		await order.finish();
		await deliveriesSettled(fake);

		expect(startedItems()).toEqual([
			[
				{
					json: {
						event: 'image_processed',
						image_id: order.imageIds[0],
						error: false,
						order_id: order.orderId,
						order_is_processing: false,
					},
				},
			],
		]);
		expect(fake.requests.filter((r) => r.listener === 'api')).toEqual([]);
	});

	test('order completed with Fetch Full Details: one execution, one item per enhanced image, failed ones left out', async () => {
		await startTrigger({ events: ['orderCompleted'], fetchDetails: true });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['a.jpg', 'b.jpg', 'c.corrupt.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		// Three image deliveries; only the last one (order_is_processing: false) completes the order.
		expect(fake.webhookDeliveries.filter((d) => d.body.event === 'image_processed')).toHaveLength(3);
		const runs = startedItems();
		expect(runs).toHaveLength(1);
		const [aId, bId, cId] = order.imageIds;
		expect(fake.images.get(cId).status).toBe('error');
		// Each item is the image as the API returns it: what Image › Download reads from $json.image_id.
		const apiOrder = await (await fetch(`${fake.apiUrl}/v3/orders/${order.orderId}`, { headers: { 'x-api-key': fake.apiKey } })).json();
		const served = new Map(apiOrder.images.map((image) => [image.image_id, image]));
		expect(runs[0].map((item) => item.json.image_id).sort()).toEqual([aId, bId].sort());
		for (const item of runs[0]) {
			expect(item.json).toEqual(served.get(item.json.image_id));
			expect(item.json).toMatchObject({ order_id: order.orderId, status: 'processed', image_name: expect.any(String) });
			expect(item.binary).toBeUndefined();
		}
	});

	test('order completed without Fetch Full Details is the delivery itself, one item', async () => {
		await startTrigger({ events: ['orderCompleted'] });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['a.jpg', 'b.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		const [[item], ...others] = startedItems();
		expect(others).toEqual([]);
		expect(item.json).toMatchObject({ event: 'image_processed', order_id: order.orderId, order_is_processing: false });
	});

	test('an order whose images all failed completes with nothing to start', async () => {
		await startTrigger({ events: ['orderCompleted'], fetchDetails: true });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['broken.corrupt.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		expect(fake.webhookDeliveries.find((d) => d.body.event === 'image_processed').status).toBe(200);
		expect(startedItems()).toEqual([]);
	});

	test('a failed image is reported as Image Failed, with its status reason when fetched', async () => {
		await startTrigger({ events: ['imageFailed'], fetchDetails: true });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['ok.jpg', 'broken.corrupt.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		const runs = startedItems();
		expect(runs).toHaveLength(1);
		expect(runs[0][0].json).toMatchObject({ image_id: order.imageIds[1], status: 'error' });
		expect(runs[0][0].json.status_reason).toEqual(expect.any(String));
	});

	test('the last image of an order is both an image event and Order Completed: image item first, then the order\'s images', async () => {
		await startTrigger({ events: ['imageEnhanced', 'orderCompleted'], fetchDetails: true });
		await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['only.jpg']);
		await order.finish();
		await deliveriesSettled(fake);

		const [[imageItem, orderImageItem, ...more]] = startedItems();
		expect(imageItem.json).toMatchObject({ image_id: order.imageIds[0], status: 'processed' });
		expect(orderImageItem.json).toMatchObject({ image_id: order.imageIds[0], order_id: order.orderId });
		expect(more).toEqual([]);
	});

	test('saving the settings in Autoenhance (webhook_updated) starts the workflow when selected', async () => {
		await startTrigger({ events: ['webhookUpdated'] });
		const delivery = await fake.setWebhook({ url: host.url, token: TOKEN });
		expect(delivery.status).toBe(200);
		expect(startedItems()).toEqual([[{ json: { event: 'webhook_updated' } }]]);
	});

	test('events that are not selected are answered 200 and start nothing', async () => {
		await startTrigger({ events: ['orderCompleted'] });
		const delivery = await fake.setWebhook({ url: host.url, token: TOKEN });
		const order = await createOrder(fake, ['a.jpg', 'b.jpg']);
		expect(delivery.status).toBe(200);
		// An image that is not the last of its order is no Order Completed.
		const response = await post(imageProcessed({ image_id: order.imageIds[0], order_id: order.orderId }), {
			authorization: TOKEN,
		});
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ message: 'Received; no event this trigger listens to' });
		expect(startedItems()).toEqual([]);
	});

	test('an event type this version does not know is acknowledged and starts nothing', async () => {
		await startTrigger({ events: ['imageEnhanced', 'imageFailed', 'orderCompleted', 'webhookUpdated'] });
		const response = await post({ event: 'order_deleted', order_id: 'x' }, { authorization: TOKEN });
		expect(response.status).toBe(200);
		expect(startedItems()).toEqual([]);
	});
});

describe('the webhook token', () => {
	const body = imageProcessed();

	test.each([
		['as it is', TOKEN],
		['as a bearer token', `Bearer ${TOKEN}`],
		['as a bearer token, any case and spacing', `bearer   ${TOKEN}`],
	])('is accepted %s in Authorization', async (_how, value) => {
		await startTrigger({ events: ['imageEnhanced'] });
		const response = await post(body, { authorization: value });
		expect(response.status).toBe(200);
		expect(JSON.parse(response.body)).toEqual({ message: 'Workflow was started' });
		expect(startedItems()).toEqual([[{ json: body }]]);
	});

	test.each([
		['missing', {}],
		['wrong', { authorization: 'whk-guess' }],
		['a prefix of the token', { authorization: TOKEN.slice(0, -1) }],
		['the token with more after it', { authorization: `${TOKEN}x` }],
		['empty', { authorization: '' }],
		['in another header', { 'x-webhook-token': TOKEN }],
	])('%s: 401 and nothing started', async (_how, headers) => {
		await startTrigger({ events: ['imageEnhanced'] });
		const response = await post(body, headers);
		expect(response.status).toBe(401);
		expect(JSON.parse(response.body)).toEqual({ message: 'Missing or wrong webhook token' });
		expect(startedItems()).toEqual([]);
	});

	test('is read from a custom header when one is set, and only from there', async () => {
		await startTrigger({ events: ['imageEnhanced'], options: { headerName: 'X-Autoenhance-Token' } });
		expect((await post(body, { 'x-autoenhance-token': `Bearer ${TOKEN}` })).status).toBe(200);
		expect((await post(body, { authorization: TOKEN })).status).toBe(401);
		expect(startedItems()).toHaveLength(1);
	});

	test('the credential token is what the fake sends in real deliveries', async () => {
		await startTrigger({ events: ['webhookUpdated'] });
		expect((await fake.setWebhook({ url: host.url, token: 'not-the-token' })).status).toBe(401);
		expect(startedItems()).toEqual([]);
		expect((await fake.setWebhook({ url: host.url, token: TOKEN })).status).toBe(200);
		expect(startedItems()).toHaveLength(1);
	});
});

describe('without a Webhook Token in the credential', () => {
	test('the trigger refuses to activate, saying why', async () => {
		await expect(startTrigger({ events: ['imageEnhanced'] }, {})).rejects.toThrow(
			'The Autoenhance credential has no Webhook Token, so anyone who knows this URL could start the workflow',
		);
	});

	test('with "Accept Requests Without Token" it activates and takes any request', async () => {
		await startTrigger({ events: ['imageEnhanced'], options: { acceptWithoutToken: true } }, {});
		const response = await post(imageProcessed());
		expect(response.status).toBe(200);
		expect(startedItems()).toHaveLength(1);
	});
});

describe('bad requests', () => {
	beforeEach(async () => {
		await startTrigger({ events: ['imageEnhanced', 'imageFailed', 'orderCompleted', 'webhookUpdated'] });
	});

	const auth = { authorization: TOKEN };

	test.each([
		['a body that is not JSON', 'event=image_processed', { 'content-type': 'application/x-www-form-urlencoded' }],
		['JSON sent as text that is broken', '{"event": "image_processed",', { 'content-type': 'text/plain' }],
		['a JSON array', '[{"event":"image_processed"}]', {}],
		['a JSON object without an event', '{"image_id":"img-1"}', {}],
		['an empty body', '', {}],
		['image_processed without an image_id', '{"event":"image_processed","order_id":"o"}', {}],
	])('%s: 400 and nothing started', async (_what, body, headers) => {
		const response = await post(body, { ...auth, ...headers });
		expect(response.status).toBe(400);
		expect(JSON.parse(response.body).message).toEqual(expect.any(String));
		expect(startedItems()).toEqual([]);
	});

	test('broken JSON declared as JSON: n8n itself answers 422 before the node runs', async () => {
		const response = await post('{"event": "image_processed",', auth);
		expect(response.status).toBe(422);
		expect(startedItems()).toEqual([]);
	});

	test('a body over 1 MB: 413 and nothing started', async () => {
		const padding = 'x'.repeat(1024 * 1024);
		const response = await post(imageProcessed({ padding }), auth);
		expect(response.status).toBe(413);
		expect(startedItems()).toEqual([]);
	});

	test('a JSON body sent without a Content-Type is read all the same', async () => {
		const response = await fetch(host.url, {
			method: 'POST',
			headers: auth,
			body: new Blob([JSON.stringify({ event: 'webhook_updated' })]),
		});
		expect(response.status).toBe(200);
		expect(startedItems()).toEqual([[{ json: { event: 'webhook_updated' } }]]);
	});

	test('the token is checked before the body is looked at', async () => {
		const response = await post('not json', { 'content-type': 'text/plain' });
		expect(response.status).toBe(401);
	});
});
