// The trigger example (examples/trigger-save-finished-orders.json) published in a running n8n:
// the fake Autoenhance delivers its webhooks to the workflow's production URL, as Autoenhance
// does once the URL and token are entered in its web app.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { LEAST_CONVENIENT } from '../../devkit/fake-autoenhance/variants.mjs';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { EXAMPLE_CREDENTIAL, n8nVersion, publishWorkflow, setupOwner, startN8n } from '../../devkit/n8n/index.mjs';
import { binaryModeFor } from '../../devkit/n8n/versions.mjs';
import { sampleFiles, writtenFiles } from './examples-fixture.mjs';
import { fakeClient } from './fake-client.mjs';
import { loadNode } from '../support/package.mjs';
import { executionData, finished, listExecutions } from './rest.mjs';
import { waitUntil } from './wait-until.mjs';

const { API_VERSION } = loadNode('transport/apiVersion.js');

const WEBHOOK_TOKEN = 'e2e-webhook-token-4f9a1c7e2b';
const TRIGGER_NODE = 'When an order is finished';

let fake;
let home;
let n8n;
let cookie;
let workflow;
let webhookUrl;

beforeAll(async () => {
	// Under the readings of the undocumented behaviours that make the node work hardest (token as Bearer).
	fake = await startFakeAutoenhance({ apiKey: 'e2e-webhook-api-key', variants: LEAST_CONVENIENT });
	workflow = (await loadExamples())['trigger-save-finished-orders.json'];
	home = await prepareExampleHome(fake, { workflows: [workflow], webhookToken: WEBHOOK_TOKEN });
	await publishWorkflow(home, workflow.id);
	n8n = await startN8n(home);
	({ cookie } = await setupOwner(n8n.url));
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER_NODE);
	webhookUrl = `${n8n.url}/webhook/${trigger.webhookId}/autoenhance`;
	await waitUntilWebhookIsLive(webhookUrl);
});

afterAll(async () => {
	await n8n?.stop();
	await fake?.close();
	await home?.remove();
});

/** A published webhook answers a few seconds after the REST API: until then n8n says 404. */
async function waitUntilWebhookIsLive(url) {
	await waitUntil(async () => {
		const response = await fetch(url, { method: 'POST' });
		return response.status !== 404;
	}, `${url} to be registered`);
}

/** The workflow's executions, newest first, from n8n's REST API as the editor lists them. */
const executions = () => listExecutions(n8n.url, cookie, workflow.id);

/** The deliveries the fake has made for `imageIds`, once each of them has an answer. */
function deliveriesFor(imageIds) {
	return waitUntil(() => {
		const deliveries = fake.webhookDeliveries.filter((delivery) => imageIds.includes(delivery.body.image_id));
		const answered = deliveries.length === imageIds.length && deliveries.every((delivery) => delivery.status !== null);
		return answered && deliveries;
	}, `webhook deliveries for ${imageIds.join(', ')}`);
}

const imagesOfOrder = (orderId) => [...fake.images.values()].filter((image) => image.order_id === orderId && !image.is_bracket);

test('deliveries with a wrong token are refused with 401 and start no execution', async () => {
	const settingsSaved = await fake.setWebhook({ url: webhookUrl, token: 'not-the-webhook-token' });
	expect(settingsSaved.status).toBe(401);

	const [photo] = await sampleFiles('photos');
	const image = await fakeClient(fake).enhancePhoto(photo);
	const [delivery] = await deliveriesFor([image.image_id]);
	expect(delivery.body).toMatchObject({ event: 'image_processed', order_is_processing: false });
	expect(delivery.status).toBe(401);

	expect(await executions()).toEqual([]);
});

const savedData = (executionId) => executionData(n8n.url, cookie, executionId);

/** The IDs of the files an execution's saved data refers to (`filesystem-v2:workflows/…`). */
async function savedFileIds(executionId) {
	return [...new Set((await savedData(executionId)).match(/filesystem[\w-]*:[^"]+/g) ?? [])];
}

/** A file of a saved execution, fetched as the editor does to show it. */
async function savedFile(id) {
	const response = await fetch(`${n8n.url}/rest/binary-data?id=${encodeURIComponent(id)}&action=download`, { headers: { cookie } });
	expect(response.status).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

test('two HDR orders finishing together start one execution each, and every enhanced photo is saved as the fake served it', async () => {
	const settingsSaved = await fake.setWebhook({ url: webhookUrl, token: WEBHOOK_TOKEN });
	expect(settingsSaved.status).toBe(200); // received; "settings saved" is not an event the example listens to

	const brackets = await sampleFiles('brackets');
	const client = fakeClient(fake);
	// Both orders are merged and enhanced at the same time: their deliveries reach n8n together.
	const orders = await Promise.all(
		['E2E webhook order 1', 'E2E webhook order 2'].map((name) => client.mergeHdrOrder({ name, brackets, perImage: 3 })),
	);
	const images = [];
	for (const order of orders) {
		const merged = await waitUntil(() => {
			const found = imagesOfOrder(order.order_id);
			return found.length === 2 && found;
		}, `order ${order.order_id} to be merged`);
		const deliveries = await deliveriesFor(merged.map((image) => image.image_id));
		// The first photo to finish is not the last of its order; only the last one completes it.
		expect(deliveries.map((delivery) => delivery.body.order_is_processing)).toEqual([true, false]);
		expect(deliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
		images.push(...merged.map((image) => ({ ...image, order_id: order.order_id })));
	}

	const list = await waitUntil(async () => {
		const found = await executions();
		return found.length === 2 && found.every(finished) && found;
	}, 'both executions to finish');
	for (const execution of list) expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });

	const expected = images
		.map((image) => ({ name: `${image.order_id}_${image.image_name}`, bytes: fake.expectedEnhanced(image.image_id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
	const written = await writtenFiles(home, 'trigger');
	expect(written.map((file) => file.name)).toEqual(expected.map((file) => file.name));
	written.forEach((file, index) => expect(file.bytes.equals(expected[index].bytes)).toBe(true));

	// Every downloaded photo is kept under its own execution, which still shows it (its order's two).
	for (const execution of list) {
		if (binaryModeFor(n8nVersion) === 'default') {
			// In memory mode the files are saved inside the execution data, base64-encoded.
			const data = await savedData(execution.id);
			expect(expected.filter((file) => data.includes(file.bytes.toString('base64')))).toHaveLength(2);
			continue;
		}
		const ids = await savedFileIds(execution.id);
		expect(ids).toHaveLength(2);
		for (const id of ids) expect(id).toContain(`/executions/${execution.id}/`);
		for (const id of ids) {
			const bytes = await savedFile(id);
			expect(expected.some((file) => file.bytes.equals(bytes))).toBe(true);
		}
	}
});

/**
 * The credential's Test button, as the editor presses it on the saved credential: n8n's answer to
 * POST /rest/credentials/test (n8n 2.4x requires the credential's id).
 */
async function testCredential(apiKey) {
	const response = await fetch(`${n8n.url}/rest/credentials/test`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			credentials: {
				id: EXAMPLE_CREDENTIAL.id,
				name: EXAMPLE_CREDENTIAL.name,
				type: 'autoenhanceApi',
				data: { apiKey, baseUrl: fake.apiUrl, apiVersion: '', devMode: false, webhookToken: '' },
			},
		}),
	});
	expect(response.status).toBe(200);
	return (await response.json()).data;
}

// The editor's credential test request and the message it shows differ in n8n 1.x (1.123 refuses
// this 2.x request body; 1.85 shows the API's own message), so this runs on 2.x only.
const onN8n2 = n8nVersion.startsWith('2.');

(onN8n2 ? test : test.skip)('the credential Test button: the right key passes, a wrong one fails with the message n8n shows', async () => {
	const firstRequest = fake.requests.length;
	expect(await testCredential(fake.apiKey)).toEqual({ status: 'OK', message: 'Connection successful!' });
	const refused = await testCredential('not-the-api-key');
	// n8n 2.8 shows its own sentence for a 401; n8n 2.41 shows the status text.
	expect(refused.status).toBe('Error');
	expect(['Authorization failed - please check your credentials', 'Unauthorized']).toContain(refused.message);
	const tests = fake.requests.slice(firstRequest);
	// n8n asks once for the right key; for the wrong one it may ask again before it gives up.
	expect(tests.map((request) => request.status)).toEqual([200, 401, ...tests.slice(2).map(() => 401)]);
	for (const request of tests) expect([request.method, request.path, request.query]).toEqual(['GET', '/v3/orders/', { per_page: '1' }]);
	for (const request of tests) expect(request.headers['x-api-version']).toBe(API_VERSION);
});
