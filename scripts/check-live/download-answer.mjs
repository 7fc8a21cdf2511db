// What a download request answered with, told apart without trusting the node's own reading:
// a redirect, the file itself, JSON holding the file's URL, a web page, or something else.
import { MAX_FILE_HOPS } from './budget.mjs';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** JPEG, PNG and WebP by their first bytes: what a photo download can be. */
export function isImageBytes(bytes) {
	const hex = bytes.subarray(0, 12).toString('hex');
	return hex.startsWith('ffd8ff') || hex.startsWith('89504e47') || (hex.startsWith('52494646') && hex.slice(16, 24) === '57454250');
}

function httpUrl(value, base) {
	try {
		const url = new URL(value, base);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

/** The first property of a JSON object whose value is an http(s) URL. */
function linkIn(json) {
	if (typeof json !== 'object' || json === null) return undefined;
	for (const [key, value] of Object.entries(json)) {
		const url = typeof value === 'string' ? httpUrl(value) : undefined;
		if (url) return { key, url };
	}
	return undefined;
}

/** `{ body, status, contentType, linkKey?, next? }`; `next` is the URL the file is at, if any. */
export function readDownloadAnswer(response, requestUrl) {
	const { status, contentType } = response;
	const seen = { status, contentType };
	const location = response.headers.get('location');
	if (REDIRECTS.has(status) && location) return { ...seen, body: 'redirect', next: httpUrl(location, requestUrl) };
	if (status !== 200) return { ...seen, body: 'other' };
	const link = linkIn(response.json);
	if (link) return { ...seen, body: 'json', linkKey: link.key, next: link.url };
	if (contentType.startsWith('image/') || isImageBytes(response.bytes)) return { ...seen, body: 'bytes' };
	if (contentType === 'text/html') return { ...seen, body: 'html' };
	return { ...seen, body: 'other' };
}

/** Follows `next` (redirects included) without credentials; what the file turned out to be. */
export async function fetchFile(client, url) {
	let next = url;
	for (let hop = 1; hop <= MAX_FILE_HOPS; hop += 1) {
		const response = await client.plain('GET', next.href);
		const location = response.headers.get('location');
		if (REDIRECTS.has(response.status) && location) {
			next = httpUrl(location, next);
			if (next) continue;
			return { status: response.status, hops: hop, isImage: false, note: `a redirect to "${location}"` };
		}
		return {
			status: response.status,
			contentType: response.contentType,
			bytes: response.bytes.length,
			isImage: response.status === 200 && isImageBytes(response.bytes),
			hops: hop,
		};
	}
	return { status: null, hops: MAX_FILE_HOPS, isImage: false, note: `still redirecting after ${MAX_FILE_HOPS} hops` };
}
