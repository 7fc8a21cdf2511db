// The account's own API version: one image created without x-api-version (in an order of its
// own, which the API makes for it), nothing uploaded, so nothing is processed or charged. Its
// upload URL key tells which side of 2025-05-08 the account is pinned to; a response header
// naming a version, if the API sends one, tells the version itself.
import { expectJson } from '../failures.mjs';
import { IMAGES } from '../node-contract.mjs';
import { uploadUrlKeyOf } from '../upload.mjs';

const versionHeaders = (headers) => Object.fromEntries([...headers].filter(([name]) => name.includes('version')));

export async function checkAccountVersion(ctx) {
	const { client, created } = ctx;
	const response = await client.api('POST', IMAGES, { body: { image_name: `${ctx.label}-version-probe.jpg` }, version: null });
	const image = expectJson(response, 'create an image without x-api-version');
	created.add('image', image.image_id);
	created.add('order', image.order_id);
	ctx.raw.accountVersion = { uploadUrlKey: uploadUrlKeyOf(image), headers: versionHeaders(response.headers) };
}
