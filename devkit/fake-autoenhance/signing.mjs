// Presigned URLs in the shape of S3 query-string auth: X-Amz-Date + X-Amz-Expires and an
// HMAC over (method, path, every other query parameter, signed Content-Type). As with S3,
// the signed Content-Type is not in the URL: a PUT with another Content-Type simply fails
// the signature check.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SIGNATURE = 'X-Amz-Signature';

function amzDate(ms) {
	return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(text) {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
	return match ? Date.UTC(match[1], match[2] - 1, match[3], match[4], match[5], match[6]) : NaN;
}

function canonicalQuery(params) {
	return [...params]
		.filter(([name]) => name !== SIGNATURE)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
		.join('&');
}

export class UrlSigner {
	#secret = randomBytes(32);

	#signature(method, path, params, contentType) {
		const text = [method, path, canonicalQuery(params), contentType ?? ''].join('\n');
		return createHmac('sha256', this.#secret).update(text).digest('hex');
	}

	/** A URL on `origin` valid for `ttlMs` (whole seconds, at least one, as with S3). */
	sign(origin, path, { method, ttlMs, contentType, extra = {} }) {
		const url = new URL(path, origin);
		const params = url.searchParams;
		for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
		params.set('X-Amz-Algorithm', 'AWS4-HMAC-SHA256');
		params.set('X-Amz-Date', amzDate(Date.now()));
		params.set('X-Amz-Expires', String(Math.max(1, Math.ceil(ttlMs / 1000))));
		params.set('X-Amz-SignedHeaders', contentType ? 'content-type;host' : 'host');
		params.set(SIGNATURE, this.#signature(method, url.pathname, params, contentType));
		return url.toString();
	}

	/** 'ok' | 'signature' (tampered or signed for another Content-Type) | 'expired'. */
	verify(method, url, contentType) {
		const params = url.searchParams;
		const given = Buffer.from(params.get(SIGNATURE) ?? '', 'utf8');
		const expected = Buffer.from(this.#signature(method, url.pathname, params, contentType), 'utf8');
		if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'signature';
		const expiresAt =
			parseAmzDate(params.get('X-Amz-Date')) + Number(params.get('X-Amz-Expires')) * 1000;
		return Date.now() > expiresAt ? 'expired' : 'ok';
	}
}
