// Image › Get, Reprocess, Download, Delete, Report against the fake over real HTTP.
import { binaryBuffer } from '../../harness/index.mjs';
import {
	BINARY_MODES,
	digest,
	itemsOf,
	photo,
	photoItem,
	processedImage,
	requestsTo,
	runImage,
	startFake,
} from '../../support/image-fixtures.mjs';

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake?.close());

const apiCallsFor = (imageId, suffix) =>
	requestsTo(fake, 'api').filter((request) => request.path === `/v3/images/${imageId}${suffix}`);

describe('Get', () => {
	test('works from plain JSON, as an AI agent calls it', async () => {
		const { json: image } = await processedImage(fake, 'bedroom.jpg');
		const [output] = itemsOf(await runImage(fake, 'get', { imageId: image.image_id }));
		expect(output.json).toEqual(image);
		expect(output.binary).toBeUndefined();
	});

	test('n8n decrypts the credential once per execution, not once per request', async () => {
		const { json: image } = await processedImage(fake, 'porch.jpg');
		const items = Array.from({ length: 12 }, () => ({ json: { id: image.image_id } }));
		const run = await runImage(fake, 'get', { imageId: '={{ $json.id }}' }, { items });
		expect(itemsOf(run).map((item) => item.json.image_id)).toEqual(items.map(() => image.image_id));
		expect(run.credentialDecryptions).toBe(1);
	});

	test('an unknown ID says the image was not found', async () => {
		const { error } = await runImage(fake, 'get', { imageId: 'no-such-image' }, { expectError: true });
		expect(error.message).toBe('Image "no-such-image" was not found in Autoenhance (item 0)');
	});
});

describe('Reprocess', () => {
	test('sends only the chosen settings, so the others keep their values, and can wait', async () => {
		const { json: image } = await processedImage(fake, 'study.jpg', { lensCorrection: false, cloudType: 'HIGH_CLOUD' });
		const [output] = itemsOf(
			await runImage(fake, 'reprocess', {
				imageId: image.image_id,
				settings: { enhanceType: 'warm', skyReplacement: true },
				waitForCompletion: true,
				options: { pollInterval: 0.2 },
			}),
		);
		const [sent] = apiCallsFor(image.image_id, '/process');
		expect(sent).toMatchObject({ method: 'POST', body: { enhance_type: 'warm', sky_replacement: true } });
		expect(Object.keys(sent.body).sort()).toEqual(['enhance_type', 'sky_replacement']);
		expect(output.json).toMatchObject({
			image_id: image.image_id,
			status: 'processed',
			enhance_type: 'warm',
			sky_replacement: true,
			lens_correction: false,
			cloud_type: 'HIGH_CLOUD',
		});
	});

	test('without waiting, returns the image as the API answers: processing again', async () => {
		fake.configure({ processingMs: 1000 });
		try {
			const { json: image } = await processedImage(fake, 'porch.jpg');
			const [output] = itemsOf(await runImage(fake, 'reprocess', { imageId: image.image_id }));
			expect(output.json).toMatchObject({ image_id: image.image_id, status: 'processing' });
			expect(apiCallsFor(image.image_id, '/process')[0].body).toEqual({});
		} finally {
			fake.configure({ processingMs: 100 });
		}
	});
});

describe.each(BINARY_MODES)('Download (binary mode %s)', (binaryMode) => {
	let image;
	beforeAll(async () => {
		image = (await processedImage(fake, 'dining.jpg')).json;
	});

	const download = async (parameters, items = [{ json: image }]) =>
		itemsOf(await runImage(fake, 'download', parameters, { items, binaryMode }))[0];

	test('the preview is the default, is free, and is named after the image', async () => {
		const input = { json: image, binary: { floorPlan: photo('plan.png') } };
		const output = await download({}, [input]);
		expect(output.json).toEqual(image);
		expect(digest(await binaryBuffer(output, 'data'))).toBe(digest(fake.expectedEnhanced(image.image_id)));
		expect(output.binary.data).toMatchObject({ fileName: 'dining.jpg', mimeType: 'image/jpeg' });
		expect(digest(await binaryBuffer(output, 'floorPlan'))).toBe(digest(input.binary.floorPlan.buffer));
		expect(fake.images.get(image.image_id).downloaded).toBe(false);
	});

	test('the original is the uploaded file, and is free', async () => {
		const output = await download({ imageVersion: 'original', downloadOptions: { outputBinaryPropertyName: 'original' } });
		expect(digest(await binaryBuffer(output, 'original'))).toBe(digest(fake.imageBytes(image.image_id)));
		expect(fake.images.get(image.image_id).downloaded).toBe(false);
	});

	test('full size with options: the only download that buys the image', async () => {
		const options = { format: 'webp', quality: 80, maxWidth: 1600, scale: 0.5, watermark: false };
		const output = await download({ imageVersion: 'full', downloadOptions: options });
		expect(digest(await binaryBuffer(output, 'data'))).toBe(
			digest(fake.expectedEnhanced(image.image_id, { preview: false, format: 'webp' })),
		);
		expect(output.binary.data).toMatchObject({ fileName: 'dining.webp', mimeType: 'image/webp' });
		expect(apiCallsFor(image.image_id, '/enhanced').at(-1).query).toEqual({
			preview: 'false',
			format: 'webp',
			quality: '80',
			max_width: '1600',
			scale: '0.5',
			watermark: 'false',
		});
		expect(fake.images.get(image.image_id).downloaded).toBe(true);
	});

	test('only the full-size downloads asked for preview=false', () => {
		const full = apiCallsFor(image.image_id, '/enhanced').filter((request) => request.query.preview === 'false');
		expect(full).toHaveLength(1);
	});
});

test('Download of a photo still being enhanced names the image and its status', async () => {
	fake.configure({ processingMs: 3000 });
	try {
		const sent = await runImage(fake, 'enhance', { waitForCompletion: false }, { items: [photoItem('loft.jpg')] });
		const image = itemsOf(sent)[0].json;
		const { error } = await runImage(fake, 'download', { imageId: image.image_id }, { expectError: true });
		expect(error.message).toBe(`Image "${image.image_id}" is not enhanced yet (status "processing")`);
	} finally {
		fake.configure({ processingMs: 100 });
	}
});

test('Delete removes the image and says so', async () => {
	const { json: image } = await processedImage(fake, 'shed.jpg');
	const [output] = itemsOf(await runImage(fake, 'delete', { imageId: image.image_id }));
	expect(output.json).toEqual({ deleted: true, image_id: image.image_id });
	expect(fake.images.has(image.image_id)).toBe(false);
	const { error } = await runImage(fake, 'delete', { imageId: image.image_id }, { expectError: true });
	expect(error.message).toBe(`Image "${image.image_id}" was not found in Autoenhance (item 0)`);
});

describe('Report', () => {
	test('sends the problems, score and comment as an API report', async () => {
		const { json: image } = await processedImage(fake, 'bath.jpg');
		const parameters = {
			imageId: image.image_id,
			categories: ['SKY_REPLACEMENT', 'WHITE_BALANCE'],
			additionalFields: { score: 2, comment: ' Sky looks fake ' },
		};
		const [output] = itemsOf(await runImage(fake, 'report', parameters));
		const report = { categories: ['SKY_REPLACEMENT', 'WHITE_BALANCE'], source: 'API', score: 2, comment: 'Sky looks fake' };
		expect(apiCallsFor(image.image_id, '/report')[0].body).toEqual(report);
		expect(fake.images.get(image.image_id).reports).toEqual([report]);
		expect(output.json).toEqual({ reported: true, image_id: image.image_id, ...report });
	});

	test('without a problem picked, says which field is empty', async () => {
		const { error } = await runImage(fake, 'report', { imageId: 'x' }, { expectError: true });
		expect(error.message).toBe('Problems is empty (item 0)');
	});
});
