import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getOrder } from '../../api/orders';
import { optionsField } from '../../fields/options';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { orderIdField } from './fields';

const properties: INodeProperties[] = [orderIdField, optionsField()];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	return [outputItem.call(this, itemIndex, await getOrder.call(this, orderId, itemIndex))];
}
