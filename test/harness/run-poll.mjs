// One poll of a polling trigger, the way n8n 2.41 runs one: for an active workflow ('trigger')
// through n8n-core's PollTriggerExecutor, in a PollContext whose emit functions stand in for the
// ones n8n's TriggerExecutionContextFactory gives it; for "Test step" ('manual') as
// WorkflowExecute does it, by calling poll() in a manual PollContext.
import { Container, core } from './n8n.mjs';
import { useBinaryMode } from './instance.mjs';
import { buildWorkflow, savedStaticData } from './workflow.mjs';

/**
 * n8n's __emit starts an execution with the items (and saves the static data); its __emitError
 * records a failed execution. Here the items become the output, and the error is thrown.
 */
async function pollActiveWorkflow(workflow, node, additionalData, mode, activation) {
	let output = null;
	let failure;
	const context = new core.PollContext(
		workflow,
		node,
		additionalData,
		mode,
		activation,
		(items) => {
			output = items;
		},
		(error) => {
			failure = error;
		},
	);
	const isCurrentVersion = () => true;
	await Container.get(core.PollTriggerExecutor).create(workflow, node, context, isCurrentVersion)();
	if (failure) throw failure;
	return output;
}

async function pollManually(workflow, node, additionalData, mode, activation) {
	const context = new core.PollContext(workflow, node, additionalData, mode, activation);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	return await nodeType.poll.call(context);
}

/**
 * @param {object} options same node, parameters, credentials, credentialTypes, binaryMode as runNode
 * @param {object} [options.staticData] the node's static data saved by an earlier poll
 * @param {'trigger'|'manual'} [options.mode]
 * @param {string} [options.activation] WorkflowActivateMode: 'activate' (default), 'init' after a restart, …
 * @returns {Promise<{ output: object[][] | null, staticData: object }>} staticData as n8n saves it;
 *   rejects with the error poll() threw
 */
export async function runPoll({
	node: nodeType,
	parameters,
	credentials,
	credentialTypes,
	staticData,
	mode = 'trigger',
	activation = mode === 'manual' ? 'manual' : 'activate',
	binaryMode = 'filesystem',
}) {
	await useBinaryMode(binaryMode);
	const { workflow, node, additionalData } = await buildWorkflow({
		nodeType,
		parameters,
		credentials,
		credentialTypes,
		staticData,
	});
	const poll = mode === 'manual' ? pollManually : pollActiveWorkflow;
	const output = await poll(workflow, node, additionalData, mode, activation);
	return { output, staticData: savedStaticData(workflow, node, mode, staticData) };
}
