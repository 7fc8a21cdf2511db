// The Autoenhance node as an AI agent's tool: n8n's AI Agent, with the OpenAI Chat Model node
// pointed at a scripted OpenAI-compatible fake model, is asked for an order's status. The model
// calls the tool with an order ID ($fromAI), the node fetches the order from the fake Autoenhance,
// and the agent gets the simplified order back. Since n8n 1.85 community nodes are tools without
// any setting, so none is set here.
import { prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { startFakeModel } from '../../devkit/fake-model/index.mjs';
import { executeWorkflow, importCredential, importWorkflow } from '../../devkit/n8n/index.mjs';
import { FAKE_MODEL_CREDENTIAL, agentWorkflow } from './agent-workflow.mjs';
import { sampleFiles } from './examples-fixture.mjs';
import { fakeClient } from './fake-client.mjs';

let fake;
let model;
let home;
let image;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-agent-api-key' });
	const [photo] = await sampleFiles('photos');
	image = await fakeClient(fake).enhancePhoto(photo);
	model = await startFakeModel({
		tool: /order/i,
		toolArguments: { Order_ID: image.order_id },
		answer: (toolOutput) => `Here is the order: ${toolOutput}`,
	});
	home = await prepareExampleHome(fake, { workflows: [] });
	await importCredential(home, { ...FAKE_MODEL_CREDENTIAL, data: { apiKey: 'sk-fake-model', url: model.baseUrl } });
});

afterAll(async () => {
	await model?.close();
	await fake?.close();
	await home?.remove();
});

test('the AI Agent calls Order › Get as a tool and gets the simplified order back', async () => {
	const id = await importWorkflow(home, agentWorkflow({ question: `What is the status of order ${image.order_id}?` }));
	const execution = await executeWorkflow(home, id);
	expect(execution.error?.message).toBeUndefined();
	expect(execution.status).toBe('success');

	// The model was offered the node as a tool whose one argument is the $fromAI order ID.
	const completions = model.requests.filter((request) => request.path.endsWith('/chat/completions'));
	expect(completions).toHaveLength(2);
	const [tool] = completions[0].body.tools;
	expect(tool.function.name).toBe('Get_order');
	expect(tool.function.parameters.properties).toEqual({
		Order_ID: { type: 'string', description: 'The ID of the Autoenhance order to look up' },
	});

	// The node asked Autoenhance for that order, and the model got it back simplified.
	const asked = fake.requests.filter((request) => request.listener === 'api' && request.method === 'GET');
	expect(asked.map((request) => request.path)).toContain(`/v3/orders/${image.order_id}`);
	const [toolOutput] = model.toolOutputs();
	expect(JSON.parse(toolOutput)).toEqual([
		{
			order_id: image.order_id,
			name: expect.any(String),
			status: 'processed',
			is_processing: false,
			is_merging: false,
			image_count: 1,
			image_ids: [image.image_id],
			created_at: expect.any(String),
			last_updated_at: expect.any(String),
		},
	]);
	const [answer] = execution.json('AI Agent');
	expect(answer.output).toBe(`Here is the order: ${toolOutput}`);
});
