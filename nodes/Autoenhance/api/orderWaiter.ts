import type { IExecuteFunctions } from 'n8n-workflow';

import { sleepUnlessStopped } from '../utils/sleep';
import type { WaitSettings } from './completion';
import { checkGap, failedError, imageProgress, timedOutError } from './completion';
import type { ApiImage } from './images';
import { getImage } from './images';
import { getOrder, imagesOf } from './orders';

/** A photo uploaded into an order, to be waited for until Autoenhance has finished it. */
interface WaitingPhoto {
	imageId: string;
	/** The image as last seen (at first: as created): what On Timeout's Return Last State returns. */
	image: ApiImage;
	settings: WaitSettings;
	itemIndex: number;
}

/**
 * Waits for the photos of one order together: one read of the order settles every photo it lists
 * (a photo is done when its status says so, as in `waitForImage`), however many there are. Each
 * photo keeps its own schedule and deadline (First Check After, Max Wait, On Timeout); the order
 * is read when the first of them is due, and that read counts as a check for every photo it lists.
 */
export interface OrderWaiter {
	/** The image once finished; or its last state when Max Wait passed and On Timeout says so. */
	waitFor(photo: WaitingPhoto): Promise<ApiImage>;
}

/**
 * How often the waiter looks whether a photo has become due: a photo that joins while the waiter
 * sleeps toward a later check is seen this late at most. Looking costs no request.
 */
const LOOK_EVERY_MS = 200;

interface Waiter extends WaitingPhoto {
	startedAt: number;
	deadline: number;
	nextCheckAt: number;
	settle: { resolve(image: ApiImage): void; reject(error: Error): void };
}

export function createOrderWaiter(context: IExecuteFunctions, orderId: string): OrderWaiter {
	const waiting = new Map<string, Waiter>();
	let lastReadAt = -Infinity;
	let running = false;

	const dueAt = (waiter: Waiter) => Math.min(waiter.nextCheckAt, waiter.deadline);
	/** Reads of the order come no closer together than the shortest First Check After among the waiting photos. */
	const nextReadAt = () => {
		const all = [...waiting.values()];
		const minimumGap = Math.min(...all.map((waiter) => waiter.settings.firstIntervalSeconds * 1000));
		return Math.max(Math.min(...all.map(dueAt)), lastReadAt + minimumGap);
	};

	const finish = (waiter: Waiter, outcome: { image: ApiImage } | { error: Error }) => {
		waiting.delete(waiter.imageId);
		if ('error' in outcome) waiter.settle.reject(outcome.error);
		else waiter.settle.resolve(outcome.image);
	};

	/** Applies what a check saw of a photo: done, failed, or still pending (then its next check, or its timeout). */
	const apply = (waiter: Waiter, image: ApiImage, checkedAt: number) => {
		const progress = imageProgress(image);
		if (progress === 'done') return finish(waiter, { image });
		const subject = `image "${waiter.imageId}"`;
		if (progress !== 'pending') return finish(waiter, { error: failedError(context, subject, progress.failed, waiter.itemIndex) });
		waiter.image = image;
		waiter.nextCheckAt = checkedAt + checkGap(waiter.settings, checkedAt - waiter.startedAt);
	};

	const timeOutOverdue = () => {
		const now = Date.now();
		for (const waiter of [...waiting.values()].filter((candidate) => candidate.deadline <= now)) {
			if (waiter.settings.onTimeout === 'returnLastState') {
				finish(waiter, { image: waiter.image });
				continue;
			}
			const error = timedOutError(context, `image "${waiter.imageId}"`, waiter.settings, `status "${String(waiter.image.status)}"`, waiter.itemIndex);
			finish(waiter, { error });
		}
	};

	/**
	 * One check: read the order; settle every photo it lists. A photo it does not list (yet), when
	 * that photo is due, is read on its own, so it is waited for correctly whether or not the order
	 * ever lists it. A failed order read settles nothing: the next check reads it again.
	 */
	const check = async () => {
		const checkedAt = Date.now();
		lastReadAt = checkedAt;
		const checked = [...waiting.values()];
		let listed: Map<string, ApiImage> | undefined;
		try {
			const order = await getOrder.call(context, orderId);
			listed = new Map(imagesOf(order).map((image) => [String(image.image_id), image]));
		} catch {
			// Settles nothing; a stopped execution ends the wait at the next sleep.
		}
		if (!listed) return timeOutOverdue();
		const unlisted: Waiter[] = [];
		for (const waiter of checked) {
			const image = listed.get(waiter.imageId);
			if (image) apply(waiter, image, checkedAt);
			else if (dueAt(waiter) <= checkedAt) unlisted.push(waiter);
		}
		await Promise.all(
			unlisted.map(async (waiter) => {
				try {
					apply(waiter, await getImage.call(context, waiter.imageId, waiter.itemIndex), checkedAt);
				} catch (error) {
					finish(waiter, { error: error as Error });
				}
			}),
		);
		timeOutOverdue();
	};

	const run = async () => {
		running = true;
		try {
			while (waiting.size > 0) {
				const untilRead = nextReadAt() - Date.now();
				if (untilRead > 0) await sleepUnlessStopped(Math.min(untilRead, LOOK_EVERY_MS), context.getExecutionCancelSignal());
				else await check();
			}
		} catch (error) {
			for (const waiter of [...waiting.values()]) finish(waiter, { error: error as Error });
		} finally {
			running = false;
		}
	};

	return {
		async waitFor(photo) {
			const startedAt = Date.now();
			const settled = new Promise<ApiImage>((resolve, reject) => {
				waiting.set(photo.imageId, {
					...photo,
					startedAt,
					deadline: startedAt + photo.settings.maxWaitSeconds * 1000,
					nextCheckAt: startedAt,
					settle: { resolve, reject },
				});
			});
			if (!running) void run();
			return await settled;
		},
	};
}
