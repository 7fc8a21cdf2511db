import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrder } from '../../api/orders';
import { optionsField } from '../../fields/options';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { orderJson, simplifyField } from '../simplify';
import { existingOrderIdFields } from './fields';

const properties: INodeProperties[] = [...existingOrderIdFields, simplifyField, optionsField()];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	const order = await getOrder.call(this, orderId, itemIndex);
	return [outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, order))];
}
