// GET /v3/images/{id}/enhanced | original | preview | watermark: checks, billing, then the
// answer the download variant says: a Flask-style 302 to a signed URL on the asset host (which
// serves the bytes), the bytes themselves, JSON with that URL, or an HTML page with no file.
import { assetUrl, enhancedVariant, serveAsset } from './assets.mjs';
import { conflict } from './http.mjs';
import { DOWNLOAD_QUERY } from './schemas.mjs';
import { getImage } from './state.mjs';

const NOT_UPLOADED = 'Image has not been uploaded yet';

/** Before this API version /enhanced read only `size` and served the full size (a purchase). */
export const DYNAMIC_RENDERING_SINCE = '2024-11-01';

const SIGN_IN_PAGE =
	'<!doctype html>\n<html lang=en>\n<title>Autoenhance</title>\n<p>Please sign in to continue.</p>\n';

function assertDownloadable(image) {
	if (image.status === 'processed') return;
	if (!image.blob.uploaded) throw conflict(NOT_UPLOADED);
	if (image.status === 'error') {
		throw conflict(`Image could not be enhanced: ${image.status_reason}`, { status: image.status });
	}
	throw conflict('Image is still processing', { status: image.status });
}

/** The first full-size download outside dev mode is the purchase; repeats are free. */
function charge(core, image, variant, devMode) {
	if (variant.variant !== 'full' || devMode || image.downloaded) return;
	image.downloaded = true;
	core.stats.charges += 1;
}

/** Versions before dynamic rendering ignore preview, format, quality, max_width and scale. */
const queryFor = (query, apiVersion) =>
	apiVersion !== null && apiVersion < DYNAMIC_RENDERING_SINCE ? { preview: false } : query;

function answer(core, image, kind, options) {
	switch (core.variants.download) {
		case 'bytes':
			return { serve: (res) => serveAsset(core, res, image, kind, options) };
		case 'json':
			return { json: { url: assetUrl(core, image, kind, options) } };
		case 'html':
			return { bytes: Buffer.from(SIGN_IN_PAGE), contentType: 'text/html; charset=utf-8' };
		default:
			return { redirect: assetUrl(core, image, kind, options) };
	}
}

function enhanced(forced) {
	return ({ core, params, query, apiVersion, devMode }) => {
		const image = getImage(core, params.id);
		assertDownloadable(image);
		const variant = enhancedVariant({ ...queryFor(query, apiVersion), ...forced }, devMode);
		charge(core, image, variant, devMode);
		return answer(core, image, 'enhanced', variant);
	};
}

function original({ core, params, query, apiVersion }) {
	const image = getImage(core, params.id);
	if (!image.blob.uploaded) throw conflict(NOT_UPLOADED);
	return answer(core, image, 'original', { format: queryFor(query, apiVersion).format ?? 'jpeg' });
}

const download = (name, handler, auth = 'required') => ({
	methods: ['GET'],
	path: `/v3/images/:id/${name}`,
	auth,
	query: DOWNLOAD_QUERY,
	handler,
});

export const downloadRoutes = [
	download('enhanced', enhanced({})),
	download('original', original),
	// 2024 spec, no key needed; still used by the official examples as <img src>.
	download('preview', enhanced({ preview: true }), 'optional'),
	download('watermark', enhanced({ preview: true, watermark: true }), 'optional'),
];
