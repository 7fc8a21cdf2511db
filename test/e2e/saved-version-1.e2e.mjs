// A workflow saved with version 1 of the Autoenhance node (typeVersion 1, IDs as plain text and
// expressions, no Simplify) runs as it did before version 2 existed: every node outputs the
// Autoenhance object exactly as the API returns it. (The HDR, step-by-step and trigger examples,
// still at version 1, run in examples.e2e.mjs and webhook.e2e.mjs.)
import { readFile } from 'node:fs/promises';
import { prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { executeWorkflow } from '../../devkit/n8n/index.mjs';

const saved = JSON.parse(await readFile(new URL('./fixtures/saved-version-1.json', import.meta.url), 'utf8'));

let fake;
let home;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-saved-v1-api-key' });
	home = await prepareExampleHome(fake, { workflows: [saved] });
});

afterAll(async () => {
	await fake?.close();
	await home?.remove();
});

/** What the API answers now for a path, as a client outside n8n sees it. */
async function apiAnswer(path) {
	const response = await fetch(`${fake.apiUrl}${path}`, { headers: { 'x-api-key': fake.apiKey } });
	expect(response.status).toBe(200);
	return response.json();
}

test('the fixture is in the shape version 1 saved: typeVersion 1, IDs as text', () => {
	const autoenhance = saved.nodes.filter((node) => node.type === 'n8n-nodes-autoenhance.autoenhance');
	expect(autoenhance.map((node) => node.typeVersion)).toEqual(autoenhance.map(() => 1));
	for (const node of autoenhance) {
		for (const name of ['orderId', 'imageId']) {
			if (name in node.parameters) expect(typeof node.parameters[name]).toBe('string');
		}
		expect(node.parameters).not.toHaveProperty('simplify');
	}
});

test('every version 1 node outputs the full Autoenhance object, as before', async () => {
	const execution = await executeWorkflow(home, saved.id);
	expect(execution.error?.message).toBeUndefined();
	expect(execution.status).toBe('success');

	const [order] = execution.json('Create order');
	const enhanced = execution.json('Enhance photos');
	expect(enhanced).toHaveLength(3);
	for (const [index, image] of enhanced.entries()) {
		const current = await apiAnswer(`/v3/images/${image.image_id}`);
		expect(image).toEqual(current);
		expect(image.order_id).toBe(order.order_id);
		expect(execution.json('Get image')[index]).toEqual(current);
	}
	expect(execution.items('Enhance photos').every((item) => item.binary?.data)).toBe(true);
	expect(execution.json('Get order')).toEqual([await apiAnswer(`/v3/orders/${order.order_id}`)]);
	const { orders } = await apiAnswer('/v3/orders/?per_page=2');
	expect(execution.json('Get many orders')).toEqual(orders);
});
