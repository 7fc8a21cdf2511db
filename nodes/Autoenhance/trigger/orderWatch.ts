import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { imagesOf, listOrders } from '../api/orders';

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
 * How many orders must have come newest first, one after another, before the list is taken to be
 * sorted that way (Autoenhance does not document its order). By chance, a list in no particular
 * order does so once in 20! (2·10¹⁸) times.
 */
const NEWEST_FIRST_PROOF = 20;

export interface Listed {
	order: IDataObject;
	id: string;
	at: number;
}

/**
 * Reads the orders, and reports those that finished since the last poll. Where the list shows
 * itself newest first, paging stops at the oldest order that can matter (the newest of the last
 * poll, or an older order still being watched); otherwise every page is read. Without an earlier
 * state (first activation) nothing is reported: orders already finished are history, and
 * unfinished ones of the last WATCH_WINDOW_MS are watched from then on.
 */
export async function scanOrders(this: IPollFunctions, previous: WatchState | undefined): Promise<ScanResult> {
	const listed = await readOrders.call(this, (read) => read[read.length - 1].at < scanHorizon(previous, read[0].at));
	if (listed.length === 0) return { finished: [], state: nextState(previous, undefined, {}) };
	const newestAt = Math.max(...listed.map(({ at }) => at));
	const newest = { at: newestAt, ids: listed.filter(({ at }) => at === newestAt).map(({ id }) => id) };
	const horizon = scanHorizon(previous, newestAt);
	const finished: Listed[] = [];
	const watching: Record<string, number> = {};
	for (const entry of listed) {
		const { order, id, at } = entry;
		if (at < horizon) continue;
		if (!isNew(previous, id, at) && previous?.watching[id] === undefined) continue;
		if (isFinished(order)) {
			if (previous) finished.push(entry);
		} else if (order.is_deleted !== true && at >= newestAt - WATCH_WINDOW_MS) {
			watching[id] = at;
		}
	}
	finished.sort((a, b) => a.at - b.at);
	return { finished: finished.map(({ order }) => order), state: nextState(previous, newest, watching) };
}

/**
 * The orders, each once, newest first. Reading stops when `enough(read so far)` says so, but only
 * once the list has proved to come newest first; otherwise every page is read and sorted here.
 */
export async function readOrders(this: IPollFunctions, enough: (read: Listed[]) => boolean): Promise<Listed[]> {
	const listed: Listed[] = [];
	let newestFirst = true;
	for await (const order of listOrders.call(this)) {
		const id = String(order.order_id);
		const at = createdAt.call(this, order);
		newestFirst &&= listed.length === 0 || at <= listed[listed.length - 1].at;
		listed.push({ order, id, at });
		if (newestFirst && listed.length >= NEWEST_FIRST_PROOF && enough(listed)) break;
	}
	return newestFirst ? listed : listed.sort((a, b) => b.at - a.at);
}

/** Whether an order is done: neither merging nor processing, and every image settled. */
export function isFinished(order: IDataObject): boolean {
	if (order.is_deleted === true || order.is_merging === true || order.is_processing === true) return false;
	const images = imagesOf(order);
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
