// The chain every other end-to-end test relies on: the packed package loads in a real n8n
// as a community package, runs headless against the fake server, and shows in the editor.
import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import {
	createN8nHome,
	executeWorkflow,
	exampleCredential,
	EXAMPLE_CREDENTIAL,
	importCredential,
	importWorkflow,
	packPackage,
	setupOwner,
	startN8n,
} from '../../devkit/n8n/index.mjs';

const NODE_TYPE = 'n8n-nodes-autoenhance.autoenhance';

let fake;
let packageTgz;
let home;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-smoke-api-key' });
	packageTgz = await packPackage();
	home = await createN8nHome({ packageTgz });
	await importCredential(home, exampleCredential({ apiUrl: fake.apiUrl, apiKey: fake.apiKey }));
});

afterAll(async () => {
	await fake?.close();
	await home?.remove();
	if (packageTgz) await rm(dirname(packageTgz), { recursive: true, force: true });
});

async function createImageInFake() {
	const response = await fetch(`${fake.apiUrl}/v3/images/`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': fake.apiKey },
		body: JSON.stringify({ image_name: 'smoke-living-room' }),
	});
	expect(response.status).toBe(200);
	return response.json();
}

/** Manual Trigger → Set { image_id } → Autoenhance Image › Get. */
function getImageWorkflow(imageId) {
	const node = (name, type, typeVersion, x, parameters, extra = {}) => ({
		id: name.toLowerCase(),
		name,
		type,
		typeVersion,
		position: [x, 0],
		parameters,
		...extra,
	});
	const link = (to) => ({ main: [[{ node: to, type: 'main', index: 0 }]] });
	return {
		name: 'E2E smoke: get image',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, 0, {}),
			node('Image', 'n8n-nodes-base.set', 3.4, 220, {
				assignments: { assignments: [{ id: 'image-id', name: 'image_id', value: imageId, type: 'string' }] },
				options: {},
			}),
			node(
				'Autoenhance',
				NODE_TYPE,
				1,
				440,
				{ resource: 'image', operation: 'get', imageId: '={{ $json.image_id }}' },
				{ credentials: { autoenhanceApi: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } } },
			),
		],
		connections: { Start: link('Image'), Image: link('Autoenhance') },
		settings: { executionOrder: 'v1' },
	};
}

test('Image › Get runs headless in n8n against the fake, with the API key from the credential', async () => {
	const created = await createImageInFake();
	const workflowId = await importWorkflow(home, getImageWorkflow(created.image_id));

	const execution = await executeWorkflow(home, workflowId);

	expect(execution.error).toBeUndefined();
	expect(execution.status).toBe('success');
	const items = execution.json('Autoenhance');
	expect(items).toHaveLength(1);
	expect(items[0].image_id).toBe(created.image_id);
	expect(items[0].status).toBe(fake.images.get(created.image_id).status);

	const gets = fake.requests.filter((request) => request.method === 'GET' && request.path.startsWith('/v3/images/'));
	expect(gets).toHaveLength(1);
	expect(gets[0].headers['x-api-key']).toBe(fake.apiKey);
});

test('a started n8n answers /healthz and offers the node and credential types to the editor', async () => {
	const n8n = await startN8n(home);
	try {
		expect((await fetch(`${n8n.url}/healthz`)).status).toBe(200);
		const { cookie } = await setupOwner(n8n.url);
		const types = async (kind) => {
			const response = await fetch(`${n8n.url}/types/${kind}.json`, { headers: { cookie } });
			expect(response.status).toBe(200);
			return (await response.json()).map((type) => type.name);
		};
		expect(await types('nodes')).toContain(NODE_TYPE);
		expect(await types('credentials')).toContain('autoenhanceApi');
	} finally {
		await n8n.stop();
	}
});
