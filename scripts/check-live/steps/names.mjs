// Names with "/": the brackets schema forbids them (^[^/]+$); for image names nothing is written.
// An accepted one is recorded for the clean-up; a bracket at once deleted again, so that it does
// not join the HDR merge.
import { expectOk } from '../failures.mjs';
import { BRACKETS, IMAGES, bracketPath } from '../node-contract.mjs';

const SLASHED = 'check-live/slash.jpg';

function outcome(response) {
	if (response.status === 422) return { slash: 'refused', answer: response.json ?? null };
	if (response.status >= 200 && response.status < 300) return { slash: 'accepted', answer: response.json ?? null };
	return { slash: 'other', status: response.status };
}

export async function checkSlashInImageName(ctx, orderId) {
	const response = await ctx.client.api('POST', IMAGES, { body: { image_name: SLASHED, order_id: orderId } });
	ctx.raw.imageName = outcome(response);
	if (ctx.raw.imageName.slash === 'accepted') ctx.created.add('image', response.json?.image_id);
}

export async function checkSlashInBracketName(ctx, orderId) {
	const response = await ctx.client.api('POST', BRACKETS, { body: { order_id: orderId, name: SLASHED } });
	ctx.raw.bracketName = outcome(response);
	const bracketId = response.json?.bracket_id;
	if (ctx.raw.bracketName.slash !== 'accepted' || !bracketId) return;
	ctx.created.add('bracket', bracketId);
	expectOk(await ctx.client.api('DELETE', bracketPath(bracketId)), 'delete the bracket named with "/"');
	ctx.created.markDeleted('bracket', bracketId);
}
