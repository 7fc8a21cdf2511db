// n8n 3.0's announced rules, tried on today's newest n8n: an unverified community package loads
// only with N8N_UNVERIFIED_PACKAGES_ENABLED=true, files live on disk (no in-memory mode), and SSRF
// protection is on with the Autoenhance address allowed as a user allows a private proxy. An
// address that is not allowed stops the node with an error naming the settings that allow it.
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { executeWorkflow, importCredential, importWorkflow } from '../../devkit/n8n/index.mjs';
import { N8N_3_RULES } from '../../devkit/n8n/n8n3-rules.mjs';
import { sampleFiles, writtenFiles } from './examples-fixture.mjs';

const ENV = { ...N8N_3_RULES, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' };
const BLOCKED_CREDENTIAL = { id: 'AutoenhanceBlocked', name: 'Autoenhance on a blocked address', type: 'autoenhanceApi' };

let fake;
let home;
let photos;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-n8n3-api-key' });
	photos = await loadExamples().then((examples) => examples['enhance-photos.json']);
	home = await prepareExampleHome(fake, { workflows: [photos], env: ENV });
}, 300_000);

afterAll(async () => {
	await fake?.close();
	await home?.remove();
});

test('the photo example runs with SSRF protection on and the API address allowed', async () => {
	const execution = await executeWorkflow(home, photos.id);
	expect(execution.status).toBe('success');
	const images = execution.json('Enhance photos');
	expect(images).toHaveLength((await sampleFiles('photos')).length);
	const written = await writtenFiles(home, 'photos');
	for (const image of images) {
		expect(written.find((file) => file.name === image.image_name).bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
	}
});

test('an API address SSRF protection blocks stops the node with the settings that allow it', async () => {
	// 127.0.0.2 is loopback, outside the allowed 127.0.0.1/32. Nothing listens there, so without the
	// block the error would be a refused connection.
	const blockedUrl = fake.apiUrl.replace('127.0.0.1', '127.0.0.2');
	await importCredential(home, { ...BLOCKED_CREDENTIAL, data: { apiKey: fake.apiKey, baseUrl: blockedUrl, apiVersion: '', devMode: false, webhookToken: '' } });
	const workflow = {
		...photos,
		id: 'N8n3BlockedPhoto',
		name: 'Photos on a blocked address',
		nodes: photos.nodes.map((node) =>
			node.credentials ? { ...node, credentials: { autoenhanceApi: { id: BLOCKED_CREDENTIAL.id, name: BLOCKED_CREDENTIAL.name } } } : node,
		),
	};
	await importWorkflow(home, workflow);
	const requestsBefore = fake.requests.length;
	const execution = await executeWorkflow(home, workflow.id);
	expect(execution.status).toBe('error');
	expect(execution.error.message).toBe(`n8n's SSRF protection blocked the request to Autoenhance at ${blockedUrl}`);
	expect(execution.error.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES or its address range to N8N_SSRF_ALLOWED_IP_RANGES/);
	expect(fake.requests.length).toBe(requestsBefore);
});
