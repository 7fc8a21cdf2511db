// Image › Enhance version 2: which order the photos of a run go into, and waiting for them by
// order (one read of the order settles every photo it lists), against the fake over real HTTP.
import { binaryBuffer } from '../../harness/index.mjs';
import { digest, itemsOf, photo, photoItem, requestsTo, runImage, startFake } from '../../support/image-fixtures.mjs';

let fake;
beforeEach(async () => {
	fake = await startFake({ processingMs: 300, processingSpreadMs: 900 });
});
afterEach(async () => await fake.close());

const V2 = { typeVersion: 2 };
const FIRST_CHECK_SECONDS = 0.2;
const quickPolls = { pollInterval: FIRST_CHECK_SECONDS };

const photoItems = (count, json = () => ({})) =>
	Array.from({ length: count }, (_, n) => photoItem(`room-${String(n).padStart(2, '0')}.jpg`, json(n)));

const apiRequests = (method, path) =>
	requestsTo(fake, 'api').filter((request) => request.method === method && path.test(request.path));
const ORDER_READ = /^\/v3\/orders\/[^/]+\/?$/;
const IMAGE_READ = /^\/v3\/images\/[^/]+\/?$/;
const DOWNLOAD = /^\/v3\/images\/[^/]+\/enhanced$/;

/** Every output item: the photo of its input item, processed, with its enhanced preview. */
async function expectEnhanced(output, items, orderId) {
	expect(output).toHaveLength(items.length);
	for (const [index, item] of output.entries()) {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json).toMatchObject({ status: 'processed', image_name: items[index].binary.data.fileName, order_id: orderId });
		expect(digest(fake.imageBytes(item.json.image_id))).toBe(digest(items[index].binary.data.buffer));
		expect(digest(await binaryBuffer(item, 'data'))).toBe(digest(fake.expectedEnhanced(item.json.image_id, { preview: true })));
	}
}

describe('One New Order for This Run (the default of version 2)', () => {
	test('all photos go into one named order; one order read a check settles them all, no image is read on its own', async () => {
		const items = photoItems(12);
		const started = Date.now();
		const result = await runImage(fake, 'enhance', { orderName: '={{ "12 High Street" }}', options: quickPolls }, { ...V2, items });
		const elapsedMs = Date.now() - started;

		expect(fake.orders.size).toBe(1);
		const [order] = fake.orders.values();
		expect(order.name).toBe('12 High Street');
		await expectEnhanced(itemsOf(result), items, order.order_id);
		expect(apiRequests('GET', IMAGE_READ)).toHaveLength(0);
		// At most one read per First Check After however many photos wait, plus the one at once.
		const orderReads = apiRequests('GET', ORDER_READ).length;
		expect(orderReads).toBeLessThanOrEqual(Math.ceil(elapsedMs / (FIRST_CHECK_SECONDS * 1000)) + 1);
		expect(orderReads).toBeLessThan(items.length);
	});

	test('downloads start as each photo finishes: the order is still read for the others after the first download', async () => {
		const items = photoItems(8);
		await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items });
		const firstDownload = apiRequests('GET', DOWNLOAD)[0].at;
		expect(apiRequests('GET', ORDER_READ).filter((request) => request.at > firstDownload).length).toBeGreaterThan(0);
	});

	test('a waiting photo frees its place: with Concurrency 1, every photo is uploaded before the first is downloaded', async () => {
		const items = photoItems(5);
		await runImage(fake, 'enhance', { options: { ...quickPolls, concurrency: 1 } }, { ...V2, items });
		const lastUpload = Math.max(...requestsTo(fake, 'upload').map((request) => request.at));
		expect(lastUpload).toBeLessThan(apiRequests('GET', DOWNLOAD)[0].at);
	});

	test('items with different Order Names go into one order per name', async () => {
		const items = photoItems(6, (n) => ({ listing: n % 2 ? 'Elm Street' : 'Oak Avenue' }));
		const result = await runImage(fake, 'enhance', { orderName: '={{ $json.listing }}', options: quickPolls }, { ...V2, items });
		const orders = [...fake.orders.values()];
		expect(orders.map((order) => order.name).sort()).toEqual(['Elm Street', 'Oak Avenue']);
		for (const [index, item] of itemsOf(result).entries()) {
			expect(fake.orders.get(item.json.order_id).name).toBe(items[index].json.listing);
		}
	});

	test('a photo the order does not list yet is still waited for, and read on its own only while unlisted', async () => {
		fake.setVariants({ orderImages: 'lagging' });
		fake.configure({ orderListingLagMs: 1200, processingMs: 200, processingSpreadMs: 0 });
		const items = photoItems(6);
		const result = await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items });
		const [order] = fake.orders.values();
		await expectEnhanced(itemsOf(result), items, order.order_id);
		// Each photo, processed before its order lists it, was settled by a read of its own.
		expect(apiRequests('GET', IMAGE_READ).length).toBeGreaterThanOrEqual(items.length);
	});

	test('an order read that fails does not fail the photos: the next check reads the order again', async () => {
		const items = photoItems(4);
		// Five failed attempts: one whole read fails, retries included.
		fake.setFaults([{ listener: 'api', method: 'GET', path: ORDER_READ, kind: 'status', status: 503, times: 5 }]);
		const result = await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items });
		const [order] = fake.orders.values();
		await expectEnhanced(itemsOf(result), items, order.order_id);
		expect(apiRequests('GET', ORDER_READ).filter((request) => request.status === 503)).toHaveLength(5);
	}, 30_000);

	test('Max Wait and On Timeout hold per photo: Return Last State passes the photo on unfinished, without a file', async () => {
		fake.configure({ processingMs: 4000, processingSpreadMs: 0 });
		const items = photoItems(3);
		const options = { ...quickPolls, maxWait: 1, onTimeout: 'returnLastState' };
		const started = Date.now();
		const result = await runImage(fake, 'enhance', { options }, { ...V2, items });
		expect(Date.now() - started).toBeLessThan(3000);
		for (const item of itemsOf(result)) {
			expect(item.json.status).toBe('processing');
			expect(item.binary.data.fileName).toMatch(/^room-/);
		}
		expect(apiRequests('GET', DOWNLOAD)).toHaveLength(0);
	});

	test('Max Wait with Fail: each photo fails with its own error, naming the image, and with Continue On Fail the run goes on', async () => {
		fake.configure({ processingMs: 4000, processingSpreadMs: 0 });
		const items = photoItems(2);
		const result = await runImage(fake, 'enhance', { options: { ...quickPolls, maxWait: 1 } }, { ...V2, items, continueOnFail: true });
		const output = itemsOf(result);
		const imageIds = [...fake.images.keys()];
		for (const [index, item] of output.entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json.error).toMatch(/^Image "[^"]+" did not finish within 1 s; last status "processing"$/);
		}
		expect(output.map((item) => item.json.error.match(/"([^"]+)"/)[1]).sort()).toEqual(imageIds.sort());
	});

	test('with Continue On Fail a photo Autoenhance cannot enhance fails alone; the others come out enhanced', async () => {
		const items = photoItems(4);
		items[2].binary.data = { ...photo('broken.jpg'), buffer: Buffer.from('CORRUPT not a photo') };
		const result = await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items, continueOnFail: true });
		const output = itemsOf(result);
		expect(output[2].json.error).toMatch(/could not enhance image .*not a readable image/);
		expect(output.filter((item) => item.json.status === 'processed')).toHaveLength(3);
	});
});

describe('How often the order is read', () => {
	const PROCESSING_MS = 4000;
	/** Each read of the order after the first: when it came and the gap since the one before, in ms from the first. */
	const orderReads = () => {
		const times = apiRequests('GET', ORDER_READ).map((request) => request.at).sort((a, b) => a - b);
		return times.slice(1).map((at, index) => ({ at: at - times[0], after: times[index] - times[0], gap: at - times[index] }));
	};
	/**
	 * The reads between 2 s and the photos' finish, where a fifth of the time waited (0.4–0.8 s) is
	 * well over First Check After (0.2 s). Times are when the fake saw each read: a few tens of ms
	 * of jitter on a busy machine.
	 */
	const lateReads = () => orderReads().filter((read) => read.after >= 2000 && read.at < PROCESSING_MS - 200);
	const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

	beforeEach(() => fake.configure({ processingMs: PROCESSING_MS, processingSpreadMs: 0 }));

	test('one photo: the order is read as that photo alone would be checked, a fifth of the time waited apart', async () => {
		await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items: photoItems(1) });
		const reads = lateReads();
		expect(reads.length).toBeGreaterThanOrEqual(2);
		for (const read of reads) {
			expect(read.gap).toBeGreaterThanOrEqual(read.after * 0.2 - 60);
			expect(read.gap).toBeLessThan(read.after * 0.2 + 150);
		}
	});

	test('many photos: the order is read every First Check After, as often as their own checks together would allow', async () => {
		// Twelve photos checked alone would send 12 checks every fifth of the time waited (0.4–0.8 s
		// here); one read serves all twelve, so it comes every First Check After (0.2 s), no closer.
		// Reading when the first photo is due instead, the gaps here would be 0.4 s and more.
		await runImage(fake, 'enhance', { options: quickPolls }, { ...V2, items: photoItems(12) });
		const reads = lateReads();
		expect(reads.length).toBeGreaterThanOrEqual(6);
		expect(median(reads.map((read) => read.gap))).toBeLessThan(FIRST_CHECK_SECONDS * 1000 + 100);
		for (const read of orderReads()) expect(read.gap).toBeGreaterThanOrEqual(FIRST_CHECK_SECONDS * 1000 - 60);
	});
});

describe('Existing Order and One Order per Image', () => {
	test('Existing Order: the photos go into the chosen order and are waited for by order', async () => {
		const orderId = 'listing-7';
		const items = photoItems(3);
		const orderIdLocator = { __rl: true, mode: 'id', value: orderId };
		const result = await runImage(fake, 'enhance', { orderGrouping: 'existingOrder', orderId: orderIdLocator, options: quickPolls }, { ...V2, items });
		await expectEnhanced(itemsOf(result), items, orderId);
		expect(fake.orders.size).toBe(1);
		expect(apiRequests('GET', IMAGE_READ)).toHaveLength(0);
	});

	test('Existing Order left empty: an error naming the item and the field, before anything is sent', async () => {
		const { error } = await runImage(
			fake,
			'enhance',
			{ orderGrouping: 'existingOrder', orderId: { __rl: true, mode: 'id', value: '' } },
			{ ...V2, items: photoItems(1), expectError: true },
		);
		expect(error.message).toBe('Order is empty (item 0)');
		expect(fake.requests).toHaveLength(0);
	});

	test('One Order per Image: an order each, and each photo waited for on its own, as version 1 does', async () => {
		const items = photoItems(3);
		const result = await runImage(fake, 'enhance', { orderGrouping: 'orderPerImage', options: quickPolls }, { ...V2, items });
		expect(new Set(itemsOf(result).map((item) => item.json.order_id)).size).toBe(3);
		expect(fake.orders.size).toBe(3);
		expect(apiRequests('GET', ORDER_READ)).toHaveLength(0);
		expect(apiRequests('GET', IMAGE_READ).length).toBeGreaterThanOrEqual(3);
	});
});
