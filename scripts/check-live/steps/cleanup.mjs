// Deletes everything the run made, whatever step it stopped at: each order is looked at first for
// images the run did not learn of (an HDR result), then images, brackets and orders are deleted,
// and one deleted image and order are looked up again to see whether deletion is soft.
import { bracketPath, imagePath, orderPath } from '../node-contract.mjs';

const PATHS = { image: imagePath, bracket: bracketPath, order: orderPath };

async function deleteAll(ctx, kind, outcome) {
	for (const id of ctx.created.live(kind)) {
		const response = await ctx.client.api('DELETE', PATHS[kind](id));
		if ((response.status >= 200 && response.status < 300) || response.status === 404) {
			ctx.created.markDeleted(kind, id);
			if (response.status !== 404) outcome.deleted[kind] ??= id;
		} else {
			outcome.failed.push({ kind, id, status: response.status });
		}
	}
}

/** After a DELETE: `gone` (404), `marked` (is_deleted: true), `kept` (as if never deleted), or the status. */
async function lookAgain(ctx, kind, id) {
	if (!id) return null;
	const response = await ctx.client.api('GET', PATHS[kind](id));
	if (response.status === 404) return 'gone';
	if (response.status !== 200) return `HTTP ${response.status}`;
	return response.json?.is_deleted === true ? 'marked' : 'kept';
}

export async function cleanUp(ctx) {
	const outcome = { deleted: {}, failed: [], error: null };
	try {
		for (const orderId of ctx.created.live('order')) {
			const response = await ctx.client.api('GET', orderPath(orderId));
			for (const image of response.json?.images ?? []) ctx.created.add('image', image.image_id);
		}
		for (const kind of ['image', 'bracket', 'order']) await deleteAll(ctx, kind, outcome);
		ctx.raw.deletion = {
			image: await lookAgain(ctx, 'image', outcome.deleted.image),
			order: await lookAgain(ctx, 'order', outcome.deleted.order),
		};
	} catch (error) {
		outcome.error = error.message;
	}
	const left = Object.fromEntries(['image', 'bracket', 'order'].map((kind) => [kind, ctx.created.live(kind)]));
	return { ...outcome, left, complete: Object.values(left).every((ids) => ids.length === 0) };
}
