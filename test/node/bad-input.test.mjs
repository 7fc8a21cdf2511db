// Bad input, one row per mistake: each stops with an error that says what is wrong and where
// (the item, and the field or ID), and with Continue On Fail the other items go on unharmed.
import { binaryBuffer } from '../harness/index.mjs';
import { digest, photo, runImage, startFake } from '../support/image-fixtures.mjs';
import { orderWithBrackets, runOrder } from '../support/order-fixtures.mjs';

let fake;
beforeAll(async () => {
	fake = await startFake({ processingMs: 100 });
});
afterAll(async () => await fake.close());
afterEach(() => fake.configure({ processingMs: 100, uploadUrlTtlMs: 15 * 60 * 1000 }));

const QUICK_POLLS = { pollInterval: 0.2 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const file = (fileName, buffer, mimeType = 'image/jpeg') => ({ buffer, fileName, mimeType });
const withFile = (binary, json = {}) => ({ json, binary: { data: binary } });
const goodPhoto = (name = 'good.jpg') => withFile(photo(name, 2048));
const corruptPhoto = (name) => withFile(file(name, Buffer.concat([Buffer.from('CORRUPT'), Buffer.alloc(64)])));

/** An image made the way another workflow would: straight through the API, not through the node. */
async function createdImage(body = {}) {
	const response = await fetch(`${fake.apiUrl}/v3/images/`, {
		method: 'POST',
		headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
		body: JSON.stringify({ image_name: 'made-elsewhere.jpg', ...body }),
	});
	if (!response.ok) throw new Error(`create: HTTP ${response.status}`);
	return await response.json();
}

const imageNamed = (name) => [...fake.images.values()].find((image) => image.image_name === name);

const enhance = (parameters, run) =>
	runImage(fake, 'enhance', { ...parameters, options: { ...QUICK_POLLS, ...parameters.options } }, { expectError: true, ...run });

/**
 * One row: the mistake, how to make it (resolves with the harness's { error }), the message (text,
 * pattern, or made from the fake's state once run), the item it is about, what the description says.
 */
const mistake = (name, run, message, itemIndex, description) => ({ name, run, message, itemIndex, description });

const MISTAKES = [
	mistake(
		'an item without the binary property',
		() => enhance({}, { items: [goodPhoto(), { json: {} }] }),
		'Item 1 has no binary property "data"',
		1,
	),
	mistake(
		'a 0-byte file',
		() => enhance({}, { items: [goodPhoto(), withFile(file('empty.jpg', Buffer.alloc(0)))] }),
		'The file "empty.jpg" in "data" of item 1 is empty',
		1,
	),
	mistake(
		'a file that is not an image',
		() => enhance({}, { items: [goodPhoto(), withFile(file('notes.pdf', Buffer.from('%PDF-1.7'), 'application/pdf'))] }),
		'The file "notes.pdf" in "data" of item 1 is not an image (application/pdf)',
		1,
	),
	mistake(
		'an image ID that does not exist',
		async () => {
			const { image_id: existing } = await createdImage();
			const items = [{ json: { id: existing } }, { json: { id: 'no-such-image' } }];
			return await runImage(fake, 'get', { imageId: '={{ $json.id }}' }, { items, expectError: true });
		},
		'Image "no-such-image" was not found in Autoenhance (item 1)',
		1,
	),
	mistake(
		'an empty image ID',
		() => runImage(fake, 'get', { imageId: '={{ $json.id }}' }, { items: [{ json: { id: 'x' } }, { json: { id: '' } }], expectError: true }),
		'Image ID is empty (item 1)',
		1,
	),
	mistake(
		'merging an order that has no brackets',
		async () => {
			const withBrackets = await orderWithBrackets(fake, ['a.jpg', 'b.jpg']);
			const { order_id: empty } = await createdImage();
			const items = [{ json: { orderId: withBrackets } }, { json: { orderId: empty } }];
			return await runOrder(fake, 'merge', { orderId: '={{ $json.orderId }}' }, { items, expectError: true });
		},
		() => new RegExp(`^Order "[^"]+" has no brackets to merge \\(item 1\\)$`),
		1,
	),
	mistake(
		'Enhance HDR with a single item',
		() => runOrder(fake, 'enhanceHdr', {}, { items: [goodPhoto('IMG_0.jpg')], expectError: true }),
		'HDR needs at least 2 brackets, but the input holds only 1 ("IMG_0.jpg" in item 0)',
		0,
	),
	mistake(
		'a value the API does not know in Other Settings (JSON)',
		() =>
			enhance(
				{ settings: { rawSettings: '={{ $json.raw }}' } },
				{ items: [goodPhoto(), withFile(photo('b.jpg', 2048), { raw: '{"enhance_type": "sepia"}' })].map(withRaw) },
			),
		/^Autoenhance rejected the request: enhance_type: Must be one of: .+ \(item 1\)$/,
		1,
	),
	mistake(
		'Other Settings (JSON) that is not JSON',
		() =>
			enhance(
				{ settings: { rawSettings: '={{ $json.raw }}' } },
				{ items: [goodPhoto(), withFile(photo('b.jpg', 2048), { raw: '{"enhance_type": ' })].map(withRaw) },
			),
		'Other Settings (JSON) is not valid JSON (item 1)',
		1,
		/JSON/,
	),
	mistake(
		'a download quality out of range',
		() =>
			enhance(
				{ downloadOptions: { quality: '={{ $json.quality }}' } },
				{ items: [withFile(photo('a.jpg', 2048), { quality: 80 }), withFile(photo('b.jpg', 2048), { quality: 95 })] },
			),
		'Quality in Download Options is 95 (item 1)',
		1,
		/^Use a whole number from 1 to 90\.$/,
	),
	mistake(
		'a negative max width',
		() =>
			enhance(
				{ downloadOptions: { maxWidth: '={{ $json.maxWidth }}' } },
				{ items: [withFile(photo('a.jpg', 2048), { maxWidth: 1024 }), withFile(photo('b.jpg', 2048), { maxWidth: -100 })] },
			),
		'Max Width (Pixels) in Download Options is -100 (item 1)',
		1,
		/^Use a whole number of at least 1\.$/,
	),
	mistake(
		'a wrong API key',
		() => runImage(fake, 'get', { imageId: 'any' }, { credential: { apiKey: 'not-the-key-0123' }, expectError: true }),
		'Autoenhance did not accept the API key (HTTP 401)',
		undefined,
		/API key in the Autoenhance credential/,
	),
	mistake(
		'a base URL nothing answers on',
		() => runImage(fake, 'get', { imageId: 'any' }, { credential: { baseUrl: 'http://127.0.0.1:9' }, expectError: true }),
		'Could not reach Autoenhance at http://127.0.0.1:9: the connection was refused',
		undefined,
		/Base URL in the Autoenhance credential/,
	),
	mistake(
		'an upload URL that has expired',
		async () => {
			fake.configure({ uploadUrlTtlMs: 1000 });
			const expired = await createdImage({ image_name: 'late.jpg' });
			fake.configure({ uploadUrlTtlMs: 15 * 60 * 1000 });
			await sleep(2100); // signed for one whole second, from the second it was made in
			const fresh = await createdImage({ image_name: 'early.jpg' });
			const items = [withFile(photo('early.jpg', 2048), fresh), withFile(photo('late.jpg', 2048), expired)];
			return await runImage(fake, 'upload', {}, { items, expectError: true });
		},
		'The upload host refused the upload (AccessDenied: Request has expired) (item 1)',
		1,
		/Presigned upload URLs expire/,
	),
	mistake(
		'an upload refused for its Content-Type',
		async () => {
			const fine = await createdImage({ image_name: 'a.jpg' });
			// Created for image/png, but the input does not say so: the photo goes as octet-stream.
			const signedForPng = await createdImage({ image_name: 'b.png', content_type: 'image/png' });
			const items = [withFile(photo('a.jpg', 2048), fine), withFile(photo('b.png', 2048), signedForPng)];
			return await runImage(fake, 'upload', {}, { items, expectError: true });
		},
		/^The upload host refused the upload \(SignatureDoesNotMatch: .+\) \(item 1\)$/,
		1,
		/signed for one Content-Type/,
	),
	mistake(
		'an upload URL that is not http(s)',
		async () => {
			const { s3PutObjectUrl: url } = await createdImage({ image_name: 'a.jpg' });
			const items = [withFile(photo('a.jpg', 2048), { url }), withFile(photo('b.jpg', 2048), { url: 'file:///etc/passwd' })];
			return await runImage(fake, 'upload', { uploadUrl: '={{ $json.url }}' }, { items, expectError: true });
		},
		'The upload URL of image "b.jpg" is not an http(s) URL (item 1)',
		1,
	),
	mistake(
		'a photo Autoenhance cannot process (status error)',
		() => enhance({}, { items: [goodPhoto(), corruptPhoto('broken.jpg')] }),
		() => `Autoenhance could not enhance image "${imageNamed('broken.jpg').image_id}": The uploaded file is not a readable image`,
		1,
	),
	mistake(
		'a wait that runs out',
		() => {
			fake.configure({ processingMs: 1500 });
			const items = [withFile(photo('quick.jpg', 2048), { maxWait: 30 }), withFile(photo('slow.jpg', 2048), { maxWait: 1 })];
			return enhance({ options: { maxWait: '={{ $json.maxWait }}' } }, { items });
		},
		() => `Image "${imageNamed('slow.jpg').image_id}" did not finish within 1 s; last status "processing"`,
		1,
		/Raise Max Wait/,
	),
];

/** Items for the raw-settings rows: the good item gets `{}`. */
function withRaw(item) {
	return item.json.raw === undefined ? { ...item, json: { ...item.json, raw: '{}' } } : item;
}

test('the matrix has a row for every mistake the issue lists, and more', () => {
	expect(MISTAKES.length).toBeGreaterThanOrEqual(15);
});

test.each(MISTAKES)('$name', async ({ run, message, itemIndex, description }) => {
	const { error } = await run();
	const expected = typeof message === 'function' ? message() : message;
	if (expected instanceof RegExp) expect(error.message).toMatch(expected);
	else expect(error.message).toBe(expected);
	if (itemIndex !== undefined) expect(error.context.itemIndex).toBe(itemIndex);
	if (description) expect(error.description).toMatch(description);
	expect(`${error.message} ${error.description}`).not.toContain(fake.apiKey);
});

test('Continue On Fail: bad items become error items in their place, the good ones are enhanced', async () => {
	const items = [
		withFile(photo('good-0.jpg', 2048)),
		{ json: { note: 'lost its file' } },
		withFile(file('empty.jpg', Buffer.alloc(0))),
		withFile(file('notes.pdf', Buffer.from('%PDF-1.7'), 'application/pdf')),
		withFile(photo('good-4.jpg', 2048)),
		withFile(photo('bad-json.jpg', 2048), { raw: '{"privacy": tru' }),
		corruptPhoto('broken-6.jpg'),
		withFile(photo('good-7.jpg', 2048)),
		withFile(photo('too-fine.jpg', 2048), { quality: 95 }),
		withFile(photo('sepia.jpg', 2048), { raw: '{"enhance_type": "sepia"}' }),
	];
	const { output } = await runImage(
		fake,
		'enhance',
		{
			settings: { rawSettings: '={{ $json.raw ?? "{}" }}' },
			downloadOptions: { quality: '={{ $json.quality ?? 80 }}' },
			options: QUICK_POLLS,
		},
		{ items, continueOnFail: true },
	);

	const results = output[0];
	expect(results.map((item) => item.pairedItem)).toEqual(items.map((_item, index) => ({ item: index })));
	const errors = results.map((item) => item.json.error ?? null);
	expect(errors).toEqual([
		null,
		'Item 1 has no binary property "data"',
		'The file "empty.jpg" in "data" of item 2 is empty',
		'The file "notes.pdf" in "data" of item 3 is not an image (application/pdf)',
		null,
		'Other Settings (JSON) is not valid JSON (item 5)',
		`Autoenhance could not enhance image "${imageNamed('broken-6.jpg').image_id}": The uploaded file is not a readable image`,
		null,
		'Quality in Download Options is 95 (item 8)',
		expect.stringMatching(/^Autoenhance rejected the request: enhance_type: .+ \(item 9\)$/),
	]);
	for (const index of [0, 4, 7]) {
		const item = results[index];
		expect(item.json).toMatchObject({ image_name: `good-${index}.jpg`, status: 'processed' });
		const expected = fake.expectedEnhanced(item.json.image_id, { preview: true, quality: 80 });
		expect(digest(await binaryBuffer(item))).toBe(digest(expected));
	}
	// Items refused before reaching Autoenhance made nothing there.
	for (const name of ['empty.jpg', 'notes.pdf', 'bad-json.jpg', 'sepia.jpg']) expect(imageNamed(name)).toBeUndefined();
});
