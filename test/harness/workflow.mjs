// A one-node n8n Workflow around the node under test, and the additionalData n8n-core reads.
import { randomUUID } from 'node:crypto';
import { n8nWorkflow } from './n8n.mjs';
import { HarnessCredentialsHelper, credentialsReference } from './credentials-helper.mjs';
// The set-up of the n8n process (encryption key provider, …) that encrypting credentials needs.
import './instance.mjs';

const { Workflow, NodeHelpers } = n8nWorkflow;

export const NODE_NAME = 'Node under test';
const PACKAGE_NAME = 'n8n-nodes-autoenhance';

function latestVersion(nodeType) {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	return Math.max(...[nodeType.description.version].flat());
}

function nodeTypesOf(nodeType) {
	const typeName = `${PACKAGE_NAME}.${nodeType.description.name}`;
	const byName = (name) => {
		if (name !== typeName)
			throw new Error(`Unknown node type "${name}" (the harness knows only ${typeName})`);
		return nodeType;
	};
	return {
		typeName,
		nodeTypes: {
			getByName: byName,
			getByNameAndVersion: (name, version) =>
				NodeHelpers.getVersionedNodeType(byName(name), version),
			getKnownTypes: () => ({
				[typeName]: { className: nodeType.constructor.name, sourcePath: '' },
			}),
		},
	};
}

const unavailable = (what) => async () => {
	throw new Error(`${what} is not available in the test harness`);
};

/**
 * @param {object} options
 * @param {object} options.nodeType INodeType instance under test
 * @param {object} [options.parameters] node parameters as saved in a workflow (defaults are applied)
 * @param {Record<string, object>} [options.credentials] decrypted credential data by type name
 * @param {object[]} [options.credentialTypes] ICredentialType instances
 * @param {object} [options.staticData] the node's static data (getWorkflowStaticData('node'))
 * @param {object} [options.nodeSettings] more INode fields, e.g. { onError }
 * @param {string} [options.baseUrl] the n8n instance URL (webhook URLs derive from it)
 * @param {string} [options.executionId]
 * @param {number} [options.typeVersion] the node's typeVersion (default: its newest)
 */
export async function buildWorkflow({
	nodeType,
	parameters = {},
	credentials = {},
	credentialTypes = [],
	staticData,
	nodeSettings = {},
	baseUrl = 'http://127.0.0.1:5678',
	executionId,
	typeVersion = latestVersion(nodeType),
}) {
	const { typeName, nodeTypes } = nodeTypesOf(nodeType);
	const workflow = new Workflow({
		id: 'harness-workflow',
		name: 'Harness workflow',
		nodes: [
			{
				id: randomUUID(),
				name: NODE_NAME,
				type: typeName,
				typeVersion,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: structuredClone(parameters),
				credentials: Object.fromEntries(
					Object.keys(credentials).map((type) => [type, credentialsReference(type)]),
				),
				...nodeSettings,
			},
		],
		connections: {},
		active: true,
		nodeTypes,
		staticData: staticData && { [`node:${NODE_NAME}`]: structuredClone(staticData) },
		settings: {},
	});

	const additionalData = {
		credentialsHelper: await HarnessCredentialsHelper.create(credentialTypes, credentials, workflow),
		executionId,
		currentNodeExecutionIndex: 0,
		instanceBaseUrl: baseUrl,
		restApiUrl: `${baseUrl}/rest`,
		webhookBaseUrl: `${baseUrl}/webhook`,
		webhookTestBaseUrl: `${baseUrl}/webhook-test`,
		webhookWaitingBaseUrl: `${baseUrl}/webhook-waiting`,
		formWaitingBaseUrl: `${baseUrl}/form-waiting`,
		variables: {},
		executeWorkflow: unavailable('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		startRunnerTask: unavailable('startRunnerTask'),
		logAiEvent: () => {},
	};

	return { workflow, node: workflow.getNode(NODE_NAME), additionalData };
}

/**
 * The node's static data as n8n would have saved it after a run: n8n persists static data
 * (as JSON) after production runs only, never after manual ones.
 */
export function savedStaticData(workflow, node, mode, staticDataBefore) {
	if (mode === 'manual') return structuredClone(staticDataBefore ?? {});
	return JSON.parse(JSON.stringify(workflow.getStaticData('node', node)));
}
