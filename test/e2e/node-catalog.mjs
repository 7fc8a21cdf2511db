// The node types of the n8n used end to end (n8n-runtime/), with this package's built nodes
// beside them: what an imported workflow can name, at which typeVersions, with which parameters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runtimeDir } from '../../devkit/n8n/install.mjs';
import { repoRoot } from '../../devkit/n8n/index.mjs';

const runtimeRequire = createRequire(join(runtimeDir, 'package.json'));

/** n8n-workflow as that n8n has it, so parameters resolve exactly as they do when it runs. */
export const n8nWorkflow = runtimeRequire('n8n-workflow');

const PACKAGES = [
	{ prefix: 'n8n-nodes-base.', file: 'node_modules/n8n-nodes-base/dist/types/nodes.json' },
	{ prefix: '@n8n/n8n-nodes-langchain.', file: 'node_modules/@n8n/n8n-nodes-langchain/dist/types/nodes.json' },
];

function ownDescriptions() {
	const manifest = runtimeRequire(join(repoRoot, 'package.json'));
	return manifest.n8n.nodes.flatMap((file) => {
		const exports = runtimeRequire(join(repoRoot, file));
		return Object.values(exports).map((NodeClass) => new NodeClass().description);
	});
}

/**
 * Every node description by full type name: [{ version, properties, … }] (a versioned node has
 * one description per group of versions). Run `npm run build` first for this package's nodes.
 */
export function loadNodeCatalog() {
	const catalog = new Map();
	const add = (type, description) => catalog.set(type, [...(catalog.get(type) ?? []), description]);
	for (const { prefix, file } of PACKAGES) {
		for (const description of JSON.parse(readFileSync(join(runtimeDir, file), 'utf8'))) add(prefix + description.name, description);
	}
	for (const description of ownDescriptions()) add(`n8n-nodes-autoenhance.${description.name}`, description);
	return catalog;
}

/** The description of a type at one typeVersion, or undefined. */
export function describe(catalog, type, typeVersion) {
	return catalog.get(type)?.find((description) => [description.version].flat().includes(typeVersion));
}
