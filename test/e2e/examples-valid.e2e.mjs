// Every example workflow against the n8n used end to end, without running it: each node type
// exists there at the node's typeVersion, each parameter (and each option set inside a collection)
// is one that node's description defines and shows for the other values set, each Autoenhance
// node is the node's newest version (what a user adding it today gets), and each connection joins
// nodes that exist.
import { loadExamples } from '../../devkit/examples.mjs';
import { describe as describeNode, loadNodeCatalog, n8nWorkflow } from './node-catalog.mjs';

const catalog = loadNodeCatalog();
const examples = await loadExamples();
const cases = Object.entries(examples);

/** The parameters a node sets that its description does not define, as "name" or "collection.option". */
function undefinedParameters(node, description) {
	const shown = n8nWorkflow.NodeHelpers.getNodeParameters(description.properties, node.parameters, true, false, node, description);
	const problems = [];
	for (const [name, value] of Object.entries(node.parameters)) {
		if (!(name in shown)) {
			problems.push(name);
			continue;
		}
		const property = description.properties.find(
			(candidate) => candidate.name === name && n8nWorkflow.NodeHelpers.displayParameter(shown, candidate, node, description),
		);
		if (property?.type === 'collection' && value && typeof value === 'object') {
			const options = new Set(property.options.map((option) => option.name));
			problems.push(...Object.keys(value).filter((key) => !options.has(key)).map((key) => `${name}.${key}`));
		}
	}
	return problems;
}

test('there are examples to check, the Google Drive and Dropbox ones among them', () => {
	expect(Object.keys(examples)).toEqual(expect.arrayContaining(['google-drive-enhance-images.json', 'dropbox-enhance-hdr.json']));
});

test.each(cases)('%s: every node type exists in this n8n at its typeVersion', (_file, workflow) => {
	const missing = workflow.nodes
		.filter((node) => !describeNode(catalog, node.type, node.typeVersion))
		.map((node) => `${node.name}: ${node.type} v${node.typeVersion}`);
	expect(missing).toEqual([]);
});

test.each(cases)('%s: every parameter is defined by its node at that typeVersion', (_file, workflow) => {
	const problems = workflow.nodes.flatMap((node) => {
		const description = describeNode(catalog, node.type, node.typeVersion);
		return description ? undefinedParameters(node, description).map((name) => `${node.name}: ${name}`) : [];
	});
	expect(problems).toEqual([]);
});

test.each(cases)('%s: every Autoenhance node is at its newest typeVersion (version 1 is covered by saved-version-1)', (_file, workflow) => {
	const newest = (type) => Math.max(...catalog.get(type).flatMap((description) => [description.version].flat()));
	const older = workflow.nodes
		.filter((node) => node.type.startsWith('n8n-nodes-autoenhance.') && node.typeVersion !== newest(node.type))
		.map((node) => `${node.name}: v${node.typeVersion}, newest v${newest(node.type)}`);
	expect(older).toEqual([]);
});

test.each(cases)('%s: every connection joins two nodes of the workflow', (_file, workflow) => {
	const names = new Set(workflow.nodes.map((node) => node.name));
	const ends = Object.entries(workflow.connections).flatMap(([source, outputs]) => [
		source,
		...Object.values(outputs).flat(2).map((target) => target.node),
	]);
	expect(ends.filter((name) => !names.has(name))).toEqual([]);
});
