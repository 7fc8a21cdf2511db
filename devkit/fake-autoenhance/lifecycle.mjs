// Image status over time: waiting → (upload, reprocess or merge) processing → processed,
// or error when a source file is empty or starts with the ASCII marker CORRUPT.
import { isLive, isOrderProcessing, touchOrder } from './state.mjs';
import { notifyImageProcessed } from './webhooks.mjs';

const UNREADABLE_REASON = 'The uploaded file is not a readable image';
const CORRUPT_MARKER = Buffer.from('CORRUPT', 'latin1');

const isUnreadable = (blob) =>
	blob.size === 0 || blob.head.subarray(0, CORRUPT_MARKER.length).equals(CORRUPT_MARKER);

function finishProcessing(core, image, generation) {
	if (!isLive(core.images, image.image_id, image) || image.generation !== generation) return;
	const failed = image.sources.some(isUnreadable);
	image.status = failed ? 'error' : 'processed';
	image.status_reason = failed ? UNREADABLE_REASON : null;
	const order = core.orders.get(image.order_id);
	if (order) touchOrder(order);
	notifyImageProcessed(core, image, order ? isOrderProcessing(core, order) : false);
}

/** The golden ratio's fraction: multiples of it spread evenly over [0, 1) in any number. */
const GOLDEN_FRACTION = (Math.sqrt(5) - 1) / 2;

/**
 * processingMs, plus a share of processingSpreadMs that differs from one processing to the next
 * (spread evenly, the same sequence in every run): photos that finish one by one, not together.
 */
function processingTime(core) {
	core.processingsStarted = (core.processingsStarted ?? 0) + 1;
	return core.config.processingMs + core.config.processingSpreadMs * ((core.processingsStarted * GOLDEN_FRACTION) % 1);
}

/** Starts (or restarts) processing; a later restart makes an earlier timer a no-op. */
export function startProcessing(core, image) {
	image.status = 'processing';
	image.status_reason = null;
	image.generation = (image.generation ?? 0) + 1;
	const generation = image.generation;
	core.timers.after(processingTime(core), () => finishProcessing(core, image, generation));
}

/**
 * An upload finished: a plain image starts processing; a bracket waits for merge/process and is
 * flagged is_uploaded at once or, in the delayed bracketUploadFlag variant, uploadFlagDelayMs later.
 */
export function onUploaded(core, blob) {
	const image = core.images.get(blob.ownerImageId);
	if (image && image.blob === blob && !image.is_bracket) startProcessing(core, image);
	const bracket = core.brackets.get(blob.ownerBracketId);
	if (!bracket || bracket.is_uploaded) return;
	const flag = () => (bracket.is_uploaded = true);
	if (core.variants.bracketUploadFlag === 'delayed') core.timers.after(core.config.uploadFlagDelayMs, flag);
	else flag();
}
