// The asset host downloads redirect to, and what its bytes are.
//
// Original = the uploaded bytes exactly. Enhanced = the source bytes unchanged (for an HDR
// result: its group's first bracket) followed by one trailer line, so a real JPEG/PNG stays
// viewable and a test can tell which upload(s) and which variant it got:
//   \n%AUTOENHANCE image_id=<id> variant=<preview|full> watermark=<true|false> format=<fmt> brackets=<id,id,…|->\n
import { createReadStream, readFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { sendS3Error } from './http.mjs';
import { getImage } from './state.mjs';

const ASSET_URL_TTL_MS = 5 * 60 * 1000;
const MIME_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };

/**
 * What an enhanced download serves, from its query: /enhanced is a preview unless
 * preview=false; a full download in dev mode is always watermarked.
 */
export function enhancedVariant({ format = 'jpeg', preview, watermark } = {}, devMode = false) {
	const full = preview === false;
	return {
		format,
		variant: full ? 'full' : 'preview',
		watermark: watermark === true || (full && devMode),
	};
}

function trailer(image, { variant, watermark, format }) {
	const brackets = image.bracket_ids?.join(',') || '-';
	return Buffer.from(
		`\n%AUTOENHANCE image_id=${image.image_id} variant=${variant} watermark=${watermark} ` +
			`format=${format} brackets=${brackets}\n`,
		'latin1',
	);
}

/** The file and the bytes appended after it for one asset. */
function describe(image, kind, options) {
	const tail = kind === 'enhanced' ? trailer(image, options) : Buffer.alloc(0);
	return {
		path: image.blob.path,
		length: image.blob.size + tail.length,
		tail,
		contentType: MIME_TYPES[options.format] ?? MIME_TYPES.jpeg,
	};
}

/** A signed, short-lived URL on the asset host. `kind`: 'enhanced' | 'original'. */
export function assetUrl(core, image, kind, options) {
	const extra = kind === 'enhanced' ? options : { format: options.format };
	return core.signer.sign(core.origins.asset, `/${encodeURIComponent(image.image_id)}/${kind}`, {
		method: 'GET',
		ttlMs: ASSET_URL_TTL_MS,
		extra,
	});
}

/** The exact bytes of an enhanced download (small files: read whole, for tests). */
export function expectedEnhanced(core, imageId, query = {}, devMode = false) {
	const image = getImage(core, imageId);
	const asset = describe(image, 'enhanced', enhancedVariant(query, devMode));
	return Buffer.concat([readFileSync(asset.path), asset.tail]);
}

function optionsFromUrl(params) {
	return {
		format: params.get('format') ?? 'jpeg',
		variant: params.get('variant'),
		watermark: params.get('watermark') === 'true',
	};
}

/** Streams one asset as the answer (the asset host's, or the API's in the `bytes` download variant). */
export async function serveAsset(core, res, image, kind, options) {
	const asset = describe(image, kind, options);
	res.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.length });
	core.stats.downloads += 1;
	await pipeline(async function* () {
		for await (const chunk of createReadStream(asset.path)) {
			core.relieveMemory(chunk.length);
			yield chunk;
		}
		yield asset.tail;
	}, res).catch(() => res.destroy());
}

export function createAssetHandler(core) {
	return async function handleAsset(req, res, { url }) {
		if (req.method !== 'GET') return sendS3Error(res, 405, 'MethodNotAllowed', 'Method not allowed');
		const verdict = core.signer.verify('GET', url);
		if (verdict === 'signature') return sendS3Error(res, 403, 'SignatureDoesNotMatch', 'Signature mismatch');
		if (verdict === 'expired') return sendS3Error(res, 403, 'AccessDenied', 'Request has expired');

		const [, id, kind] = /^\/([^/]+)\/(enhanced|original)$/.exec(url.pathname) ?? [];
		const image = id && core.images.get(decodeURIComponent(id));
		if (!image?.blob.uploaded || image.is_deleted) {
			return sendS3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
		}
		await serveAsset(core, res, image, kind, optionsFromUrl(url.searchParams));
	};
}
