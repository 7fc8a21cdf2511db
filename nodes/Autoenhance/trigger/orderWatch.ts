import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listOrders } from '../api/orders';

/**
 * What the polling trigger remembers between polls (in the workflow's static data). It stays
 * small whatever the account's history: one timestamp, the IDs at that timestamp, and the
 * orders still being waited for (at most MAX_WATCHED, none older than WATCH_WINDOW_MS).
 */
interface WatchState {
	/** `created_at` (epoch ms) of the newest order seen: orders created later are new. */
	newestAt: number;
	/** The orders created at exactly `newestAt`, since timestamps can tie. */
	newestIds: string[];
	/** Orders seen unfinished, by ID, with their `created_at`: looked at again until they finish. */
	watching: Record<string, number>;
}

/** An order still unfinished this long after the newest order was created counts as abandoned. */
const WATCH_WINDOW_MS = 72 * 60 * 60 * 1000;
const MAX_WATCHED = 1000;

interface ScanResult {
	/** Orders that finished since the last poll, oldest first. */
	finished: IDataObject[];
	/** To be saved once the finished orders have been turned into items. */
	state: WatchState;
}

/**
 * Pages through the orders (newest first) only down to the oldest one that can matter: the newest
 * order of the last poll, or an older order still being watched. Without an earlier state (first
 * activation) nothing is reported: orders already finished are history, and unfinished ones of the
 * last WATCH_WINDOW_MS are watched from then on.
 */
export async function scanOrders(this: IPollFunctions, previous: WatchState | undefined): Promise<ScanResult> {
	const finished: IDataObject[] = [];
	const watching: Record<string, number> = {};
	const seen = new Set<string>();
	let newest: { at: number; ids: string[] } | undefined;
	let horizon = -Infinity;
	for await (const order of listOrders.call(this)) {
		const id = String(order.order_id);
		const at = createdAt.call(this, order);
		if (!newest) {
			newest = { at, ids: [] };
			horizon = scanHorizon(previous, at);
		}
		if (at < horizon) break;
		if (seen.has(id)) continue;
		seen.add(id);
		if (at === newest.at) newest.ids.push(id);
		if (!isNew(previous, id, at) && previous?.watching[id] === undefined) continue;
		if (isFinished(order)) {
			if (previous) finished.push(order);
		} else if (order.is_deleted !== true && at >= newest.at - WATCH_WINDOW_MS) {
			watching[id] = at;
		}
	}
	return { finished: finished.reverse(), state: nextState(previous, newest, watching) };
}

/** Whether an order is done: neither merging nor processing, and every image settled. */
export function isFinished(order: IDataObject): boolean {
	if (order.is_deleted === true || order.is_merging === true || order.is_processing === true) return false;
	const images = Array.isArray(order.images) ? (order.images as IDataObject[]) : [];
	return images.length > 0 && images.every((image) => SETTLED.has(String(image.status)));
}

const SETTLED = new Set(['processed', 'error', 'expired']);

/** Static data written by another version, or edited by hand, counts as no state. */
export function readWatchState(value: unknown): WatchState | undefined {
	const state = value as Partial<WatchState> | undefined;
	if (
		typeof state?.newestAt !== 'number' ||
		!Array.isArray(state.newestIds) ||
		typeof state.watching !== 'object' ||
		state.watching === null
	) {
		return undefined;
	}
	return state as WatchState;
}

function scanHorizon(previous: WatchState | undefined, newestAt: number): number {
	const windowStart = newestAt - WATCH_WINDOW_MS;
	if (!previous) return windowStart;
	const oldestWatched = Math.min(...Object.values(previous.watching));
	return Math.min(previous.newestAt, Math.max(oldestWatched, windowStart));
}

function isNew(previous: WatchState | undefined, id: string, at: number): boolean {
	if (!previous || at > previous.newestAt) return true;
	return at === previous.newestAt && !previous.newestIds.includes(id);
}

function nextState(
	previous: WatchState | undefined,
	newest: { at: number; ids: string[] } | undefined,
	watching: Record<string, number>,
): WatchState {
	const kept = Object.fromEntries(
		Object.entries(watching)
			.sort(([, a], [, b]) => b - a)
			.slice(0, MAX_WATCHED),
	);
	// The newest order of an earlier poll may have been deleted since: the mark never moves back.
	if (!newest || (previous && previous.newestAt > newest.at)) {
		return { newestAt: previous?.newestAt ?? 0, newestIds: previous?.newestIds ?? [], watching: kept };
	}
	const ids = previous?.newestAt === newest.at ? [...new Set([...previous.newestIds, ...newest.ids])] : newest.ids;
	return { newestAt: newest.at, newestIds: ids, watching: kept };
}

/** `created_at` in epoch ms; the API writes it without a time zone, in UTC. */
function createdAt(this: IPollFunctions, order: IDataObject): number {
	const text = typeof order.created_at === 'string' ? order.created_at.trim() : '';
	const ms = Date.parse(/(?:Z|[+-]\d\d:?\d\d)$/i.test(text) ? text : `${text}Z`);
	if (!text || Number.isNaN(ms)) {
		throw new NodeOperationError(
			this.getNode(),
			`Autoenhance listed order "${String(order.order_id)}" without a readable creation time ("${text}")`,
			{ description: 'The polling trigger orders what it has seen by created_at.' },
		);
	}
	return ms;
}
