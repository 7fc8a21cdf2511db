import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest } from '../transport';

/** Asked for per page; the API answers with fewer when it allows fewer. */
const PAGE_SIZE = 100;

/**
 * The account's live orders, each once, in the order Autoenhance lists them (undocumented:
 * newest first, oldest first or none in particular; deleted orders it may still list, marked
 * is_deleted, are left out). Pages are fetched only as the caller reads on, so a caller that
 * stops early (`break`) spends no further requests; one that will read at most `limit` gets
 * pages no bigger than that.
 */
export async function* listOrders(this: AutoenhanceContext, limit = Infinity): AsyncGenerator<IDataObject> {
	const seenOffsets = new Set<string>();
	const seenIds = new Set<string>();
	let offset: string | undefined;
	let listed = 0;
	do {
		const page = await apiRequest.call(this, {
			method: 'GET',
			path: '/v3/orders/',
			qs: { per_page: Math.min(PAGE_SIZE, limit - listed), ...(offset ? { offset } : {}) },
			subject: 'the order list',
		});
		const orders = Array.isArray(page.orders) ? (page.orders as IDataObject[]) : [];
		for (const order of orders) {
			const id = String(order.order_id);
			if (order.is_deleted === true || seenIds.has(id)) continue;
			seenIds.add(id);
			listed += 1;
			yield order;
		}
		offset = nextOffset(page);
		if (offset && seenOffsets.has(offset)) {
			throw new NodeOperationError(this.getNode(), 'Autoenhance sent the same page of orders twice', {
				description: `The order list's next_offset "${offset}" came back again; paging on would go in circles.`,
			});
		}
		if (offset) seenOffsets.add(offset);
	} while (offset && listed < limit);
}

function nextOffset(page: IDataObject): string | undefined {
	const token = (page.pagination as IDataObject | undefined)?.next_offset;
	return typeof token === 'string' && token ? token : undefined;
}
