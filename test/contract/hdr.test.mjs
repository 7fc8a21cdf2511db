// HDR under every reading of what the docs leave open: when merging shows, when a bracket is
// flagged uploaded, whether a bracket has an image_id before its merge, and how deletes work.
// Enhance HDR and Merge HDR give the same result under each, or a clear error.
import { VARIANTS } from '../../devkit/fake-autoenhance/variants.mjs';
import { binaryBuffer } from '../harness/index.mjs';
import { startFake } from '../support/image-fixtures.mjs';
import { apiCalls, bracketItems, orderWithBrackets, runOrder, trailerBrackets } from '../support/order-fixtures.mjs';

const QUICK = { pollInterval: 0.2 };

let fake;
beforeAll(async () => {
	fake = await startFake({ processingMs: 50, mergingMs: 50, mergeStartDelayMs: 400, uploadFlagDelayMs: 400 });
});
afterAll(async () => await fake.close());
afterEach(() => {
	fake.clearFaults();
	fake.configure({ uploadFlagDelayMs: 400 });
});

const combinations = VARIANTS.mergeStart.flatMap((mergeStart) =>
	VARIANTS.bracketUploadFlag.flatMap((bracketUploadFlag) =>
		VARIANTS.bracketImageId.map((bracketImageId) => ({ mergeStart, bracketUploadFlag, bracketImageId })),
	),
);
const label = (variants) => Object.values(variants).join(', ');

/** The bracket (input file) names each photo's bytes were made from. */
async function bracketNamesOf(items) {
	return await Promise.all(
		items.map(async (item) => trailerBrackets(await binaryBuffer(item)).map((id) => fake.brackets.get(id).name)),
	);
}

const processCalls = (orderId) => apiCalls(fake, 'POST', `/v3/orders/${orderId}/process`);

async function expectTwoPhotos(photos) {
	expect(photos).toHaveLength(2);
	expect(photos.map((item) => item.pairedItem)).toEqual([
		[{ item: 0 }, { item: 1 }, { item: 2 }],
		[{ item: 3 }, { item: 4 }, { item: 5 }],
	]);
	expect(await bracketNamesOf(photos)).toEqual([
		['IMG_0.jpg', 'IMG_1.jpg', 'IMG_2.jpg'],
		['IMG_3.jpg', 'IMG_4.jpg', 'IMG_5.jpg'],
	]);
	for (const item of photos) {
		expect((await binaryBuffer(item)).equals(fake.expectedEnhanced(item.json.image_id))).toBe(true);
	}
	const orderId = photos[0].json.order_id;
	expect(processCalls(orderId)).toHaveLength(1);
	expect(fake.orders.get(orderId).bracket_ids).toHaveLength(6);
}

describe.each(combinations)('%o', (variants) => {
	beforeEach(() => fake.setVariants(variants));

	test(`Enhance HDR: two photos from the right brackets (${label(variants)})`, async () => {
		const { output } = await runOrder(fake, 'enhanceHdr', { numberOfBracketsPerImage: 3, options: QUICK }, { items: bracketItems(6) });
		await expectTwoPhotos(output[0]);
	});

	test(`Merge HDR and wait: the order with both photos (${label(variants)})`, async () => {
		const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg']);
		const { output } = await runOrder(fake, 'merge', { orderId, numberOfBracketsPerImage: 3, waitForCompletion: true, options: QUICK });
		const [item] = output[0];
		expect(item.json).toMatchObject({ order_id: orderId, is_merging: false, is_processing: false, status: 'processed' });
		expect(item.json.images).toHaveLength(2);
		expect(processCalls(orderId)).toHaveLength(1);
	});

	test(`Enhance HDR whose /process answer is lost: merged once (${label(variants)})`, async () => {
		fake.setFaults([{ listener: 'api', method: 'POST', path: /\/process$/, kind: 'drop', after: true, times: 1 }]);
		const { output } = await runOrder(fake, 'enhanceHdr', { numberOfBracketsPerImage: 3, options: QUICK }, { items: bracketItems(6) });
		await expectTwoPhotos(output[0]);
	});
});

describe.each(VARIANTS.deletion)('deletion %s', (deletion) => {
	beforeEach(() => fake.setVariants({ deletion, bracketImageId: 'preassigned' }));

	test('Enhance HDR whose bracket registration answer is lost: one bracket per file', async () => {
		fake.setFaults([{ listener: 'api', method: 'POST', path: '/v3/brackets', kind: 'drop', after: true, times: 1 }]);
		const { output } = await runOrder(fake, 'enhanceHdr', { numberOfBracketsPerImage: 3, options: QUICK }, { items: bracketItems(6) });
		const photos = output[0];
		expect(await bracketNamesOf(photos)).toEqual([
			['IMG_0.jpg', 'IMG_1.jpg', 'IMG_2.jpg'],
			['IMG_3.jpg', 'IMG_4.jpg', 'IMG_5.jpg'],
		]);
		const live = fake.orders.get(photos[0].json.order_id).bracket_ids.filter((id) => !fake.brackets.get(id).is_deleted);
		expect(live).toHaveLength(6);
	});

	test('Merge HDR: brackets deleted from the order are not counted or merged', async () => {
		const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg', 'c.jpg', 'extra.jpg']);
		const extra = fake.orders.get(orderId).bracket_ids.at(-1);
		await fetch(`${fake.apiUrl}/v3/brackets/${extra}`, { method: 'DELETE', headers: { 'x-api-key': fake.apiKey } });
		const { output } = await runOrder(fake, 'merge', { orderId, numberOfBracketsPerImage: 3, waitForCompletion: true, options: QUICK });
		expect(output[0][0].json.images).toHaveLength(1);
	});
});

test('Merge HDR: a bracket uploaded but never flagged is waited for, then a clear error', async () => {
	fake.setVariants({ bracketUploadFlag: 'delayed' });
	fake.configure({ uploadFlagDelayMs: 60_000 });
	const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg']);
	const started = Date.now();
	const { error } = await runOrder(fake, 'merge', { orderId, options: { ...QUICK, maxWait: 1 } }, { expectError: true });
	expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
	expect(error.message).toBe(`2 of 2 brackets of order "${orderId}" have no file uploaded yet (item 0)`);
	expect(processCalls(orderId)).toHaveLength(0);
	fake.setVariants({ bracketUploadFlag: 'immediate' });
});
