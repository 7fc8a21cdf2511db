// Input binaries go in, and output binaries come out, through n8n-core's own binary helpers.
import { Readable } from 'node:stream';
import { core } from './n8n.mjs';
import { binaryDataService } from './instance.mjs';

/**
 * Stores one input binary given as { buffer | stream | filePath, fileName, mimeType, ...more }
 * with the BinaryDataService in the current mode, as a previous node would have left it.
 * A value that already is IBinaryData (has `data` or `id`) is kept as it is.
 */
async function storeBinary({ buffer, stream, filePath, ...fields }, workflowId, executionId) {
	if (buffer === undefined && stream === undefined && filePath === undefined) return fields;
	const { fileName, mimeType } = fields;
	const stored = filePath
		? await core.copyBinaryFile(workflowId, executionId, filePath, fileName, mimeType)
		: await core.prepareBinaryData(buffer ?? stream, executionId, workflowId, fileName, mimeType);
	return { ...stored, ...fields };
}

export async function storeItems(items, workflowId, executionId) {
	return await Promise.all(
		items.map(async ({ json = {}, binary, ...rest }) => {
			const item = { json, ...rest };
			if (binary) {
				item.binary = {};
				for (const [key, value] of Object.entries(binary)) {
					item.binary[key] = await storeBinary(value, workflowId, executionId);
				}
			}
			return item;
		}),
	);
}

function binaryOf(item, key) {
	const binary = item?.binary?.[key];
	if (!binary) throw new Error(`The item has no binary "${key}"`);
	return binary;
}

/** The bytes of an item's binary, whatever the binary data mode. */
export async function binaryBuffer(item, key = 'data') {
	return await binaryDataService().getAsBuffer(binaryOf(item, key));
}

/** A stream of an item's binary: read from disk when it has an id, without buffering it. */
export async function binaryStream(item, key = 'data') {
	const binary = binaryOf(item, key);
	if (binary.id) return await binaryDataService().getAsStream(binary.id);
	return Readable.from(await binaryDataService().getAsBuffer(binary));
}
