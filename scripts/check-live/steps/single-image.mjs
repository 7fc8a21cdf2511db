// One photo: an order, an image in it, its upload, the wait, the preview download and a
// reprocess. Observes the upload URL key, the download answer, the setting enums and statuses.
import { POLLS } from '../budget.mjs';
import { fetchFile, readDownloadAnswer } from '../download-answer.mjs';
import { expectJson, expectOk } from '../failures.mjs';
import { IMAGES, ORDERS, imagePath } from '../node-contract.mjs';
import { pollUntil } from '../poll.mjs';
import { uploadTo, uploadUrlKeyOf } from '../upload.mjs';

const FINISHED = new Set(['processed', 'error']);

/** Sky replacement with the cloud type the docs page lists and the official SDK's enum lacks. */
const DOCS_ONLY_SETTING = { sky_replacement: true, cloud_type: 'LOW_CLOUD_LOW_SAT' };
const SDK_SETTING = { sky_replacement: true, cloud_type: 'CLEAR' };

async function waitUntilFinished(ctx, imageId, since) {
	const { client } = ctx;
	const waited = await pollUntil({
		...ctx,
		cap: POLLS.imageProcessed,
		since,
		read: () => client.api('GET', imagePath(imageId)),
		done: (image) => {
			if (typeof image.status === 'string') ctx.raw.imageStatuses.add(image.status);
			return FINISHED.has(image.status);
		},
	});
	return { finished: waited.seen, status: waited.value.json?.status ?? null, polls: waited.polls, afterMs: waited.lagMs };
}

async function downloadPreview(ctx, imageId) {
	const path = imagePath(imageId, 'enhanced');
	const response = await ctx.client.api('GET', path, { query: { preview: true } });
	const answer = readDownloadAnswer(response, new URL(ctx.baseUrl + path));
	const { next, ...seen } = answer;
	if (answer.body === 'bytes') return { ...seen, file: { isImage: true, contentType: answer.contentType, bytes: response.bytes.length } };
	return next ? { ...seen, file: await fetchFile(ctx.client, next) } : seen;
}

/** Reprocesses with a setting only the docs list; refused (422), it goes again with one the SDK has. */
async function reprocess(ctx, imageId) {
	const path = imagePath(imageId, 'process');
	const first = await ctx.client.api('POST', path, { body: DOCS_ONLY_SETTING });
	if (first.status !== 422) {
		expectOk(first, 'reprocess the photo');
		return { docsOnlyCloudType: 'accepted', at: first.endedAt };
	}
	const second = await ctx.client.api('POST', path, { body: SDK_SETTING });
	expectOk(second, 'reprocess the photo with cloud_type CLEAR');
	return { docsOnlyCloudType: 'refused', refusal: first.json ?? null, at: second.endedAt };
}

export async function checkSingleImage(ctx) {
	const { client, created, raw } = ctx;
	const order = expectJson(await client.api('POST', ORDERS, { body: { name: `${ctx.label} photo` } }), 'create an order');
	created.add('order', order.order_id);
	raw.photoOrderId = order.order_id;

	const image = expectJson(
		await client.api('POST', IMAGES, { body: { image_name: `${ctx.label}-${ctx.photos.photo.name}`, order_id: order.order_id } }),
		'create an image',
	);
	created.add('image', image.image_id);
	raw.photoImageId = image.image_id;
	raw.uploadUrlKey = uploadUrlKeyOf(image);
	const uploadedAt = await uploadTo(client, image, ctx.photos.photo.bytes, 'upload the photo');

	raw.processing = await waitUntilFinished(ctx, image.image_id, uploadedAt);
	if (raw.processing.status !== 'processed') return;
	raw.download = await downloadPreview(ctx, image.image_id);
	raw.reprocess = await reprocess(ctx, image.image_id);
	raw.reprocessing = await waitUntilFinished(ctx, image.image_id, raw.reprocess.at);
}
