import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { renameOrder } from '../../api/orders';
import { optionsField } from '../../fields/options';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { orderJson, simplifyField } from '../simplify';
import { existingOrderIdFields, orderNameField } from './fields';

const properties: INodeProperties[] = [
	...existingOrderIdFields,
	{ ...orderNameField, required: true, description: 'The new name of the order' },
	simplifyField,
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['update'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	const name = requiredString.call(this, 'orderName', itemIndex, 'Order Name');
	const order = await renameOrder.call(this, orderId, name, itemIndex);
	return [outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, order))];
}
