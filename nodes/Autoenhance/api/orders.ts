import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest, apiRequestIfFound } from '../transport';
import type { ApiBracket } from './brackets';
import { listBrackets, mergedInto } from './brackets';
import { sleepUnlessStopped } from '../utils/sleep';
import { deleteAt, isDeleted } from './deletion';
import type { ApiImage } from './images';
import { ORDERS, orderPath } from './paths';

/** An order as the API returns it; the node passes it on whole. */
export interface ApiOrder extends IDataObject {
	order_id?: string;
	name?: string;
	status?: string;
	created_at?: string;
	is_merging?: boolean;
	is_processing?: boolean;
	is_deleted?: boolean;
	images?: ApiImage[];
}

/** The images an order lists: none while it lists none, or sends no list at all. */
export function imagesOf(order: IDataObject): ApiImage[] {
	return Array.isArray(order.images) ? (order.images as ApiImage[]) : [];
}

interface HdrMerge {
	orderId: string;
	/** 0: Autoenhance groups the brackets itself. */
	bracketsPerImage: number;
	/** Enhancement settings as API fields, applied to every merged image. */
	settings: IDataObject;
	itemIndex?: number;
}

const subjectOf = (orderId: string) => `order "${orderId}"`;

/** Asked for per page; the API answers with fewer when it allows fewer. */
const PAGE_SIZE = 100;
/** How long a merge request whose answer was lost may take to show. */
const MERGE_START_WAIT_MS = 10_000;
const RECHECK_MS = 500;

/** The one request that reads an order: getOrder, and createOrder's search for an order it may have made. */
const readOrder = (orderId: string, itemIndex?: number) =>
	({ method: 'GET', path: orderPath(orderId), subject: subjectOf(orderId), itemIndex }) as const;

/** The order with its images. A deleted one is not found. */
export async function getOrder(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<ApiOrder> {
	return await apiRequest.call(this, { ...readOrder(orderId, itemIndex), isGone: isDeleted });
}

export interface HdrState {
	order: ApiOrder;
	/** The order's live brackets. */
	brackets: ApiBracket[];
	/** IDs of the brackets merged into an image the order lists. */
	merged: Set<string>;
}

/** The order and its brackets, read side by side, and which of the brackets are merged. */
export async function getHdrState(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<HdrState> {
	const [order, brackets] = await Promise.all([
		getOrder.call(this, orderId, itemIndex),
		listBrackets.call(this, orderId, itemIndex),
	]);
	return { order, brackets, merged: mergedInto(order, brackets) };
}

/**
 * Creates an order under an ID chosen here when none is given: after an attempt whose answer was
 * lost, the order it may have made is found by that ID rather than made a second time.
 */
export async function createOrder(
	this: AutoenhanceContext,
	order: { name?: string; orderId?: string },
	itemIndex?: number,
): Promise<ApiOrder> {
	const orderId = order.orderId || randomUUID();
	return await apiRequest.call(this, {
		method: 'POST',
		path: ORDERS,
		body: { order_id: orderId, ...(order.name ? { name: order.name } : {}) },
		recover: async () => await apiRequestIfFound.call(this, readOrder(orderId, itemIndex)),
		subject: subjectOf(orderId),
		itemIndex,
	});
}

export async function renameOrder(
	this: AutoenhanceContext,
	orderId: string,
	name: string,
	itemIndex?: number,
): Promise<ApiOrder> {
	return await apiRequest.call(this, {
		method: 'PATCH',
		path: orderPath(orderId),
		body: { name },
		subject: subjectOf(orderId),
		itemIndex,
	});
}

export async function deleteOrder(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<void> {
	await deleteAt.call(this, { path: orderPath(orderId), subject: subjectOf(orderId), itemIndex });
}

/**
 * The account's live orders, each once, in the order Autoenhance lists them (undocumented:
 * newest first, oldest first or none in particular; deleted orders it may still list, marked
 * is_deleted, are left out). Pages are fetched only as the caller reads on, so a caller that
 * stops early (`break`) spends no further requests; one that will read at most `limit` gets
 * pages no bigger than that.
 */
export async function* listOrders(this: AutoenhanceContext, limit = Infinity): AsyncGenerator<ApiOrder> {
	const seenOffsets = new Set<string>();
	const seenIds = new Set<string>();
	let offset: string | undefined;
	do {
		const page = await listOrderPage.call(this, Math.min(PAGE_SIZE, limit - seenIds.size), offset);
		for (const order of page.orders) {
			const id = String(order.order_id);
			if (seenIds.has(id)) continue;
			seenIds.add(id);
			yield order;
		}
		offset = page.nextOffset;
		if (offset && seenOffsets.has(offset)) {
			throw new NodeOperationError(this.getNode(), 'Autoenhance sent the same page of orders twice', {
				description: `The order list's next_offset "${offset}" came back again; paging on would go in circles.`,
			});
		}
		if (offset) seenOffsets.add(offset);
	} while (offset && seenIds.size < limit);
}

/**
 * One page of the account's live orders, in the order Autoenhance lists them (undocumented: newest
 * first is the usual reading), from `offset` (the previous page's next offset) on.
 */
export async function listOrderPage(
	this: AutoenhanceContext,
	perPage: number,
	offset?: string,
): Promise<{ orders: ApiOrder[]; nextOffset?: string }> {
	const page = await apiRequest.call(this, {
		method: 'GET',
		path: ORDERS,
		qs: { per_page: perPage, ...(offset ? { offset } : {}) },
		subject: 'the order list',
	});
	const orders = Array.isArray(page.orders) ? (page.orders as ApiOrder[]) : [];
	return { orders: orders.filter((order) => !isDeleted(order)), nextOffset: nextOffset(page) };
}

function nextOffset(page: IDataObject): string | undefined {
	const token = (page.pagination as IDataObject | undefined)?.next_offset;
	return typeof token === 'string' && token ? token : undefined;
}

/**
 * Starts merging the order's uploaded brackets into photos and enhancing them; answers with the
 * order, now merging. `/process` rather than the older `/merge` (both live): it is what the
 * current HDR guide, the bracket-grouping page and the newest official SDK call, and the trigger
 * of the `/brackets` flow the brackets were registered with. Automatic grouping leaves
 * `number_of_brackets_per_image` out, as those docs do.
 */
export async function processOrder(this: AutoenhanceContext, merge: HdrMerge): Promise<ApiOrder> {
	const grouping = merge.bracketsPerImage > 0 ? { number_of_brackets_per_image: merge.bracketsPerImage } : {};
	return await apiRequest.call(this, {
		method: 'POST',
		path: orderPath(merge.orderId, 'process'),
		body: { ...merge.settings, ...grouping },
		recover: async () => await mergeStarted.call(this, merge.orderId, merge.itemIndex),
		subject: subjectOf(merge.orderId),
		itemIndex: merge.itemIndex,
	});
}

/**
 * After an attempt whose answer was lost: the order when that attempt started the merge (it is
 * merging, or lists an image a bracket was merged into), else undefined, and asking again is
 * safe. Autoenhance may show a started merge only seconds later (neither merging nor merged at
 * first), so the order is looked at again for a while before the answer is no.
 */
async function mergeStarted(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<ApiOrder | undefined> {
	const deadline = Date.now() + MERGE_START_WAIT_MS;
	for (;;) {
		const order = await getOrder.call(this, orderId, itemIndex);
		if (order.is_merging === true) return order;
		if (mergedInto(order, await listBrackets.call(this, orderId, itemIndex)).size > 0) return order;
		if (Date.now() >= deadline) return undefined;
		await sleepUnlessStopped(RECHECK_MS, 'getExecutionCancelSignal' in this ? this.getExecutionCancelSignal() : undefined);
	}
}
