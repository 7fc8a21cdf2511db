import type { IDataObject, ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { orderUrl } from '../actions/locators';
import { imagesOf, listOrderPage } from '../api/orders';

/** Orders per page of the Order list: one API page each, newest first. */
const ORDERS_PER_PAGE = 50;
/** Images come from this many recent orders per page of the Image list. */
const ORDERS_PER_IMAGE_PAGE = 10;
/** A search skips over at most this many pages without a match before it returns what it has. */
const PAGES_PER_SEARCH = 5;

const matches = (filter: string | undefined, ...texts: unknown[]) =>
	!filter || texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(filter.toLowerCase()));

const orderName = (order: IDataObject) =>
	typeof order.name === 'string' && order.name ? order.name : `Order ${String(order.order_id)}`;

/**
 * Reads pages of orders from `paginationToken` on and turns each into list entries, until a page
 * gave entries or PAGES_PER_SEARCH pages were read; the next token lets the editor load more.
 */
async function searchPages(
	this: ILoadOptionsFunctions,
	perPage: number,
	paginationToken: string | undefined,
	entries: (order: IDataObject) => INodeListSearchItems[],
): Promise<INodeListSearchResult> {
	const results: INodeListSearchItems[] = [];
	let offset = paginationToken;
	for (let page = 0; page < PAGES_PER_SEARCH && results.length === 0; page++) {
		const { orders, nextOffset } = await listOrderPage.call(this, perPage, offset);
		results.push(...orders.flatMap(entries));
		offset = nextOffset;
		if (!offset) break;
	}
	return { results, paginationToken: offset };
}

/** The account's orders, newest first, by name (or ID) containing the filter. */
export async function searchOrders(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages.call(this, ORDERS_PER_PAGE, paginationToken, (order) =>
		matches(filter, order.name, order.order_id)
			? [{ name: orderName(order), value: String(order.order_id), url: orderUrl(String(order.order_id)) }]
			: [],
	);
}

/** The images of recent orders, newest order first, whose name or order name contains the filter. */
export async function searchImages(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages.call(this, ORDERS_PER_IMAGE_PAGE, paginationToken, (order) => {
		const images = imagesOf(order);
		return images
			.filter((image) => matches(filter, image.image_name, image.image_id, order.name))
			.map((image) => ({
				name: `${String(image.image_name ?? image.image_id)} (${orderName(order)})`,
				value: String(image.image_id),
				url: orderUrl(String(order.order_id)),
			}));
	});
}
