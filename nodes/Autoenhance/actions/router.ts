import type { IExecuteFunctions, INode, INodeExecutionData, IPairedItemData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { mapWithConcurrency } from '../utils/concurrency';
import { readConcurrency } from '../fields/concurrency';
import { adaptToHosts } from '../transport/hostLimits';
import { image } from './image/Image.resource';
import type { BatchOperation, Operation, PerItemOperation } from './operation';
import { order } from './order/Order.resource';

const resources: Record<string, Record<string, Operation>> = { image, order };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not known to this version of the node`,
		);
	}
	const concurrency = readConcurrency.call(this, operation.concurrency === 'option');
	if (concurrency.adaptive) adaptToHosts(this, concurrency.ceiling);
	const output =
		operation.mode === 'batch'
			? await runBatch.call(this, operation, items)
			: await runPerItem.call(this, operation, items, concurrency.ceiling);
	return [output];
}

async function runPerItem(
	this: IExecuteFunctions,
	operation: PerItemOperation,
	items: INodeExecutionData[],
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const perItem = await mapWithConcurrency(items, concurrency, async (_item, itemIndex, slot) => {
		try {
			const results = await operation.execute.call(this, itemIndex, slot);
			return results.map((result) => ({ ...result, pairedItem: result.pairedItem ?? { item: itemIndex } }));
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			return [errorItem(error, { item: itemIndex })];
		}
	});
	return perItem.flat();
}

async function runBatch(
	this: IExecuteFunctions,
	operation: BatchOperation,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	try {
		return await operation.execute.call(this, items);
	} catch (error) {
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		return [errorItem(error, items.map((_item, item) => ({ item })))];
	}
}

function errorItem(error: Error, pairedItem: IPairedItemData | IPairedItemData[]): INodeExecutionData {
	const description = (error as { description?: unknown }).description;
	return {
		json: { error: error.message, ...(typeof description === 'string' && description ? { description } : {}) },
		pairedItem,
	};
}

/** n8n names the failing item in its error view when the error carries the item's index. */
function asNodeError(node: INode, error: Error, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(node, error, { itemIndex });
}
