import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listOrders } from '../../api/orders';
import { optionsField } from '../../fields/options';
import { outputItem } from '../../utils/outputItem';
import { orderJson, simplifyField } from '../simplify';

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	simplifyField,
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['getAll'] } },
	properties,
);

/** One output item per order, in the order Autoenhance lists them. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const orders: INodeExecutionData[] = [];
	for await (const order of listOrders.call(this, limit)) {
		orders.push(outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, order)));
		if (orders.length >= limit) break;
	}
	return orders;
}
