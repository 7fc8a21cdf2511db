// Two pages of GET /v3/orders/ (five per page, the API's default): in which order they come.
import { expectJson } from '../failures.mjs';
import { ORDERS } from '../node-contract.mjs';

export const PER_PAGE = 5;

const summary = (order) => ({ order_id: order.order_id, created_at: order.created_at ?? null });

export async function checkOrderList(ctx) {
	const first = expectJson(await ctx.client.api('GET', ORDERS, { query: { per_page: PER_PAGE } }), 'list orders');
	const pages = [first];
	const offset = first.pagination?.next_offset;
	if (offset !== null && offset !== undefined) {
		pages.push(expectJson(await ctx.client.api('GET', ORDERS, { query: { per_page: PER_PAGE, offset } }), 'list orders, page 2'));
	}
	ctx.raw.orderList = {
		perPage: first.pagination?.per_page ?? null,
		pages: pages.map((page) => (page.orders ?? []).map(summary)),
	};
}
