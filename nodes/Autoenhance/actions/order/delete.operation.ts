import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderPath } from '../../helpers/orders';
import { requiredString } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { orderIdFields } from './fields';

const properties: INodeProperties[] = [...orderIdFields];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	await apiRequest.call(this, {
		method: 'DELETE',
		path: orderPath(orderId),
		subject: `order "${orderId}"`,
		itemIndex,
	});
	return [{ json: { deleted: true, order_id: orderId } }];
}
