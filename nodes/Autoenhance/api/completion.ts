import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { sleepUnlessStopped } from '../utils/sleep';
import { capitalise } from '../utils/text';
import type { ApiImage } from './images';
import { getImage } from './images';
import type { ApiBracket } from './brackets';
import type { ApiOrder, HdrState } from './orders';
import { getHdrState } from './orders';

export interface WaitSettings {
	firstIntervalSeconds: number;
	maxWaitSeconds: number;
	onTimeout: 'fail' | 'returnLastState';
}

const MAX_INTERVAL_MS = 10_000;
/**
 * Each gap is at most this share of the time waited so far, so a result is seen at most a fifth
 * of its processing time late: a photo ready after 7 s is seen within 1.4 s, after 8 checks.
 * (Growing each gap by a fixed factor instead checks as often early on but lets the gaps outrun
 * the wait: 2.4 s late at 7 s for ×1.25 from 1 s.)
 */
const GAP_PER_TIME_WAITED = 0.2;

type Progress = 'done' | 'pending' | { failed: string };

export async function waitForImage(
	this: IExecuteFunctions,
	imageId: string,
	settings: WaitSettings,
	itemIndex?: number,
): Promise<ApiImage> {
	return await pollUntilDone(this, {
		subject: `image "${imageId}"`,
		settings,
		itemIndex,
		fetch: async () => await getImage.call(this, imageId, itemIndex),
		progress: imageProgress,
		describe: (image) => `status "${String(image.status)}"`,
	});
}

/**
 * Waits until the order is neither merging nor processing and every bracket in `bracketIds` is
 * merged into an image the order lists: right after a merge is asked for, Autoenhance may show
 * the order neither merging nor with any image, which is not "finished without photos".
 * Each check reads the order and its bracket list side by side: one more API request a check,
 * but the check that sees the order done needs no second round trip, and the list it read
 * (`brackets`) says which brackets made which image.
 * `merged` false: the wait ran out and On Timeout asked for the last state.
 */
export async function waitForMerge(
	this: IExecuteFunctions,
	orderId: string,
	bracketIds: string[],
	settings: WaitSettings,
	itemIndex?: number,
): Promise<{ order: ApiOrder; merged: boolean; brackets: ApiBracket[] }> {
	const isMerged = ({ order, merged }: HdrState) =>
		!order.is_merging && !order.is_processing && bracketIds.every((id) => merged.has(id));
	const last = await pollUntilDone(this, {
		subject: `order "${orderId}"`,
		settings,
		itemIndex,
		fetch: async () => await getHdrState.call(this, orderId, itemIndex),
		progress: (state) => (isMerged(state) ? 'done' : 'pending'),
		describe: ({ order }) =>
			`status "${String(order.status)}" (merging: ${String(order.is_merging)}, processing: ${String(order.is_processing)})`,
	});
	return { order: last.order, merged: isMerged(last), brackets: last.brackets };
}

export function imageProgress(image: ApiImage): Progress {
	if (image.status === 'error' || image.status === 'expired' || image.error === true) {
		return { failed: typeof image.status_reason === 'string' && image.status_reason ? image.status_reason : String(image.status) };
	}
	return image.status === 'processed' ? 'done' : 'pending';
}

async function pollUntilDone<State>(
	context: IExecuteFunctions,
	poll: {
		subject: string;
		settings: WaitSettings;
		itemIndex?: number;
		fetch: () => Promise<State>;
		progress: (state: State) => Progress;
		describe: (state: State) => string;
	},
): Promise<State> {
	const { settings, itemIndex } = poll;
	const startedAt = Date.now();
	const deadline = startedAt + settings.maxWaitSeconds * 1000;
	for (;;) {
		const checkedAt = Date.now();
		const state = await poll.fetch();
		const progress = poll.progress(state);
		if (progress === 'done') return state;
		if (progress !== 'pending') throw failedError(context, poll.subject, progress.failed, itemIndex);
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			if (settings.onTimeout === 'returnLastState') return state;
			throw timedOutError(context, poll.subject, settings, poll.describe(state), itemIndex);
		}
		// Gaps run from the start of one check to the start of the next: counted from its answer,
		// every check would come one round trip late.
		const untilNext = Math.max(0, checkedAt + checkGap(settings, checkedAt - startedAt) - Date.now());
		await sleepUnlessStopped(Math.min(untilNext, remaining), context.getExecutionCancelSignal());
	}
}

/** How long after a check the next one comes, for a wait that has run `waitedMs` at that check. */
export function checkGap(settings: WaitSettings, waitedMs: number): number {
	const firstIntervalMs = settings.firstIntervalSeconds * 1000;
	const maxIntervalMs = Math.max(MAX_INTERVAL_MS, firstIntervalMs);
	return Math.min(maxIntervalMs, Math.max(firstIntervalMs, waitedMs * GAP_PER_TIME_WAITED));
}

export function failedError(context: IExecuteFunctions, subject: string, reason: string, itemIndex?: number): NodeOperationError {
	return new NodeOperationError(context.getNode(), `Autoenhance could not enhance ${subject}: ${reason}`, {
		itemIndex,
		description: 'Check the image: Autoenhance reports this when it cannot read or process the file.',
	});
}

export function timedOutError(
	context: IExecuteFunctions,
	subject: string,
	settings: WaitSettings,
	lastState: string,
	itemIndex?: number,
): NodeOperationError {
	return new NodeOperationError(
		context.getNode(),
		`${capitalise(subject)} did not finish within ${settings.maxWaitSeconds} s; last ${lastState}`,
		{ itemIndex, description: 'Raise Max Wait in the options, or let a trigger pick up the result later.' },
	);
}
