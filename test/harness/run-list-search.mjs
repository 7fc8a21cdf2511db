// Runs a resource locator's list search (methods.listSearch) the way the editor asks n8n for one:
// on n8n-core's real LoadOptionsContext, with the node's other parameters as they stand.
import { core } from './n8n.mjs';
import { buildWorkflow } from './workflow.mjs';

/**
 * @param {object} options
 * @param {object} options.node INodeType instance
 * @param {string} options.method the listSearch method, e.g. 'searchOrders'
 * @param {string} options.parameter the locator's parameter name, e.g. 'orderId'
 * @param {object} [options.parameters] the node's other parameters
 * @param {string} [options.filter] what the user typed into the list's search box
 * @param {string} [options.paginationToken] from the previous page's result
 * @returns {Promise<{ results: { name, value, url? }[], paginationToken? }>}
 */
export async function runListSearch({ node: nodeType, method, parameter, parameters, credentials, credentialTypes, typeVersion, filter, paginationToken }) {
	const { workflow, node, additionalData } = await buildWorkflow({ nodeType, parameters, credentials, credentialTypes, typeVersion });
	const context = new core.LoadOptionsContext(workflow, node, additionalData, `parameters.${parameter}`);
	return await nodeType.methods.listSearch[method].call(context, filter, paginationToken);
}
