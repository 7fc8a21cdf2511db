// Contract tests of the fake's behaviour variants and API versions: each reading of an
// undocumented behaviour is what the fake really does when that variant is selected.
import { randomUUID } from 'node:crypto';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { defaultVariants, LEAST_CONVENIENT, parseVariants, WEBHOOK_TOKEN_HEADER } from '../../devkit/fake-autoenhance/variants.mjs';
import { apiCall, put, startReceiver, waitFor } from '../support/fake-http.mjs';

const NEWEST = '2025-08-31';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body')]);

let fake;
beforeAll(async () => {
	fake = await startFakeAutoenhance({ processingMs: 30, mergingMs: 30, mergeStartDelayMs: 300, uploadFlagDelayMs: 300 });
});
afterAll(() => fake.close());
afterEach(() => fake.setVariants(defaultVariants()));

const api = (path, options = {}) =>
	apiCall(fake, path, { ...options, headers: { 'x-api-version': NEWEST, ...options.headers } });
const post = (path, body, headers) => api(path, { method: 'POST', body, headers });

async function processedImage() {
	const { body: image } = await post('/v3/images/', { image_name: 'room.jpg' });
	expect((await put(image.upload_url, JPEG)).status).toBe(200);
	await waitFor(async () => (await api(`/v3/images/${image.image_id}`)).body.status, (status) => status === 'processed');
	return image;
}

async function orderWithBrackets(count = 3) {
	const { body: order } = await post('/v3/orders/', {});
	const brackets = [];
	for (let i = 1; i <= count; i += 1) {
		const { body } = await post('/v3/brackets/', { order_id: order.order_id, name: `b${i}.jpg` });
		expect((await put(body.upload_url, JPEG)).status).toBe(200);
		brackets.push(body);
	}
	return { orderId: order.order_id, brackets };
}

const listBrackets = async (orderId) => (await api(`/v3/orders/${orderId}/brackets`)).body.brackets;
const getOrder = async (orderId) => (await api(`/v3/orders/${orderId}`)).body;

describe('orderList', () => {
	test.each(['newestFirst', 'oldestFirst', 'unordered'])('%s: pages list every order exactly once', async (reading) => {
		const own = await startFakeAutoenhance({ variants: { orderList: reading } });
		try {
			const created = [];
			for (let i = 0; i < 7; i += 1) created.push((await apiCall(own, '/v3/orders/', { method: 'POST', body: {} })).body.order_id);
			const listed = [];
			let offset;
			do {
				const query = `per_page=3${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`;
				const { body } = await apiCall(own, `/v3/orders/?${query}`);
				listed.push(...body.orders.map((order) => order.order_id));
				offset = body.pagination.next_offset;
			} while (offset);
			expect([...listed].sort()).toEqual([...created].sort());
			if (reading === 'newestFirst') expect(listed).toEqual([...created].reverse());
			if (reading === 'oldestFirst') expect(listed).toEqual(created);
			if (reading === 'unordered') {
				expect(listed).not.toEqual(created);
				expect(listed).not.toEqual([...created].reverse());
			}
		} finally {
			await own.close();
		}
	});
});

describe('mergeStart', () => {
	test('immediate: merging as soon as /process answers', async () => {
		const { orderId } = await orderWithBrackets();
		expect((await post(`/v3/orders/${orderId}/process`, {})).body.is_merging).toBe(true);
	});

	test('delayed: not merging and no images at first, a second /process refused, then merged', async () => {
		fake.setVariants({ mergeStart: 'delayed' });
		const { orderId } = await orderWithBrackets();
		const answer = await post(`/v3/orders/${orderId}/process`, {});
		expect(answer.body).toMatchObject({ is_merging: false, is_processing: false, images: [] });
		expect((await getOrder(orderId)).images).toEqual([]);
		expect((await post(`/v3/orders/${orderId}/process`, {})).status).toBe(409);
		const done = await waitFor(() => getOrder(orderId), (order) => order.images.length === 1 && order.status === 'processed');
		expect(done.is_merging).toBe(false);
	});
});

describe('bracketUploadFlag', () => {
	test.each([
		['immediate', true],
		['delayed', false],
	])('%s: is_uploaded right after the PUT is %s', async (reading, flagged) => {
		fake.setVariants({ bracketUploadFlag: reading });
		const { orderId } = await orderWithBrackets(1);
		expect((await listBrackets(orderId))[0].is_uploaded).toBe(flagged);
		if (!flagged) {
			const refused = await post(`/v3/orders/${orderId}/process`, {});
			expect(refused.status).toBe(422);
			await waitFor(() => listBrackets(orderId), ([bracket]) => bracket.is_uploaded);
		}
		expect((await post(`/v3/orders/${orderId}/process`, {})).status).toBe(200);
	});
});

describe('bracketImageId', () => {
	test.each([
		['unset', null],
		['preassigned', expect.any(String)],
	])('%s: image_id before the merge is %p; after it, the merged image', async (reading, before) => {
		fake.setVariants({ bracketImageId: reading });
		const { orderId, brackets } = await orderWithBrackets();
		expect(brackets.map((bracket) => bracket.image_id)).toEqual([before, before, before]);
		if (reading === 'preassigned') expect((await api(`/v3/images/${brackets[0].image_id}`)).status).toBe(404);
		await post(`/v3/orders/${orderId}/process`, { number_of_brackets_per_image: 3 });
		const order = await waitFor(() => getOrder(orderId), (current) => current.images.length === 1);
		const imageId = order.images[0].image_id;
		if (reading === 'preassigned') expect(imageId).toBe(brackets[0].image_id);
		expect((await listBrackets(orderId)).map((bracket) => bracket.image_id)).toEqual([imageId, imageId, imageId]);
	});
});

describe('orderImages', () => {
	const listed = async (orderId) => (await api(`/v3/orders/${orderId}`)).body.images.map((image) => image.image_id);
	const imageInNewOrder = async () => {
		const orderId = randomUUID();
		const { body: image } = await post('/v3/images/', { image_name: 'room.jpg', order_id: orderId });
		return { orderId, imageId: image.image_id };
	};

	test('immediate: the order lists a new image at once', async () => {
		const { orderId, imageId } = await imageInNewOrder();
		expect(await listed(orderId)).toEqual([imageId]);
	});

	test('lagging: the order lists a new image only orderListingLagMs after its creation; the image itself is there at once', async () => {
		fake.setVariants({ orderImages: 'lagging' });
		fake.configure({ orderListingLagMs: 300 });
		const { orderId, imageId } = await imageInNewOrder();
		expect(await listed(orderId)).toEqual([]);
		expect((await api(`/v3/images/${imageId}`)).status).toBe(200);
		await waitFor(async () => await listed(orderId), (ids) => ids.length === 1);
		expect(await listed(orderId)).toEqual([imageId]);
	});
});

test('processingSpreadMs: processing times spread over processingMs to processingMs + processingSpreadMs', async () => {
	fake.configure({ processingMs: 100, processingSpreadMs: 600 });
	try {
		const images = await Promise.all(Array.from({ length: 6 }, () => post('/v3/images/', { image_name: 'room.jpg' })));
		const started = Date.now();
		await Promise.all(images.map(({ body }) => put(body.upload_url, JPEG)));
		const took = await Promise.all(
			images.map(async ({ body }) => {
				await waitFor(async () => (await api(`/v3/images/${body.image_id}`)).body.status, (status) => status === 'processed');
				return Date.now() - started;
			}),
		);
		expect(Math.min(...took)).toBeGreaterThanOrEqual(100);
		expect(Math.max(...took) - Math.min(...took)).toBeGreaterThan(300);
	} finally {
		fake.configure({ processingMs: 30, processingSpreadMs: 0 });
	}
});

describe('deletion', () => {
	test('hard: gone, and the ID can be used again', async () => {
		const imageId = randomUUID();
		await post('/v3/images/', { image_name: 'a.jpg', image_id: imageId });
		expect((await api(`/v3/images/${imageId}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`/v3/images/${imageId}`)).status).toBe(404);
		expect((await post('/v3/images/', { image_name: 'a.jpg', image_id: imageId })).status).toBe(200);
	});

	test('soft: image, bracket and order stay visible with is_deleted, their IDs taken', async () => {
		fake.setVariants({ deletion: 'soft' });
		const image = await processedImage();
		expect((await api(`/v3/images/${image.image_id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`/v3/images/${image.image_id}`)).body).toMatchObject({ image_id: image.image_id, is_deleted: true });
		expect((await api(`/v3/images/${image.image_id}`, { method: 'DELETE' })).status).toBe(404);
		expect((await api(`/v3/images/${image.image_id}/enhanced`)).status).toBe(404);
		const again = await post('/v3/images/', { image_name: 'a.jpg', image_id: image.image_id });
		expect(again.status).toBe(422);
		expect(again.body.detail.json.image_id).toHaveLength(1);

		const { orderId, brackets } = await orderWithBrackets(2);
		expect((await api(`/v3/brackets/${brackets[1].bracket_id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await listBrackets(orderId)).map((bracket) => bracket.is_deleted ?? false)).toEqual([false, true]);
		await post(`/v3/orders/${orderId}/process`, {});
		const merged = await waitFor(() => getOrder(orderId), (order) => order.images.length === 1);
		expect((await listBrackets(orderId)).map((bracket) => bracket.image_id === merged.images[0].image_id)).toEqual([true, false]);

		expect((await api(`/v3/orders/${orderId}`, { method: 'DELETE' })).status).toBe(204);
		expect(await getOrder(orderId)).toMatchObject({ order_id: orderId, is_deleted: true });
		const { body: list } = await api('/v3/orders/?per_page=100');
		expect(list.orders.find((order) => order.order_id === orderId)).toMatchObject({ is_deleted: true });
		expect((await post('/v3/orders/', { order_id: orderId })).status).toBe(422);
	});
});

describe('download', () => {
	test.each(['redirect', 'bytes', 'json', 'html'])('%s', async (reading) => {
		const image = await processedImage();
		fake.setVariants({ download: reading });
		const expected = fake.expectedEnhanced(image.image_id, { format: 'png' });
		const answer = await fetch(`${fake.apiUrl}/v3/images/${image.image_id}/enhanced?format=png`, {
			headers: { 'x-api-key': fake.apiKey, 'x-api-version': NEWEST },
			redirect: 'manual',
		});
		const type = answer.headers.get('content-type');
		if (reading === 'redirect') {
			expect(answer.status).toBe(302);
			expect(Buffer.from(await (await fetch(answer.headers.get('location'))).arrayBuffer()).equals(expected)).toBe(true);
		} else if (reading === 'bytes') {
			expect([answer.status, type]).toEqual([200, 'image/png']);
			expect(Buffer.from(await answer.arrayBuffer()).equals(expected)).toBe(true);
		} else if (reading === 'json') {
			expect([answer.status, type]).toEqual([200, 'application/json']);
			const { url } = await answer.json();
			expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(expected)).toBe(true);
		} else {
			expect([answer.status, type]).toEqual([200, 'text/html; charset=utf-8']);
			expect(await answer.text()).toMatch(/^<!doctype html>/);
		}
	});
});

describe('webhookToken', () => {
	test.each([
		['raw', 'authorization', 'hook-secret'],
		['bearer', 'authorization', 'Bearer hook-secret'],
		['header', WEBHOOK_TOKEN_HEADER, 'hook-secret'],
	])('%s: the token arrives in %s as %s', async (reading, header, value) => {
		fake.setVariants({ webhookToken: reading });
		const receiver = await startReceiver();
		try {
			await fake.setWebhook({ url: receiver.url, token: 'hook-secret' });
			expect(receiver.received[0].headers[header]).toBe(value);
		} finally {
			await fake.setWebhook({});
			await receiver.close();
		}
	});
});

test('names with a slash are refused, bracket and image alike', async () => {
	const { body: order } = await post('/v3/orders/', {});
	const bracket = await post('/v3/brackets/', { order_id: order.order_id, name: 'a/b.jpg' });
	expect(bracket.status).toBe(422);
	expect(bracket.body.detail.json.name).toEqual(['String does not match expected pattern.']);
	const image = await post('/v3/images/', { image_name: 'rooms/kitchen.jpg' });
	expect(image.body.detail.json.image_name).toEqual(['String does not match expected pattern.']);
});

describe('settings by API version', () => {
	test.each([
		['2024-10-01', 'documented', { enhance_type: 'authentic' }, null],
		['2025-01-01', 'documented', { enhance_type: 'authentic' }, 'enhance_type'],
		[NEWEST, 'documented', { cloud_type: 'LOW_CLOUD_LOW_SAT', ai_version: '5.x' }, null],
		[NEWEST, 'sdk', { cloud_type: 'LOW_CLOUD_LOW_SAT' }, 'cloud_type'],
		[NEWEST, 'sdk', { ai_version: '5.x' }, 'ai_version'],
		['2025-01-01', 'documented', { ai_version: '5.x' }, 'ai_version'],
		['2025-01-01', 'documented', { cloud_type: 'LOW_CLOUD_LOW_SAT' }, 'cloud_type'],
		[NEWEST, 'documented', { window_pull_type: 'SIDEWAYS' }, 'window_pull_type'],
	])('%s, %s enums: %j → 422 on %s', async (version, settingEnums, settings, field) => {
		fake.setVariants({ settingEnums });
		const response = await post('/v3/images/', { image_name: 'a.jpg', ...settings }, { 'x-api-version': version });
		if (field === null) return expect(response.status).toBe(200);
		expect(response.status).toBe(422);
		expect(response.body.message).toBe('Validation error');
		expect(Object.keys(response.body.detail.json)).toEqual([field]);
	});

	test.each([
		[NEWEST, 'window_pull_type', 'window_pull_type', 'ONLY_WINDOWS'],
		[NEWEST, 'window_pull_type', 'window_pull_style', undefined],
		[NEWEST, 'window_pull_style', 'window_pull_style', 'ONLY_WINDOWS'],
		[NEWEST, 'window_pull_style', 'window_pull_type', undefined],
		['2025-05-08', 'window_pull_type', 'window_pull_type', undefined],
	])('%s, the API reads %s: sending %s applies %p', async (version, windowPullKey, sent, applied) => {
		fake.setVariants({ windowPullKey });
		const { body } = await post('/v3/images/', { image_name: 'a.jpg', [sent]: 'ONLY_WINDOWS' }, { 'x-api-version': version });
		expect(fake.images.get(body.image_id).window_pull_type).toBe(applied);
	});
});

describe('downloads by API version', () => {
	const variantOf = (bytes) => /variant=(\w+)/.exec(bytes.toString('latin1'))[1];
	const fetchEnhanced = async (path, headers) => {
		const answer = await fetch(fake.apiUrl + path, { headers: { 'x-api-key': fake.apiKey, ...headers }, redirect: 'manual' });
		return Buffer.from(await (await fetch(answer.headers.get('location'))).arrayBuffer());
	};

	test.each([
		[{ 'x-api-version': '2024-10-01' }, 'unpinned', 'full'],
		[{}, '2024-10-01', 'full'],
		[{ 'x-api-version': '2024-11-01' }, '2024-10-01', 'preview'],
		[{}, 'unpinned', 'preview'],
	])('headers %j, account pinned %s: /enhanced?preview=true serves the %s size', async (headers, accountApiVersion, served) => {
		const image = await processedImage();
		fake.setVariants({ accountApiVersion });
		const charges = fake.stats().charges;
		const bytes = await fetchEnhanced(`/v3/images/${image.image_id}/enhanced?preview=true&format=png`, headers);
		expect(variantOf(bytes)).toBe(served);
		expect(fake.stats().charges - charges).toBe(served === 'full' ? 1 : 0);
		const preview = await fetchEnhanced(`/v3/images/${image.image_id}/preview`, headers);
		expect(variantOf(preview)).toBe('preview');
	});

	test.each([
		['2025-05-07', 's3PutObjectUrl'],
		['2025-05-08', 'upload_url'],
	])('account pinned to %s, no header: the create answers %s', async (accountApiVersion, key) => {
		fake.setVariants({ accountApiVersion });
		const { body } = await apiCall(fake, '/v3/images/', { method: 'POST', body: { image_name: 'a.jpg' } });
		expect(body[key]).toMatch(/^http:/);
	});
});

describe('selecting variants', () => {
	test('control API: GET and POST /__fake/variants; a bad name or reading is a 400', async () => {
		const control = (method, body) => apiCall(fake, '/__fake/variants', { method, body, key: null });
		expect((await control('POST', { download: 'json', accountApiVersion: '2024-10-01' })).body).toMatchObject({
			download: 'json',
			accountApiVersion: '2024-10-01',
		});
		expect((await control('GET')).body.download).toBe('json');
		expect((await control('POST', { download: 'ftp' })).status).toBe(400);
		expect((await control('POST', { colour: 'blue' })).status).toBe(400);
		expect((await control('POST', { accountApiVersion: 'last year' })).status).toBe(400);
	});

	test('sandbox: FAKE_AUTOENHANCE_VARIANTS as name=reading pairs or leastConvenient', () => {
		expect(parseVariants('orderList=oldestFirst, download=bytes')).toEqual({ orderList: 'oldestFirst', download: 'bytes' });
		expect(parseVariants('leastConvenient')).toEqual(LEAST_CONVENIENT);
		expect(parseVariants('')).toEqual({});
		expect(() => parseVariants('orderList')).toThrow(/name=reading/);
	});
});
