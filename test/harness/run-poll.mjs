// One poll of a polling trigger, in the PollContext n8n builds for active workflows ('trigger')
// or for "Test step" ('manual').
import { Container, TriggersAndPollers, core } from './n8n.mjs';
import { useBinaryMode } from './instance.mjs';
import { buildWorkflow, savedStaticData } from './workflow.mjs';

/**
 * @param {object} options same node, parameters, credentials, credentialTypes, binaryMode as runNode
 * @param {object} [options.staticData] the node's static data saved by an earlier poll
 * @param {'trigger'|'manual'} [options.mode]
 * @param {string} [options.activation] WorkflowActivateMode: 'activate' (default), 'init' after a restart, …
 * @returns {Promise<{ output: object[][] | null, staticData: object }>} staticData as n8n saves it
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
	const { workflow, node, additionalData } = buildWorkflow({
		nodeType,
		parameters,
		credentials,
		credentialTypes,
		staticData,
	});
	const context = new core.PollContext(workflow, node, additionalData, mode, activation);
	const output = await Container.get(TriggersAndPollers).runPoll(workflow, node, context);
	return { output, staticData: savedStaticData(workflow, node, mode, staticData) };
}
