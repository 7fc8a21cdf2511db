// Order › Merge HDR: merging brackets already uploaded to an order, against the fake Autoenhance.
import { startFake } from '../../support/image-fixtures.mjs';
import { apiCalls, orderWithBrackets, runOrder } from '../../support/order-fixtures.mjs';

let fake;
beforeEach(async () => {
	fake = await startFake({ processingMs: 50, mergingMs: 50 });
});
afterEach(async () => await fake.close());

const merge = (parameters, run) => runOrder(fake, 'merge', parameters, run);
const processCalls = (orderId) => apiCalls(fake, 'POST', `/v3/orders/${orderId}/process`);
const bracketNames = (imageId) => fake.images.get(imageId).bracket_ids.map((id) => fake.brackets.get(id).name);

test('merges a fixed number of brackets per photo with the chosen settings, and waits', async () => {
	const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg', 'f.jpg']);
	const { output } = await merge(
		{
			numberOfBracketsPerImage: 3,
			settings: { enhanceType: 'warm', skyReplacement: true, cloudType: 'LOW_CLOUD' },
			waitForCompletion: true,
			options: { pollInterval: 0.2 },
		},
		{ items: [{ json: { order_id: orderId } }] },
	);

	const [item] = output[0];
	expect(item.pairedItem).toEqual({ item: 0 });
	expect(item.json).toMatchObject({ order_id: orderId, is_merging: false, is_processing: false, status: 'processed' });
	expect(item.json.images.map((image) => bracketNames(image.image_id))).toEqual([
		['a.jpg', 'b.jpg', 'c.jpg'],
		['d.jpg', 'e.jpg', 'f.jpg'],
	]);
	for (const image of item.json.images) {
		expect(image).toMatchObject({ enhance_type: 'warm', sky_replacement: true, cloud_type: 'LOW_CLOUD' });
	}
	expect(processCalls(orderId)).toHaveLength(1);
	expect(apiCalls(fake, 'POST', `/v3/orders/${orderId}/merge`)).toHaveLength(0);
});

test('automatic grouping without waiting: the order as it starts merging', async () => {
	const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg', 'c.jpg']);
	const { output } = await merge({ orderId });

	expect(output[0][0].json).toMatchObject({ order_id: orderId, is_merging: true });
	expect(processCalls(orderId)).toHaveLength(1);
});

describe('an order that cannot be merged gives a clear error, and no merge is asked for', () => {
	test('no brackets at all', async () => {
		const orderId = await orderWithBrackets(fake, []);
		const { error } = await merge({ orderId }, { expectError: true });
		expect(error.message).toBe(`Order "${orderId}" has no brackets to merge (item 0)`);
		expect(error.description).toMatch(/Enhance HDR/);
		expect(processCalls(orderId)).toHaveLength(0);
	});

	test('brackets registered but their files never uploaded', async () => {
		const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg'], { uploaded: false });
		const { error } = await merge({ orderId }, { expectError: true });
		expect(error.message).toBe(`2 of 2 brackets of order "${orderId}" have no file uploaded yet (item 0)`);
		expect(error.description).toBe('Upload them first: "a.jpg", "b.jpg".');
		expect(processCalls(orderId)).toHaveLength(0);
	});

	test('everything merged already', async () => {
		const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg']);
		await merge({ orderId, waitForCompletion: true, options: { pollInterval: 0.2 } });
		const { error } = await merge({ orderId }, { expectError: true });
		expect(error.message).toBe(`Every bracket of order "${orderId}" has already been merged (item 0)`);
		expect(processCalls(orderId)).toHaveLength(1);
	});

	test('a fixed group size that leaves a bracket over', async () => {
		const orderId = await orderWithBrackets(fake, ['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg', 'e.jpg']);
		const { error } = await merge({ orderId, numberOfBracketsPerImage: 2 }, { expectError: true });
		expect(error.message).toBe('5 brackets do not make whole images of 2 brackets each');
		expect(processCalls(orderId)).toHaveLength(0);
	});

	test('with Continue On Fail the other orders still merge', async () => {
		const good = await orderWithBrackets(fake, ['a.jpg', 'b.jpg']);
		const empty = await orderWithBrackets(fake, []);
		const { output } = await merge(
			{},
			{ items: [{ json: { order_id: empty } }, { json: { order_id: good } }], continueOnFail: true },
		);

		expect(output[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(output[0][0].json.error).toBe(`Order "${empty}" has no brackets to merge (item 0)`);
		expect(output[0][1].json).toMatchObject({ order_id: good, is_merging: true });
	});
});
