// The stored objects (orders, images, brackets, blobs) and how the API shows them.
// Stored images and brackets carry internal fields (blob, seq, bracket_ids, is_bracket …)
// that the serializers leave out: responses hold only documented fields.
import { randomUUID } from 'node:crypto';
import { notFound, validationError } from './http.mjs';

const USER_ID = 'auth0|fake-autoenhance-user';

/** ImageOut, the image as the API answers it; `is_threesixty` is derived from `threesixty`. */
const IMAGE_OUT_FIELDS = [
	'ai_version', 'cloud_type', 'date_added', 'downloaded', 'enhance', 'enhance_type',
	'finetune_settings', 'image_id', 'image_name', 'image_type', 'lens_correction', 'metadata',
	'order_id', 'parent_image_id', 'preset_id', 'privacy', 'rating', 'scene', 'sky_replacement',
	'status', 'status_reason', 'upscale', 'user_id', 'vertical_correction', 'window_pull',
];

const DEFAULT_SETTINGS = {
	ai_version: '4.x',
	cloud_type: null,
	enhance: true,
	enhance_type: 'neutral',
	finetune_settings: null,
	lens_correction: true,
	preset_id: null,
	privacy: false,
	sky_replacement: false,
	threesixty: false,
	upscale: false,
	vertical_correction: true,
	window_pull: null,
};

const IMAGE_TYPES = { jpg: 'jpeg', jpeg: 'jpeg', png: 'png', tif: 'tiff', tiff: 'tiff', heic: 'heic', webp: 'webp', avif: 'avif', dng: 'dng' };

function imageType(name, contentType) {
	const fromMime = /^image\/(?:x-[a-z]+-)?([a-z0-9]+)$/.exec(contentType ?? '')?.[1];
	const extension = /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1]?.toLowerCase();
	return IMAGE_TYPES[fromMime] ?? fromMime ?? IMAGE_TYPES[extension] ?? extension ?? 'jpeg';
}

/** Python's isoformat() of a naive datetime, as the API returns order timestamps. */
const naiveIso = (ms) => new Date(ms).toISOString().replace('Z', '000');

const nextSeq = (core) => ++core.seq;

/** Copies settings (see pickSettings) and the editable fields present in `changes` onto an image. */
export function applySettings(image, changes) {
	for (const [name, value] of Object.entries(changes)) {
		if (value !== undefined) image[name] = value;
	}
}

export function createBlob(core, orderId, objectId, contentType) {
	const id = randomUUID();
	const blob = {
		id,
		key: `/autoenhance-uploads/${encodeURIComponent(orderId)}/${encodeURIComponent(objectId)}`,
		path: core.storage.pathFor(id),
		contentType,
		uploaded: false,
		size: 0,
		sha256: null,
		head: Buffer.alloc(0),
	};
	core.blobs.set(blob.key, blob);
	return blob;
}

export function createOrder(core, { order_id = randomUUID(), name = 'Untitled order' } = {}) {
	const now = Date.now();
	const order = {
		order_id,
		name,
		created_at: naiveIso(now),
		last_updated_at: naiveIso(now),
		is_deleted: false,
		is_merging: false,
		default_image_sort_order: null,
		image_ids: [],
		bracket_ids: [],
		seq: nextSeq(core),
	};
	core.orders.set(order_id, order);
	core.stats.ordersCreated += 1;
	return order;
}

export function touchOrder(order) {
	order.last_updated_at = naiveIso(Date.now());
}

/**
 * A stored image. `blob` holds the bytes downloads start from; `sources` are the blobs its
 * processing reads (an HDR result: the first bracket's blob, and every bracket's).
 * `settings`: picked settings and editable fields (applySettings).
 */
export function createImage(core, order, { image_id, image_name, settings }, { blob, listed = true }) {
	const image = {
		...DEFAULT_SETTINGS,
		image_id: image_id ?? randomUUID(),
		image_name,
		order_id: order.order_id,
		date_added: Date.now(),
		downloaded: false,
		image_type: imageType(image_name, blob.contentType),
		metadata: {},
		parent_image_id: null,
		rating: null,
		scene: null,
		status: 'waiting',
		status_reason: null,
		user_id: USER_ID,
		hdr: false,
		is_bracket: !listed,
		bracket_ids: null,
		blob,
		sources: [blob],
		seq: nextSeq(core),
	};
	applySettings(image, settings);
	core.images.set(image.image_id, image);
	if (listed) order.image_ids.push(image.image_id);
	touchOrder(order);
	return image;
}

/**
 * A bracket: `is_uploaded` follows its blob's upload (see lifecycle.mjs); `image_id` is null until
 * its merge unless the bracketImageId variant sets it now; `merged` says whether it was merged.
 */
export function createBracket(core, order, { bracket_id = randomUUID(), name, metadata = {}, blob }) {
	const image_id = core.variants.bracketImageId === 'preassigned' ? randomUUID() : null;
	const bracket = {
		bracket_id,
		name,
		order_id: order.order_id,
		metadata,
		image_id,
		is_uploaded: false,
		merged: false,
		blob,
		seq: nextSeq(core),
	};
	blob.ownerBracketId = bracket_id;
	core.brackets.set(bracket_id, bracket);
	order.bracket_ids.push(bracket_id);
	core.stats.bracketsCreated += 1;
	touchOrder(order);
	return bracket;
}

/** A client-chosen id that is taken: 422, counted, and nothing is created. */
export function rejectTakenId(core, field, id, isTaken) {
	if (id === undefined || !isTaken(id)) return;
	core.stats.duplicateCreatesRejected += 1;
	throw validationError('json', { [field]: [`The ${field} "${id}" is already in use.`] });
}

/** A live object (a soft-deleted one counts as gone, except where `withDeleted` shows it). */
function lookup(map, id, what, withDeleted) {
	const found = map.get(id);
	if (!found || (found.is_deleted && !withDeleted)) throw notFound(what);
	return found;
}

export const getImage = (core, id, { withDeleted = false } = {}) => lookup(core.images, id, 'Image', withDeleted);
export const getOrder = (core, id, { withDeleted = false } = {}) => lookup(core.orders, id, 'Order', withDeleted);
export const getBracket = (core, id, { withDeleted = false } = {}) => lookup(core.brackets, id, 'Bracket', withDeleted);

/** Whether `object` is still stored under `id` and not deleted: timers check it before acting. */
export const isLive = (map, id, object) => map.get(id) === object && !object.is_deleted;

const without = (list, id) => list.filter((item) => item !== id);

/**
 * Deletes from `map`: hard, the entry goes (its ID is free again); soft (deletion variant), it
 * stays with is_deleted: true, answering GET but nothing else, its ID still taken.
 */
function deleteEntry(core, map, id) {
	const entry = map.get(id);
	if (!entry) return;
	if (core.variants.deletion === 'soft') entry.is_deleted = true;
	else map.delete(id);
}

/** Removes an image; a bracket registered as an `hdr: true` image goes with its image. */
export function removeImage(core, image) {
	deleteEntry(core, core.images, image.image_id);
	const order = core.orders.get(image.order_id);
	if (order) order.image_ids = without(order.image_ids, image.image_id);
	if (image.is_bracket) removeBracket(core, core.brackets.get(image.image_id));
}

/** A removed bracket leaves its order's merges; a soft-deleted one is still listed. */
export function removeBracket(core, bracket) {
	if (!bracket) return;
	deleteEntry(core, core.brackets, bracket.bracket_id);
	deleteEntry(core, core.images, bracket.bracket_id);
	const order = core.orders.get(bracket.order_id);
	if (order && !bracket.is_deleted) order.bracket_ids = without(order.bracket_ids, bracket.bracket_id);
}

export function removeOrder(core, order) {
	for (const id of order.image_ids) deleteEntry(core, core.images, id);
	for (const id of order.bracket_ids) removeBracket(core, core.brackets.get(id));
	deleteEntry(core, core.orders, order.order_id);
}

const orderImages = (core, order) => order.image_ids.map((id) => core.images.get(id)).filter((image) => !image.is_deleted);
/** The images the order's `images` shows: under the lagging orderImages variant, not those created in the last orderListingLagMs. */
const listedImages = (core, order) =>
	core.variants.orderImages === 'lagging'
		? orderImages(core, order).filter((image) => Date.now() - image.date_added >= core.config.orderListingLagMs)
		: orderImages(core, order);
/** The order's brackets as listed: soft-deleted ones included. */
export const orderBrackets = (core, order) => order.bracket_ids.map((id) => core.brackets.get(id));
export const liveBrackets = (core, order) => orderBrackets(core, order).filter((bracket) => !bracket.is_deleted);

export function isOrderProcessing(core, order) {
	return order.is_merging || orderImages(core, order).some((image) => image.status === 'processing');
}

function orderStatus(core, order) {
	const statuses = orderImages(core, order).map((image) => image.status);
	if (isOrderProcessing(core, order)) return 'processing';
	if (statuses.length === 0 || statuses.includes('waiting')) return 'waiting';
	return statuses.every((status) => status === 'error') ? 'error' : 'processed';
}

/** is_deleted appears only on a soft-deleted image (ImageOut has no such field otherwise). */
const deletedMark = (object) => (object.is_deleted ? { is_deleted: true } : {});

export function imageOut(image) {
	const out = Object.fromEntries(IMAGE_OUT_FIELDS.map((name) => [name, image[name] ?? null]));
	return { ...out, is_threesixty: Boolean(image.threesixty), ...deletedMark(image) };
}

export function orderOut(core, order) {
	const images = listedImages(core, order);
	return {
		order_id: order.order_id,
		name: order.name,
		created_at: order.created_at,
		last_updated_at: order.last_updated_at,
		images: images.map(imageOut),
		is_deleted: Boolean(order.is_deleted),
		is_merging: order.is_merging,
		is_processing: isOrderProcessing(core, order),
		status: orderStatus(core, order),
		total_images: images.length,
		default_image_sort_order: order.default_image_sort_order,
	};
}

export function bracketOut(bracket) {
	const { bracket_id, name, is_uploaded, order_id, image_id, metadata } = bracket;
	return { bracket_id, name, is_uploaded, order_id, image_id, metadata, ...deletedMark(bracket) };
}
