// Turns what the calls saw into the report's readings: for each unknown of the API reference
// (§9) the calls can observe, the reading, and which behaviour of the fake server matches it.
import { UPLOAD_URL_SINCE, uploadUrlKey as fakeUploadUrlKey } from '../../devkit/fake-autoenhance/uploads.mjs';
import { VARIANTS } from '../../devkit/fake-autoenhance/variants.mjs';

/** Image statuses the docs name (reference §6). */
const DOCUMENTED_STATUSES = ['waiting', 'processing', 'processed', 'error'];

const reading = (variant, value) => (VARIANTS[variant].includes(value) ? [value] : []);

function orderOfTimes(times) {
	const ms = times.map((time) => Date.parse(time));
	const keys = ms.every(Number.isFinite) ? ms : times;
	if (new Set(keys).size < 3) return { listOrder: null, note: 'fewer than three orders with distinct created_at listed' };
	const pairs = keys.slice(1).map((key, index) => [keys[index], key]);
	if (pairs.every(([a, b]) => a >= b)) return { listOrder: 'newest' };
	if (pairs.every(([a, b]) => a <= b)) return { listOrder: 'oldest' };
	return { listOrder: 'other' };
}

function listOrder(raw) {
	if (!raw.orderList) return { observed: null };
	const orders = raw.orderList.pages.flat();
	if (orders.some((order) => typeof order.created_at !== 'string')) {
		return { observed: null, note: 'an order without created_at', detail: raw.orderList };
	}
	const { listOrder: observed, note } = orderOfTimes(orders.map((order) => order.created_at));
	const matches = { newest: ['newestFirst'], oldest: ['oldestFirst'], other: ['unordered'] }[observed] ?? [];
	return { observed, matches, note, detail: raw.orderList };
}

function downloadBody(raw) {
	if (!raw.download) return { observed: null };
	const { body, file } = raw.download;
	const note = file && !file.isImage ? 'what it leads to is not a JPEG, PNG or WebP' : undefined;
	return { observed: body, matches: note ? [] : reading('download', body), note, detail: raw.download };
}

/** Where a DELETE and a GET after it agree: `gone` for both is hard, `marked` for both soft. */
function softDelete(raw) {
	const looks = Object.values(raw.deletion ?? {}).filter(Boolean);
	if (looks.length === 0) return { observed: null };
	const same = looks.every((look) => look === looks[0]);
	const matches = same ? ({ gone: ['hard'], marked: ['soft'] }[looks[0]] ?? []) : [];
	const note = matches.length ? undefined : `after DELETE, GET found: ${JSON.stringify(raw.deletion)}`;
	return { observed: looks.includes('marked'), matches, note, detail: raw.deletion };
}

/** Preassigned, as the fake has it, when a merged image took the ID one of its brackets showed. */
function bracketImageId(raw) {
	if (!raw.hdr) return { observed: null };
	const ids = [...new Set(raw.hdr.imageIdsBeforeMerge.filter(Boolean))];
	if (ids.length === 0) return { observed: false, matches: ['unset'] };
	const results = raw.hdr.result?.imageIds ?? [];
	const taken = results.some((id) => ids.includes(id));
	const note = taken ? undefined : `set before the merge, but no merged image has one of these IDs: ${ids.join(', ')}`;
	return { observed: true, matches: taken ? ['preassigned'] : [], note, detail: { imageIds: ids, results } };
}

/** A lag as timed: 0 when the first look already showed it (the `immediate` reading). */
function lag(seen) {
	if (!seen) return { observed: null };
	if (!seen.seen) return { observed: null, matches: [], note: `not seen within ${seen.polls} polls`, detail: seen };
	return { observed: seen.lagMs, matches: [seen.lagMs === 0 ? 'immediate' : 'delayed'], detail: seen };
}

function accountVersion(raw) {
	if (!raw.accountVersion) return { observed: null };
	const { uploadUrlKey, headers } = raw.accountVersion;
	const pinned = { s3PutObjectUrl: `before ${UPLOAD_URL_SINCE} (or none)`, upload_url: `${UPLOAD_URL_SINCE} or later` }[uploadUrlKey];
	const matches = {
		s3PutObjectUrl: ['unpinned', `a date before ${UPLOAD_URL_SINCE}`],
		upload_url: [`a date from ${UPLOAD_URL_SINCE}`],
	}[uploadUrlKey] ?? [];
	return { observed: { uploadUrlKey, pinned: pinned ?? null, headers }, matches };
}

function settingEnums(raw) {
	if (!raw.reprocess) return { observed: null };
	const observed = raw.reprocess.docsOnlyCloudType;
	return { observed, matches: { accepted: ['documented'], refused: ['sdk'] }[observed], detail: raw.reprocess.refusal };
}

/** A behaviour the fake has one way only: matched when the observation is that way. */
function fixed(observed, fakeValue) {
	if (observed === undefined || observed === null) return { observed: null };
	return { observed, matches: observed === fakeValue ? [fakeValue] : [], fake: fakeValue };
}

function statuses(raw) {
	const seen = [...raw.imageStatuses];
	if (seen.length === 0) return { observed: null };
	const unknown = seen.filter((status) => !DOCUMENTED_STATUSES.includes(status));
	return { observed: seen, matches: unknown.length ? [] : ['documented'], note: unknown.length ? `not documented: ${unknown.join(', ')}` : undefined };
}

/** `{ key, unknown, variant, … }` for each observable unknown, in the reference's order. */
export function classify(raw, { apiVersion }) {
	const bracketKeys = [...new Set(raw.hdr?.bracketUploadUrlKeys ?? [])];
	return [
		{ key: 'uploadUrlKey', unknown: '§9.4 upload_url or s3PutObjectUrl, with the node\'s x-api-version', variant: null, ...fixed(raw.uploadUrlKey, fakeUploadUrlKey(apiVersion)) },
		{ key: 'bracketUploadUrlKey', unknown: '§9.3 the upload URL key of POST /v3/brackets/', variant: null, ...fixed(bracketKeys.length === 1 ? bracketKeys[0] : bracketKeys.join('+') || null, 'upload_url') },
		{ key: 'accountApiVersion', unknown: '§1, §21 the version of a request without x-api-version', variant: 'accountApiVersion', ...accountVersion(raw) },
		{ key: 'downloadBody', unknown: '§9.7 the answer of GET /enhanced (preview)', variant: 'download', ...downloadBody(raw) },
		{ key: 'settingEnums', unknown: '§9.13 cloud_type LOW_CLOUD_LOW_SAT (docs page, not the SDK)', variant: 'settingEnums', ...settingEnums(raw) },
		{ key: 'imageStatuses', unknown: '§9.15 image status values', variant: null, ...statuses(raw) },
		{ key: 'listOrder', unknown: '§9.22 order of GET /v3/orders/', variant: 'orderList', ...listOrder(raw) },
		{ key: 'uploadFlagLagMs', unknown: '§9.23 is_uploaded right after a bracket\'s upload', variant: 'bracketUploadFlag', ...lag(raw.hdr?.uploadFlag) },
		{ key: 'mergeStartLagMs', unknown: '§9.23 is_merging right after /process', variant: 'mergeStart', ...lag(raw.hdr?.mergeStart) },
		{ key: 'bracketImageIdBeforeMerge', unknown: '§9.24 a bracket\'s image_id before the merge', variant: 'bracketImageId', ...bracketImageId(raw) },
		{ key: 'softDelete', unknown: '§9.25 what a DELETE leaves', variant: 'deletion', ...softDelete(raw) },
		{ key: 'slashInImageName', unknown: '§9.26 an image_name with "/"', variant: null, ...fixed(raw.imageName?.slash, 'refused') },
		{ key: 'slashInBracketName', unknown: '§9.26 a bracket name with "/"', variant: null, ...fixed(raw.bracketName?.slash, 'refused') },
	];
}

/** The fake's variants no call of the check can observe. */
export function unobservableVariants(readings) {
	const covered = new Set(readings.map((entry) => entry.variant));
	return Object.keys(VARIANTS).filter((name) => !covered.has(name));
}
