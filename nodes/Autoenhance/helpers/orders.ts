import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { randomUUID } from 'crypto';

import { apiRequest } from '../transport';

/**
 * Creates an order under an ID chosen here when none is given, so a create repeated after a lost
 * answer cannot make a second order.
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
		safeToRepeat: true,
		subject: `order "${orderId}"`,
		itemIndex,
	});
}

export function orderPath(orderId: string, below = ''): string {
	return `/v3/orders/${encodeURIComponent(orderId)}${below}`;
}
