// GET /v3/images/{id}/enhanced | original | preview | watermark: checks, billing, then a
// Flask-style 302 to a signed URL on the asset host (which serves the bytes).
import { assetUrl, enhancedVariant } from './assets.mjs';
import { conflict } from './http.mjs';
import { DOWNLOAD_QUERY } from './schemas.mjs';
import { getImage } from './state.mjs';

const NOT_UPLOADED = 'Image has not been uploaded yet';

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

function enhanced(forced) {
	return ({ core, params, query, devMode }) => {
		const image = getImage(core, params.id);
		assertDownloadable(image);
		const variant = enhancedVariant({ ...query, ...forced }, devMode);
		charge(core, image, variant, devMode);
		return { redirect: assetUrl(core, image, 'enhanced', variant) };
	};
}

function original({ core, params, query }) {
	const image = getImage(core, params.id);
	if (!image.blob.uploaded) throw conflict(NOT_UPLOADED);
	return { redirect: assetUrl(core, image, 'original', { format: query.format ?? 'jpeg' }) };
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
