import { createHash, timingSafeEqual } from 'crypto';

/**
 * Whether a header value carries the token, as it is or as `Bearer <token>` (how Autoenhance sends
 * it is undocumented). Both candidates are always compared, on equal-length digests, so the time
 * taken says nothing about the token.
 */
export function carriesToken(headerValue: string | string[] | undefined, token: string): boolean {
	const value = (Array.isArray(headerValue) ? headerValue[0] : headerValue)?.trim();
	if (!value) return false;
	const expected = digest(token.trim());
	const candidates = [value, /^bearer\s+(.+)$/i.exec(value)?.[1] ?? value];
	return candidates.map((candidate) => timingSafeEqual(digest(candidate), expected)).includes(true);
}

function digest(text: string): Buffer {
	return createHash('sha256').update(text, 'utf8').digest();
}
