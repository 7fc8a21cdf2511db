// Three brackets of one shot: an order, the brackets registered and uploaded, the wait for their
// is_uploaded flags, /process with three per image, the wait for the merge to start and for the
// order to finish. Observes the upload-flag lag, the brackets' image_id before the merge and the
// merge-start lag.
import { POLLS } from '../budget.mjs';
import { expectJson } from '../failures.mjs';
import { BRACKETS, ORDERS, orderPath } from '../node-contract.mjs';
import { pollUntil } from '../poll.mjs';
import { uploadTo, uploadUrlKeyOf } from '../upload.mjs';
import { checkSlashInBracketName } from './names.mjs';

const FINISHED = new Set(['processed', 'error']);

const mergeStarted = (order) => order.is_merging === true || order.is_processing === true || (order.images?.length ?? 0) > 0;

const orderDone = (order) =>
	order.is_merging === false &&
	order.is_processing === false &&
	(order.images?.length ?? 0) > 0 &&
	order.images.every((image) => FINISHED.has(image.status));

async function registerAndUpload(ctx, orderId) {
	const registered = [];
	let lastUploadAt = 0;
	for (const bracket of ctx.photos.brackets) {
		const body = { order_id: orderId, name: `${ctx.label}-${bracket.name}` };
		const answer = expectJson(await ctx.client.api('POST', BRACKETS, { body }), `register bracket ${bracket.name}`);
		ctx.created.add('bracket', answer.bracket_id);
		registered.push(answer);
		lastUploadAt = await uploadTo(ctx.client, answer, bracket.bytes, `upload bracket ${bracket.name}`);
	}
	return { registered, lastUploadAt };
}

export async function checkHdr(ctx) {
	const { client, created, raw } = ctx;
	const order = expectJson(await client.api('POST', ORDERS, { body: { name: `${ctx.label} HDR` } }), 'create the HDR order');
	created.add('order', order.order_id);
	await checkSlashInBracketName(ctx, order.order_id);

	const { registered, lastUploadAt } = await registerAndUpload(ctx, order.order_id);
	const flagged = await pollUntil({
		...ctx,
		cap: POLLS.bracketsUploaded,
		since: lastUploadAt,
		read: () => client.api('GET', orderPath(order.order_id, 'brackets')),
		done: ({ brackets = [] }) => brackets.length >= registered.length && brackets.every((bracket) => bracket.is_uploaded === true),
	});
	const listed = flagged.value.json?.brackets ?? [];
	raw.hdr = {
		bracketUploadUrlKeys: registered.map(uploadUrlKeyOf),
		imageIdsBeforeMerge: [...registered, ...listed].map((bracket) => bracket.image_id ?? null),
		uploadFlag: { seen: flagged.seen, polls: flagged.polls, lagMs: flagged.lagMs },
	};
	if (!flagged.seen) return;

	const processed = await client.api('POST', orderPath(order.order_id, 'process'), { body: { number_of_brackets_per_image: 3 } });
	const answer = expectJson(processed, 'process the HDR order');
	const started = mergeStarted(answer)
		? { seen: true, polls: 0, lagMs: 0, inAnswer: true }
		: await pollUntil({
				...ctx,
				cap: POLLS.mergeStarted,
				since: processed.endedAt,
				read: () => client.api('GET', orderPath(order.order_id)),
				done: mergeStarted,
			});
	raw.hdr.mergeStart = { seen: started.seen, polls: started.polls, lagMs: started.lagMs, inAnswer: Boolean(started.inAnswer) };
	if (!started.seen) return;

	const done = await pollUntil({
		...ctx,
		cap: POLLS.orderDone,
		read: () => client.api('GET', orderPath(order.order_id)),
		done: orderDone,
	});
	const images = done.value?.json?.images ?? [];
	for (const image of images) created.add('image', image.image_id);
	raw.hdr.result = { finished: done.seen, polls: done.polls, imageIds: images.map((image) => image.image_id) };
}
