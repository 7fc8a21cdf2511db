import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { sleepWithAbort } from 'n8n-workflow';

import { apiRequest } from '../transport';
import { listBrackets } from './brackets';
import { orderPath } from './orders';
import type { WaitSettings } from './wait';
import { describeOrder, isOrderBusy, pollUntilDone } from './wait';

/** How long a bracket whose file arrived may go unflagged (is_uploaded false) before it counts as missing. */
export const UPLOAD_FLAG_WAIT_MS = 10_000;
/** How long a merge request whose answer was lost may take to show (merging, or merged brackets). */
const MERGE_START_WAIT_MS = 10_000;
const RECHECK_MS = 500;

export interface HdrState {
	order: IDataObject;
	/** The order's live brackets. */
	brackets: IDataObject[];
	/** IDs of the brackets merged into an image the order lists. */
	merged: Set<string>;
}

const getOrder = async (context: IExecuteFunctions, orderId: string, itemIndex?: number): Promise<IDataObject> =>
	await apiRequest.call(context, { method: 'GET', path: orderPath(orderId), subject: `order "${orderId}"`, itemIndex });

/** The order and its brackets (read after it), with which of them are merged. */
export async function readHdrState(this: IExecuteFunctions, orderId: string, itemIndex?: number): Promise<HdrState> {
	const order = await getOrder(this, orderId, itemIndex);
	return await withBrackets.call(this, orderId, order, itemIndex);
}

/**
 * A bracket is merged when its `image_id` names an image the order lists: Autoenhance may set
 * `image_id` before the merge, so that alone says nothing.
 */
async function withBrackets(
	this: IExecuteFunctions,
	orderId: string,
	order: IDataObject,
	itemIndex?: number,
): Promise<HdrState> {
	const brackets = await listBrackets.call(this, orderId, itemIndex);
	const images = Array.isArray(order.images) ? (order.images as IDataObject[]) : [];
	const imageIds = new Set(images.map((image) => String(image.image_id)));
	const merged = brackets
		.filter((bracket) => typeof bracket.image_id === 'string' && imageIds.has(bracket.image_id))
		.map((bracket) => String(bracket.bracket_id));
	return { order, brackets, merged: new Set(merged) };
}

/**
 * Autoenhance may flag a bracket uploaded (is_uploaded) some time after its file arrived. Waits up
 * to `limitMs` for every bracket in `bracketIds` to be flagged; answers those still not flagged.
 */
export async function unflaggedAfterWait(
	this: IExecuteFunctions,
	orderId: string,
	bracketIds: string[],
	limitMs: number,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const deadline = Date.now() + limitMs;
	for (;;) {
		const wanted = new Set(bracketIds);
		const listed = (await listBrackets.call(this, orderId, itemIndex)).filter((bracket) => wanted.has(String(bracket.bracket_id)));
		const unflagged = listed.filter((bracket) => bracket.is_uploaded === false);
		if (unflagged.length === 0 || Date.now() >= deadline) return unflagged;
		await sleepWithAbort(Math.min(RECHECK_MS, deadline - Date.now()), this.getExecutionCancelSignal());
	}
}

/**
 * After a merge request whose answer was lost: the order when that request started the merge,
 * else undefined (asking again is safe). Autoenhance may show a started merge only seconds later
 * (neither merging nor merged at first), so this looks again for a while before it says no.
 */
export async function mergeStarted(this: IExecuteFunctions, orderId: string, itemIndex?: number): Promise<IDataObject | undefined> {
	const deadline = Date.now() + MERGE_START_WAIT_MS;
	for (;;) {
		const order = await getOrder(this, orderId, itemIndex);
		if (order.is_merging === true || (await withBrackets.call(this, orderId, order, itemIndex)).merged.size > 0) return order;
		if (Date.now() >= deadline) return undefined;
		await sleepWithAbort(RECHECK_MS, this.getExecutionCancelSignal());
	}
}

/**
 * Waits until the order is neither merging nor processing and every bracket in `bracketIds` is
 * merged: an order that shows no images yet right after the merge was asked for is not finished.
 * `merged` false: the wait ran out and On Timeout asked for the last state.
 */
export async function waitForMerge(
	this: IExecuteFunctions,
	orderId: string,
	bracketIds: string[],
	settings: WaitSettings,
	itemIndex?: number,
): Promise<{ order: IDataObject; merged: boolean }> {
	let merged = false;
	const order = await pollUntilDone.call(this, {
		subject: `order "${orderId}"`,
		settings,
		itemIndex,
		fetch: async () => {
			const order = await getOrder(this, orderId, itemIndex);
			merged = false;
			if (isOrderBusy(order)) return order;
			const state = await withBrackets.call(this, orderId, order, itemIndex);
			merged = bracketIds.every((id) => state.merged.has(id));
			return order;
		},
		progress: () => (merged ? 'done' : 'pending'),
		describe: describeOrder,
	});
	return { order, merged };
}
