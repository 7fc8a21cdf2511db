import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest } from '../transport';
import { sleepUnlessStopped } from '../utils/sleep';
import { deleteAt, isDeleted } from './deletion';
import { safeName } from './names';
import type { ApiImage } from './images';
import { BRACKETS, bracketPath, orderPath } from './paths';

/**
 * A bracket as the API lists it. `image_id` names the image it is merged into, but may be set
 * before the merge: mergedInto says when a bracket is merged.
 */
export interface ApiBracket extends IDataObject {
	bracket_id?: string;
	name?: string;
	image_id?: string;
	is_uploaded?: boolean;
	is_deleted?: boolean;
	upload_url?: string;
	s3PutObjectUrl?: string;
}

const subjectOf = (name: string) => `bracket "${name}"`;

/** How long a bracket whose file arrived may go unflagged (is_uploaded false) before it counts as missing. */
const UPLOAD_FLAG_WAIT_MS = 10_000;
const RECHECK_MS = 500;

/**
 * The IDs of the brackets merged into an image the order lists. A bracket's `image_id` alone
 * says nothing: Autoenhance may set it before the merge.
 */
export function mergedInto(order: { images?: ApiImage[] }, brackets: ApiBracket[]): Set<string> {
	const imageIds = new Set((order.images ?? []).map((image) => String(image.image_id)));
	const merged = brackets.filter((bracket) => typeof bracket.image_id === 'string' && imageIds.has(bracket.image_id));
	return new Set(merged.map((bracket) => String(bracket.bracket_id)));
}

/**
 * Autoenhance may flag a bracket uploaded (is_uploaded) some seconds after its file arrived.
 * Waits up to 10 s (or `maxWaitSeconds`, if shorter) for every bracket in `bracketIds` to be
 * flagged; answers those still not flagged, and how long it waited for them.
 */
export async function unflaggedAfterWait(
	this: IExecuteFunctions,
	orderId: string,
	bracketIds: string[],
	maxWaitSeconds: number,
	itemIndex?: number,
): Promise<{ unflagged: ApiBracket[]; waitedSeconds: number }> {
	const limitMs = Math.min(UPLOAD_FLAG_WAIT_MS, maxWaitSeconds * 1000);
	const deadline = Date.now() + limitMs;
	const wanted = new Set(bracketIds);
	for (;;) {
		const listed = (await listBrackets.call(this, orderId, itemIndex)).filter((bracket) => wanted.has(String(bracket.bracket_id)));
		const unflagged = listed.filter((bracket) => bracket.is_uploaded === false);
		if (unflagged.length === 0 || Date.now() >= deadline) return { unflagged, waitedSeconds: limitMs / 1000 };
		await sleepUnlessStopped(Math.min(RECHECK_MS, deadline - Date.now()), this.getExecutionCancelSignal());
	}
}

/** The order's brackets; deleted ones, which Autoenhance may still list (is_deleted), left out. */
export async function listBrackets(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<ApiBracket[]> {
	const response = await apiRequest.call(this, {
		method: 'GET',
		path: orderPath(orderId, 'brackets'),
		subject: `order "${orderId}"`,
		itemIndex,
	});
	const brackets = Array.isArray(response.brackets) ? (response.brackets as ApiBracket[]) : [];
	return brackets.filter((bracket) => !isDeleted(bracket));
}

/**
 * Registers a bracket with an order; the answer carries its ID and upload URL. A registration
 * takes no client ID, and its answer carries the only upload URL: after an attempt whose answer
 * was lost, the bracket it may have registered is found by its name (unique in the order) and
 * removed, so that registering again leaves exactly one.
 */
export async function createBracket(this: AutoenhanceContext, orderId: string, name: string): Promise<ApiBracket> {
	return await apiRequest.call(this, {
		method: 'POST',
		path: BRACKETS,
		body: { order_id: orderId, name: safeName(name) },
		recover: async () => await removeRegistered.call(this, orderId, name),
		subject: subjectOf(name),
	});
}

async function removeRegistered(this: AutoenhanceContext, orderId: string, name: string): Promise<undefined> {
	const registered = (await listBrackets.call(this, orderId)).filter((listed) => listed.name === safeName(name));
	for (const { bracket_id: bracketId } of registered) {
		await deleteAt.call(this, { path: bracketPath(String(bracketId)), subject: subjectOf(name), ifFound: true });
	}
	return undefined;
}
