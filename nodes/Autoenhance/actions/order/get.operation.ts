import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { orderPath } from '../../helpers/orders';
import { requiredString } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { orderJson, simplifyField } from '../simplify';
import { orderIdFields } from './fields';

const properties: INodeProperties[] = [...orderIdFields, simplifyField];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	const order = await apiRequest.call(this, {
		method: 'GET',
		path: orderPath(orderId),
		subject: `order "${orderId}"`,
		itemIndex,
	});
	return [{ json: orderJson.call(this, itemIndex, order) }];
}
