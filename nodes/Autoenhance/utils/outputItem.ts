import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/**
 * An output item that carries on the files of its input item; `binary` adds files or replaces
 * those with the same field name.
 */
export function outputItem(
	this: IExecuteFunctions,
	itemIndex: number,
	json: IDataObject,
	binary?: IBinaryKeyData,
): INodeExecutionData {
	const files = { ...this.getInputData()[itemIndex]?.binary, ...binary };
	return Object.keys(files).length ? { json, binary: files } : { json };
}
