// The Google Drive and Dropbox examples without Google Drive or Dropbox: their storage nodes are
// replaced, under the same names and connections, by nodes that read the sample files from disk
// (and a Code node that lists them as Dropbox's Folder › List would), so everything from the
// download on, the Autoenhance nodes above all, runs as the example has it.

/** The workflow with each named node replaced by `{ type, typeVersion, parameters }`. */
export function replaceNodes(workflow, replacements) {
	const unknown = Object.keys(replacements).filter((name) => !workflow.nodes.some((node) => node.name === name));
	if (unknown.length > 0) throw new Error(`${workflow.name} has no node ${unknown.join(', ')}`);
	return {
		...workflow,
		nodes: workflow.nodes.map((node) => {
			const replacement = replacements[node.name];
			if (!replacement) return node;
			const { credentials: _storageCredential, ...kept } = node;
			return { ...kept, ...replacement };
		}),
	};
}

export const manualTrigger = () => ({ type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });

/** Reads the files matching a path (an expression may use the item) into the binary field `data`. */
export const readFiles = (fileSelector) => ({
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1.1,
	parameters: { fileSelector, options: {} },
});

/** Writes each item's `data` file into a folder under its own name. */
export const writeFiles = (folder) => ({
	type: 'n8n-nodes-base.readWriteFile',
	typeVersion: 1.1,
	parameters: { operation: 'write', fileName: `=${folder}/{{ $binary.data.fileName }}`, options: {} },
});

/** Outputs these entries as items, in the fields Dropbox's Folder › List gives (name, pathLower, type). */
export const dropboxListing = (entries) => ({
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	parameters: { jsCode: `return ${JSON.stringify(entries)}.map((json) => ({ json }));` },
});
