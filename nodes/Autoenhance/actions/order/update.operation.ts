import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderPath } from '../../helpers/orders';
import { requiredString } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { orderIdFields, orderNameField } from './fields';

const properties: INodeProperties[] = [
	...orderIdFields,
	{ ...orderNameField, required: true, description: 'The new name of the order' },
];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	const name = requiredString.call(this, 'orderName', itemIndex, 'Order Name');
	const order = await apiRequest.call(this, {
		method: 'PATCH',
		path: orderPath(orderId),
		body: { name },
		subject: `order "${orderId}"`,
		itemIndex,
	});
	return [{ json: order }];
}
