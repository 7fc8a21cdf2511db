// /v3/images: create (with its presigned upload URL), get, reprocess, delete, report.
import { randomUUID } from 'node:crypto';
import { conflict, validationError } from './http.mjs';
import { startProcessing } from './lifecycle.mjs';
import { NO_CONTENT } from './router.mjs';
import { imageCreate, imageUpdate, pickSettings, REPORT } from './schemas.mjs';
import {
	applySettings,
	createBlob,
	createBracket,
	createImage,
	createOrder,
	getImage,
	imageOut,
	rejectTakenId,
	removeImage,
	touchOrder,
} from './state.mjs';
import { OCTET_STREAM, uploadUrl, uploadUrlKey } from './uploads.mjs';

/** The settings and editable fields of a create or reprocess body. */
const changesOf = (body, fields) => ({
	...pickSettings(body, fields),
	image_name: body.image_name,
	rating: body.rating,
	metadata: body.metadata,
});

function createImageRoute({ core, body, fields, apiVersion }) {
	if (body.hdr && body.order_id === undefined) {
		throw validationError('json', { order_id: ['Required when hdr is true.'] });
	}
	rejectTakenId(core, 'image_id', body.image_id, (id) => core.images.has(id) || core.brackets.has(id));

	// A new client-chosen order_id creates that order (the legacy HDR flow relies on it).
	const order = core.orders.get(body.order_id) ?? createOrder(core, { order_id: body.order_id });
	const imageId = body.image_id ?? randomUUID();
	const contentType = body.content_type ?? body.contentType ?? OCTET_STREAM;
	const blob = createBlob(core, order.order_id, imageId, contentType);
	blob.ownerImageId = imageId;
	const image = createImage(
		core,
		order,
		{ image_id: imageId, image_name: body.image_name, settings: changesOf(body, fields) },
		{ blob, listed: !body.hdr },
	);
	if (body.hdr) {
		image.hdr = true;
		createBracket(core, order, { bracket_id: imageId, name: body.image_name, metadata: body.metadata, blob });
	}
	core.stats.imagesCreated += 1;
	return { json: { ...imageOut(image), [uploadUrlKey(apiVersion)]: uploadUrl(core, blob) } };
}

function reprocessRoute({ core, params, body, fields }) {
	const image = getImage(core, params.id);
	if (image.is_bracket) throw conflict('An HDR bracket is enhanced by merging its order');
	if (!image.sources.every((blob) => blob.uploaded)) throw conflict('Image has not been uploaded yet');
	applySettings(image, changesOf(body, fields));
	startProcessing(core, image);
	const order = core.orders.get(image.order_id);
	if (order) touchOrder(order);
	return { json: imageOut(image) };
}

function reportRoute({ core, params, body }) {
	const image = getImage(core, params.id);
	image.reports = [...(image.reports ?? []), body];
	return { json: { message: 'Report received' } };
}

export const imageRoutes = [
	{ methods: ['POST'], path: '/v3/images', body: imageCreate, handler: createImageRoute },
	{
		methods: ['GET'],
		path: '/v3/images/:id',
		auth: 'optional',
		handler: ({ core, params }) => ({ json: imageOut(getImage(core, params.id, { withDeleted: true })) }),
	},
	{
		methods: ['DELETE'],
		path: '/v3/images/:id',
		handler: ({ core, params }) => (removeImage(core, getImage(core, params.id)), NO_CONTENT),
	},
	// Reprocess: POST in the spec, PATCH in several docs snapshots.
	{ methods: ['POST', 'PATCH'], path: '/v3/images/:id/process', body: imageUpdate, handler: reprocessRoute },
	{ methods: ['POST'], path: '/v3/images/:id/report', body: REPORT, handler: reportRoute },
];
