import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { apiRequest, apiRequestIfFound } from '../transport';

/**
 * Creates an order under an ID chosen here when none is given: after an attempt whose answer was
 * lost, the order it may have made is found by that ID rather than made a second time.
 */
export async function createOrder(
	this: IExecuteFunctions,
	order: { name?: string; orderId?: string },
	itemIndex?: number,
): Promise<IDataObject> {
	const orderId = order.orderId || randomUUID();
	return await apiRequest.call(this, {
		method: 'POST',
		path: '/v3/orders/',
		body: { order_id: orderId, ...(order.name ? { name: order.name } : {}) },
		recover: async () => await findOrder.call(this, orderId, itemIndex),
		subject: `order "${orderId}"`,
		itemIndex,
	});
}

async function findOrder(this: IExecuteFunctions, orderId: string, itemIndex?: number): Promise<IDataObject | undefined> {
	return await apiRequestIfFound.call(this, { method: 'GET', path: orderPath(orderId), subject: `order "${orderId}"`, itemIndex });
}

export function orderPath(orderId: string, below = ''): string {
	return `/v3/orders/${encodeURIComponent(orderId)}${below}`;
}
