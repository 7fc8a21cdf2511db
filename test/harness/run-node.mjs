// Runs an action node's execute() the way n8n's engine runs one node: WorkflowExecute.runNode
// builds the real ExecuteContext, calls execute() and runs the node's close functions.
import { core, n8nWorkflow } from './n8n.mjs';
import { useBinaryMode } from './instance.mjs';
import { buildWorkflow, savedStaticData } from './workflow.mjs';
import { binaryBuffer, binaryStream, storeItems } from './binary.mjs';

let executionCount = 0;

/**
 * @param {object} options
 * @param {object} options.node INodeType instance, e.g. new Autoenhance()
 * @param {object} [options.parameters] node parameters; expressions like '={{ $json.id }}' work
 * @param {Record<string, object>} [options.credentials] { autoenhanceApi: { apiKey, baseUrl } }
 * @param {object[]} [options.credentialTypes] e.g. [new AutoenhanceApi()]
 * @param {object[]} [options.items] input items; binaries as { buffer | stream | filePath, fileName, mimeType }
 * @param {'filesystem'|'default'} [options.binaryMode] 'filesystem' (n8n's default): binaries on disk with ids
 * @param {boolean} [options.continueOnFail] the node's "On Error: Continue" setting
 * @param {AbortSignal} [options.abortSignal] what getExecutionCancelSignal() returns
 * @param {'manual'|'trigger'|'webhook'} [options.mode] the execution mode (getMode())
 * @param {object} [options.staticData] the node's static data before the run
 * @param {number} [options.typeVersion] the node's typeVersion (default: its newest)
 * @param {boolean} [options.expectError] resolve with { error } when execute() throws,
 *   and reject when it does not; without it, an error thrown by execute() is rethrown
 */
export async function runNode({
	node: nodeType,
	parameters,
	credentials,
	credentialTypes,
	items = [{ json: {} }],
	binaryMode = 'filesystem',
	continueOnFail = false,
	abortSignal,
	mode = 'manual',
	staticData,
	expectError = false,
	typeVersion,
}) {
	await useBinaryMode(binaryMode);
	const executionId = String(++executionCount);
	const { workflow, node, additionalData } = await buildWorkflow({
		nodeType,
		parameters,
		credentials,
		credentialTypes,
		staticData,
		executionId,
		typeVersion,
		nodeSettings: continueOnFail ? { onError: 'continueRegularOutput' } : {},
	});

	const inputData = { main: [await storeItems(items, workflow.id, executionId)] };
	const executeData = { node, data: inputData, source: null };
	const runExecutionData = n8nWorkflow.createRunExecutionData({
		executionData: { nodeExecutionStack: [executeData] },
	});

	let result;
	let error;
	try {
		result = await new core.WorkflowExecute(additionalData, mode, runExecutionData).runNode(
			workflow,
			executeData,
			runExecutionData,
			0,
			additionalData,
			mode,
			abortSignal,
		);
	} catch (thrown) {
		error = thrown;
	}
	if (error && !expectError) throw error;
	if (!error && expectError) {
		throw new Error(`Expected the node to throw, but it returned ${JSON.stringify(result?.data)}`);
	}

	return {
		output: result?.data,
		hints: result?.hints ?? [],
		error,
		staticData: savedStaticData(workflow, node, mode, staticData),
		credentialDecryptions: additionalData.credentialsHelper.decryptions,
		binaryBuffer,
		binaryStream,
	};
}
