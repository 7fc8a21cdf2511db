import type { INodeExecutionData } from 'n8n-workflow';

import { getOrder } from '../api/orders';
import type { Delivery, TriggerEvent } from './delivery';
import type { TriggerContext } from './output';
import { enhancedImageItems, imageItem } from './output';

/**
 * The items for the chosen events one delivery stands for. The last image of an order is both an
 * image event and Order Completed: its image item comes first, then the order's.
 */
export async function webhookItems(
	this: TriggerContext,
	delivery: Delivery,
	events: TriggerEvent[],
	fetchDetails: boolean,
): Promise<INodeExecutionData[]> {
	if (delivery.kind !== 'imageProcessed') return events.length ? [{ json: delivery.payload }] : [];
	const items: INodeExecutionData[] = [];
	for (const event of events) {
		if (event !== 'orderCompleted') {
			items.push(await imageItem.call(this, delivery.imageId, delivery.payload, fetchDetails));
		} else if (!fetchDetails || delivery.orderId === undefined) {
			items.push({ json: delivery.payload });
		} else {
			items.push(...enhancedImageItems(await getOrder.call(this, delivery.orderId)));
		}
	}
	return items;
}
