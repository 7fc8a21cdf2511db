// A workflow in which n8n's AI Agent answers one question with the OpenAI Chat Model node
// (credential "Fake model") and the Autoenhance node's Order › Get as its only tool, the order ID
// left to the model ($fromAI).
import { EXAMPLE_CREDENTIAL } from '../../devkit/n8n/index.mjs';

export const FAKE_MODEL_CREDENTIAL = { id: 'FakeModelCred001', name: 'Fake model', type: 'openAiApi' };

const reference = ({ id, name }) => ({ id, name });
const connect = (type, target) => ({ [type]: [[{ node: target, type, index: 0 }]] });

export function agentWorkflow({ question }) {
	return {
		name: 'Autoenhance as an AI agent tool',
		nodes: [
			{ id: 'ask', name: 'Ask', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'agent',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [220, 0],
				parameters: { promptType: 'define', text: question, options: {} },
			},
			{
				id: 'model',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [120, 220],
				parameters: { model: { __rl: true, mode: 'id', value: 'fake-model' }, responsesApiEnabled: false, options: {} },
				credentials: { openAiApi: reference(FAKE_MODEL_CREDENTIAL) },
			},
			{
				id: 'tool',
				name: 'Get order',
				type: 'n8n-nodes-autoenhance.autoenhanceTool',
				typeVersion: 2,
				position: [320, 220],
				parameters: {
					resource: 'order',
					operation: 'get',
					orderId: {
						__rl: true,
						mode: 'id',
						value: "={{ $fromAI('Order_ID', 'The ID of the Autoenhance order to look up', 'string') }}",
					},
				},
				credentials: { autoenhanceApi: reference(EXAMPLE_CREDENTIAL) },
			},
		],
		connections: {
			Ask: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': connect('ai_languageModel', 'AI Agent'),
			'Get order': connect('ai_tool', 'AI Agent'),
		},
		settings: { executionOrder: 'v1' },
	};
}
