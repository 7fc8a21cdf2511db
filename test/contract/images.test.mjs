// Images under every reading of what the docs leave open: how a download answers, hard or soft
// deletes (in the retry-recovery paths too), names with a slash, setting values a version's enum
// lacks, and which window pull key the API reads.
import { VARIANTS } from '../../devkit/fake-autoenhance/variants.mjs';
import { binaryBuffer } from '../harness/index.mjs';
import { digest, itemsOf, photoItem, processedImage, runImage, startFake } from '../support/image-fixtures.mjs';

const QUICK = { pollInterval: 0.2 };

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake?.close());
afterEach(() => fake.clearFaults());

const liveImagesOf = (orderId) =>
	[...fake.images.values()].filter((image) => image.order_id === orderId && !image.is_deleted);

describe.each(VARIANTS.download.filter((reading) => reading !== 'html'))('download answered by %s', (download) => {
	beforeEach(() => fake.setVariants({ download }));

	test('Image › Download stores the photo itself, with its type and name', async () => {
		fake.setVariants({ download: 'redirect' });
		const image = (await processedImage(fake, 'porch.jpg')).json;
		fake.setVariants({ download });
		const [item] = itemsOf(
			await runImage(fake, 'download', { imageId: image.image_id, downloadOptions: { format: 'png' } }, { items: [{ json: {} }] }),
		);
		expect(digest(await binaryBuffer(item, 'data'))).toBe(digest(fake.expectedEnhanced(image.image_id, { format: 'png' })));
		expect(item.binary.data).toMatchObject({ mimeType: 'image/png', fileName: 'porch.png' });
	});

	test('Image › Enhance stores the enhanced photo, and the original on request', async () => {
		const [enhanced] = itemsOf(await runImage(fake, 'enhance', { options: QUICK }, { items: [photoItem('den.jpg')] }));
		expect(digest(await binaryBuffer(enhanced, 'data'))).toBe(digest(fake.expectedEnhanced(enhanced.json.image_id)));
		const [original] = itemsOf(
			await runImage(fake, 'download', { imageId: enhanced.json.image_id, imageVersion: 'original' }, { items: [{ json: {} }] }),
		);
		expect(digest(await binaryBuffer(original, 'data'))).toBe(digest(fake.imageBytes(enhanced.json.image_id)));
	});
});

test('a download answered with an HTML page is a clear error, and nothing is stored', async () => {
	const image = (await processedImage(fake, 'attic.jpg')).json;
	fake.setVariants({ download: 'html' });
	const { error } = await runImage(fake, 'download', { imageId: image.image_id }, { items: [{ json: {} }], expectError: true });
	expect(error.message).toBe(`Autoenhance answered the download of image "${image.image_id}" with a web page (text/html), not a photo`);
	fake.setVariants({ download: 'redirect' });
});

test('a download whose bytes are a web page, whatever its content type says, is a clear error', async () => {
	const page = { buffer: Buffer.from('<!doctype html><title>Sign in</title>'), fileName: 'page.jpg', mimeType: 'image/jpeg' };
	const { error } = await runImage(fake, 'enhance', { options: QUICK }, { items: [{ json: {}, binary: { data: page } }], expectError: true });
	expect(error.message).toMatch(/^Autoenhance answered the download of image "[^"]+" with a text document \(image\/jpeg\), not a photo$/);
});

describe.each(VARIANTS.deletion)('deletion %s', (deletion) => {
	beforeEach(() => fake.setVariants({ deletion }));

	test('Enhance whose create answer is lost: one image per photo, in its order', async () => {
		fake.setFaults([{ listener: 'api', method: 'POST', path: '/v3/images', kind: 'drop', after: true, times: 1 }]);
		const [item] = itemsOf(await runImage(fake, 'enhance', { orderId: `lost-${deletion}`, options: QUICK }, { items: [photoItem('bath.jpg')] }));
		expect(item.json).toMatchObject({ status: 'processed', image_name: 'bath.jpg', order_id: `lost-${deletion}` });
		expect(liveImagesOf(`lost-${deletion}`).map((image) => image.image_id)).toEqual([item.json.image_id]);
	});

	test('Image › Delete whose answer is lost: deleted, no error', async () => {
		const image = (await processedImage(fake, 'shed.jpg')).json;
		fake.setFaults([{ listener: 'api', method: 'DELETE', kind: 'drop', after: true, times: 1 }]);
		const [item] = itemsOf(await runImage(fake, 'delete', { imageId: image.image_id }, { items: [{ json: {} }] }));
		expect(item.json).toEqual({ deleted: true, image_id: image.image_id });
		expect(liveImagesOf(image.order_id)).toEqual([]);
	});

	test('Image › Get of a deleted image: not found', async () => {
		const image = (await processedImage(fake, 'loft.jpg')).json;
		await runImage(fake, 'delete', { imageId: image.image_id }, { items: [{ json: {} }] });
		const { error } = await runImage(fake, 'get', { imageId: image.image_id }, { items: [{ json: {} }], expectError: true });
		expect(error.message).toBe(`Image "${image.image_id}" was not found in Autoenhance (item 0)`);
	});
});

test('a name with a slash is sent safe; the output keeps the name as given', async () => {
	const imageName = 'Unit 4/5 – kitchen.jpg';
	const [item] = itemsOf(await runImage(fake, 'enhance', { options: { ...QUICK, imageName } }, { items: [photoItem('k.jpg')] }));
	expect(item.json).toMatchObject({ image_name: imageName, status: 'processed' });
	expect(fake.images.get(item.json.image_id).image_name).toBe('Unit 4_5 – kitchen.jpg');
	expect(item.binary.data.fileName).toBe('Unit 4_5 – kitchen.jpg');
});

describe.each(VARIANTS.settingEnums)('setting enums: %s', (settingEnums) => {
	beforeEach(() => fake.setVariants({ settingEnums }));

	test('Low Clouds, Natural Saturation: applied, or an error naming the field and the item', async () => {
		const run = await runImage(
			fake,
			'create',
			{ imageName: 'yard.jpg', settings: { cloudType: 'LOW_CLOUD_LOW_SAT' } },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		const [first] = itemsOf(run);
		if (settingEnums === 'documented') return expect(first.json.cloud_type).toBe('LOW_CLOUD_LOW_SAT');
		expect(first.json.error).toBe('Autoenhance rejected the request: cloud_type: Must be one of: CLEAR, LOW_CLOUD, HIGH_CLOUD. (item 0)');
	});
});

test.each(VARIANTS.windowPullKey)('window pull type is applied when the API reads %s', async (windowPullKey) => {
	fake.setVariants({ windowPullKey });
	const [item] = itemsOf(await runImage(fake, 'create', { imageName: 'bay.jpg', settings: { windowPull: true, windowPullType: 'ONLY_WINDOWS' } }));
	expect(fake.images.get(item.json.image_id).window_pull_type).toBe('ONLY_WINDOWS');
	fake.setVariants({ windowPullKey: 'window_pull_type' });
});
