import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest } from '../transport';

/** Asked for per page; the API answers with fewer when it allows fewer. */
const PAGE_SIZE = 100;

/**
 * The account's orders, newest first. Pages are fetched only as the caller reads on, so a caller
 * that stops early (`break`) spends no further requests; one that will read at most `limit`
 * gets pages no bigger than that.
 */
export async function* listOrders(this: AutoenhanceContext, limit = Infinity): AsyncGenerator<IDataObject> {
	const seenOffsets = new Set<string>();
	let offset: string | undefined;
	let listed = 0;
	do {
		const page = await fetchOrderPage.call(this, Math.min(PAGE_SIZE, limit - listed), offset);
		listed += page.orders.length;
		yield* page.orders;
		offset = page.nextOffset;
		if (offset && seenOffsets.has(offset)) {
			throw new NodeOperationError(this.getNode(), 'Autoenhance sent the same page of orders twice', {
				description: `The order list's next_offset "${offset}" came back again; paging on would go in circles.`,
			});
		}
		if (offset) seenOffsets.add(offset);
	} while (offset && listed < limit);
}

/** One page of the account's orders, newest first, from `offset` (the previous page's next offset) on. */
export async function fetchOrderPage(
	this: AutoenhanceContext,
	perPage: number,
	offset?: string,
): Promise<{ orders: IDataObject[]; nextOffset?: string }> {
	const page = await apiRequest.call(this, {
		method: 'GET',
		path: '/v3/orders/',
		qs: { per_page: perPage, ...(offset ? { offset } : {}) },
		subject: 'the order list',
	});
	return { orders: Array.isArray(page.orders) ? (page.orders as IDataObject[]) : [], nextOffset: nextOffset(page) };
}

function nextOffset(page: IDataObject): string | undefined {
	const token = (page.pagination as IDataObject | undefined)?.next_offset;
	return typeof token === 'string' && token ? token : undefined;
}
