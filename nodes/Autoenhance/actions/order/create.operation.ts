import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createOrder } from '../../api/orders';
import { optionsField } from '../../fields/options';
import { outputItem } from '../../utils/outputItem';
import { orderJson, simplifyField } from '../simplify';
import { orderNameField } from './fields';

const properties: INodeProperties[] = [
	orderNameField,
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		description: 'Your own unique ID for the new order. Leave empty to have one generated.',
	},
	simplifyField,
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['create'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const name = (this.getNodeParameter('orderName', itemIndex, '') as string).trim();
	const orderId = String(this.getNodeParameter('orderId', itemIndex, '')).trim();
	const order = await createOrder.call(this, { name, orderId }, itemIndex);
	return [outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, order))];
}
