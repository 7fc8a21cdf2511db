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
 * photo keeps its own schedule and deadline (First Check After, Max Wait, On Timeout), and each
 * read counts as a check for every photo it lists. The reads come as often as the photos' own
 * checks together would (see `nextReadAt`), so many photos are seen sooner than one alone.
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
	/** The gap to its next check as it would poll alone (`checkGap`); 0 before its first check, which is due at once. */
	gapMs: number;
	settle: { resolve(image: ApiImage): void; reject(error: Error): void };
}

export function createOrderWaiter(context: IExecuteFunctions, orderId: string): OrderWaiter {
	const waiting = new Map<string, Waiter>();
	let lastReadAt = -Infinity;
	let running = false;

	const dueAt = (waiter: Waiter) => Math.min(waiter.nextCheckAt, waiter.deadline);
	/**
	 * When the order is next read. Polled each on its own, the waiting photos would together send
	 * Σ 1/gap checks a second; one read serves them all, so it comes at that rate, every
	 * 1 / Σ (1/gap) after the last, and no later than any photo's own next check or deadline. One
	 * photo waiting is read exactly as on its own (a fifth of the time waited apart); many are read
	 * every First Check After. Reads never outnumber the checks the photos would make alone, and come
	 * no closer together than the shortest First Check After among them.
	 */
	const nextReadAt = () => {
		const all = [...waiting.values()];
		const minimumGap = Math.min(...all.map((waiter) => waiter.settings.firstIntervalSeconds * 1000));
		// A gap of 0 (not checked yet) makes the rate infinite and the shared gap 0: due at once.
		const sharedGap = 1 / all.reduce((rate, waiter) => rate + 1 / waiter.gapMs, 0);
		return Math.max(lastReadAt + minimumGap, Math.min(lastReadAt + sharedGap, ...all.map(dueAt)));
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
		waiter.gapMs = checkGap(waiter.settings, checkedAt - waiter.startedAt);
		waiter.nextCheckAt = checkedAt + waiter.gapMs;
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
					gapMs: 0,
					settle: { resolve, reject },
				});
			});
			if (!running) void run();
			return await settled;
		},
	};
}
