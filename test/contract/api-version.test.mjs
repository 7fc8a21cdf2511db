// The API version the node speaks: sent on every API request (never to the upload or download
// hosts), overridable in the credential, and an account pinned to an old version never turns a
// preview into a paid download.
import { binaryBuffer } from '../harness/index.mjs';
import { itemsOf, photoItem, runImage, startFake } from '../support/image-fixtures.mjs';
import { bracketItems, runOrder } from '../support/order-fixtures.mjs';
import { loadNode } from '../support/package.mjs';

const { API_VERSION, OLDEST_API_VERSION } = loadNode('transport/apiVersion.js');

let fake;
beforeAll(async () => {
	fake = await startFake({ mergingMs: 50 });
});
afterAll(async () => await fake?.close());
afterEach(() => fake.setVariants({ accountApiVersion: 'unpinned', download: 'redirect' }));

const quick = { pollInterval: 0.2 };
const variantOf = (bytes) => /variant=(\w+)/.exec(bytes.toString('latin1'))?.[1];

test('the version the node is written for is a date, no older than the oldest it supports', () => {
	expect(API_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	expect(API_VERSION >= OLDEST_API_VERSION).toBe(true);
});

test.each(['redirect', 'json'])(
	'x-api-version %s: on every API request of Enhance and Enhance HDR, never to the upload or download hosts',
	async (download) => {
		fake.setVariants({ download });
		const from = fake.requests.length;
		await runImage(fake, 'enhance', { options: quick }, { items: [photoItem('kitchen.jpg')] });
		await runOrder(fake, 'enhanceHdr', { bracketsPerImage: 2, options: quick }, { items: bracketItems(2) });
		const requests = fake.requests.slice(from);
		const byListener = (listener) => requests.filter((request) => request.listener === listener);
		expect(byListener('api').length).toBeGreaterThan(8);
		expect(byListener('upload')).toHaveLength(3);
		expect(byListener('asset')).toHaveLength(2);
		for (const request of byListener('api')) {
			expect([request.path, request.headers['x-api-version']]).toEqual([request.path, API_VERSION]);
		}
		for (const request of [...byListener('upload'), ...byListener('asset')]) {
			expect(request.headers['x-api-version']).toBeUndefined();
			expect(request.headers['x-api-key']).toBeUndefined();
		}
	},
);

test('an account pinned to 2024-10-01 still gets the free preview it asked for', async () => {
	fake.setVariants({ accountApiVersion: '2024-10-01' });
	const charges = fake.stats().charges;
	const [item] = itemsOf(await runImage(fake, 'enhance', { options: quick }, { items: [photoItem('hall.jpg')] }));
	expect(variantOf(await binaryBuffer(item, 'data'))).toBe('preview');
	expect(fake.stats().charges).toBe(charges);
	expect(fake.images.get(item.json.image_id).downloaded).toBe(false);
});

test('a credential pinned to a version older than the node supports stops before any request, naming it', async () => {
	const from = fake.requests.length;
	const charges = fake.stats().charges;
	const { error } = await runImage(
		fake,
		'enhance',
		{ options: quick },
		{ items: [photoItem('hall.jpg')], credential: { apiVersion: '2024-10-01' }, expectError: true },
	);
	expect(error.message).toMatch(/API Version "2024-10-01"/);
	expect(error.message).toContain(OLDEST_API_VERSION);
	expect(fake.requests.slice(from)).toEqual([]);
	expect(fake.stats().charges).toBe(charges);
});

test('a credential version that is not a date is an error naming the field', async () => {
	const { error } = await runImage(fake, 'get', { imageId: 'x' }, { credential: { apiVersion: 'latest' }, expectError: true });
	expect(error.message).toMatch(/API Version "latest" in the Autoenhance credential is not a date/);
});

test('a newer credential version is sent instead of the default', async () => {
	const [item] = itemsOf(
		await runImage(fake, 'create', { imageName: 'a.jpg' }, { credential: { apiVersion: '2025-01-01' } }),
	);
	expect(item.json.s3PutObjectUrl).toMatch(/^http:/);
	expect(fake.requests.at(-1).headers['x-api-version']).toBe('2025-01-01');
});
