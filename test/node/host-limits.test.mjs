// Concurrency per host in a real run of the node: version 2 stays under its ceiling and pauses
// the whole host for a 429's Retry-After; version 1 keeps its fixed number of items at a time.
import { itemsOf, runImage, startFake } from '../support/image-fixtures.mjs';
import { bracketItems, runOrder } from '../support/order-fixtures.mjs';

let fake;

beforeEach(async () => {
	fake = await startFake({ latencyMs: 30 });
});

afterEach(async () => {
	await fake.close();
});

async function createImages(count) {
	const created = await runImage(fake, 'create', { imageName: '={{ "photo-" + $json.n + ".jpg" }}' }, {
		items: Array.from({ length: count }, (_, n) => ({ json: { n } })),
	});
	fake.requests.length = 0;
	return itemsOf(created).map((item) => item.json.image_id);
}

async function getAll(ids, { typeVersion, options = {} }) {
	const result = await runImage(fake, 'get', { imageId: '={{ $json.image_id }}', options }, {
		typeVersion,
		items: ids.map((image_id) => ({ json: { image_id } })),
	});
	expect(itemsOf(result).map((item) => item.json.image_id)).toEqual(ids);
}

/** The most requests the fake had open at once on one listener. */
function peakInFlight(listener = 'api') {
	const changes = fake.requests
		.filter((request) => request.listener === listener)
		.flatMap((request) => [
			[request.at, 1],
			[request.endedAt, -1],
		])
		.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	let count = 0;
	return Math.max(...changes.map(([, by]) => (count += by)));
}

test('version 2 starts generous and never exceeds the Concurrency ceiling', async () => {
	const ids = await createImages(40);
	await getAll(ids, { typeVersion: 2 });
	expect(peakInFlight()).toBeGreaterThan(5);
	fake.requests.length = 0;
	await getAll(ids, { typeVersion: 2, options: { concurrency: 4 } });
	expect(peakInFlight()).toBeLessThanOrEqual(4);
});

test('version 2: the ceiling holds for every request of one item (Enhance HDR: one batch, many requests)', async () => {
	const { output } = await runOrder(
		fake,
		'enhanceHdr',
		{ numberOfBracketsPerImage: 0, download: false, options: { concurrency: 4, pollInterval: 0.1 } },
		{ typeVersion: 2, items: bracketItems(24) },
	);
	expect(output[0]).toHaveLength(8);
	expect(peakInFlight()).toBeLessThanOrEqual(4);
	expect(peakInFlight('upload')).toBeLessThanOrEqual(4);
});

test('version 1 keeps its meaning: Concurrency items at a time', async () => {
	const ids = await createImages(40);
	await getAll(ids, { typeVersion: 1, options: { concurrency: 3 } });
	expect(peakInFlight()).toBe(3);
});

test('version 2: a 429 with Retry-After pauses every request to the API, not only the refused one', async () => {
	const ids = await createImages(30);
	fake.setFaults([{ listener: 'api', path: /^\/v3\/images\/[^/]+$/, kind: 'status', status: 429, retryAfter: 1, times: 1 }]);
	await getAll(ids, { typeVersion: 2 });
	const refused = fake.requests.find((request) => request.status === 429);
	const during = fake.requests.filter((request) => request.at > refused.endedAt + 50 && request.at < refused.endedAt + 900);
	expect(during).toEqual([]);
});
