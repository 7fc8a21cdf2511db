// Contract tests of the fake Autoenhance server: it must reject what the real API rejects
// (status AND body shape) and run the documented flows end to end over real HTTP.
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { apiCall, put, startReceiver, waitFor } from '../support/fake-http.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const KEY = 'test-key';
const NEW_API = '2025-05-08';
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('fake jpeg body'), Buffer.from([0xff, 0xd9])]);

let fake;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: KEY, processingMs: 30, mergingMs: 30, seed: 1 });
});
afterAll(() => fake.close());
afterEach(() => fake.clearFaults());

// ---- helpers -------------------------------------------------------------------------

/** Calls the API of `target` (default: the shared fake); parses JSON bodies. */
const api = (path, { target = fake, key = KEY, ...options } = {}) => apiCall(target, path, { key, ...options });

async function createImage(fields = {}, { headers = { 'x-api-version': NEW_API }, target } = {}) {
	const { status, body } = await api('/v3/images/', {
		method: 'POST',
		body: { image_name: 'room.jpg', ...fields },
		headers,
		target,
	});
	expect(status).toBe(200);
	return body;
}

const getImage = async (id) => (await api(`/v3/images/${id}`)).body;
const getOrder = async (id) => (await api(`/v3/orders/${id}`)).body;
const waitForImage = (id, status = 'processed') => waitFor(() => getImage(id), (image) => image.status === status);

/** A processed image with the given bytes. */
async function processedImage(bytes = JPEG, fields = {}) {
	const image = await createImage({ content_type: 'image/jpeg', ...fields });
	expect((await put(image.upload_url, bytes, 'image/jpeg')).status).toBe(200);
	await waitForImage(image.image_id);
	return image;
}

/** Follows a download's 302 by hand (without the key, as a client must) and returns the bytes. */
async function download(path, headers = {}) {
	const redirect = await api(path, { headers });
	expect(redirect.status).toBe(302);
	const location = redirect.headers.get('location');
	expect(new URL(location).origin).toBe(fake.assetOrigin);
	const asset = await fetch(location);
	expect(asset.status).toBe(200);
	const bytes = Buffer.from(await asset.arrayBuffer());
	expect(Number(asset.headers.get('content-length'))).toBe(bytes.length);
	return { redirect, bytes, contentType: asset.headers.get('content-type') };
}

const expectError = (response, status, message) => {
	expect(response.status).toBe(status);
	expect(response.body).toEqual({ message: message ?? expect.any(String), detail: expect.any(Object) });
};

/**
 * PUTs to a presigned URL over a raw socket with the given framing header and body, and
 * returns the raw response text (for what fetch will not send). `endEarly`: half-close
 * after the body, as a client that gave up would.
 */
function rawPut(uploadUrl, framing, body, { endEarly = false } = {}) {
	const url = new URL(uploadUrl);
	const head =
		`PUT ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n` +
		`Content-Type: application/octet-stream\r\n${framing}\r\n\r\n`;
	return new Promise((resolve, reject) => {
		const socket = net.connect(Number(url.port), url.hostname, () => {
			socket.write(head + body);
			if (endEarly) socket.end();
		});
		let text = '';
		socket.on('data', (chunk) => {
			text += chunk;
			if (!endEarly && text.includes('\r\n\r\n')) socket.end();
		});
		socket.on('close', () => resolve(text));
		socket.on('error', reject);
	});
}

// ---- auth ----------------------------------------------------------------------------

describe('authentication', () => {
	test.each([
		['missing', null],
		['wrong', 'not-the-key'],
	])('%s x-api-key → 401 {"message":"Unauthorized","detail":{}}', async (_, key) => {
		const response = await api('/v3/images/', { method: 'POST', key, body: { image_name: 'a.jpg' } });
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ message: 'Unauthorized', detail: {} });
	});

	test('the unauthenticated GETs work without a key but refuse a wrong one', async () => {
		const image = await createImage();
		expect((await api(`/v3/images/${image.image_id}`, { key: null })).status).toBe(200);
		expect((await api(`/v3/orders/${image.order_id}`, { key: null })).status).toBe(200);
		expect((await api(`/v3/orders/${image.order_id}/brackets`, { key: null })).status).toBe(200);
		expect((await api(`/v3/images/${image.image_id}`, { key: 'wrong' })).status).toBe(401);
	});

	test('downloads need the key (except /preview)', async () => {
		const image = await processedImage();
		expect((await api(`/v3/images/${image.image_id}/enhanced`, { key: null })).status).toBe(401);
		expect((await api(`/v3/images/${image.image_id}/original`, { key: null })).status).toBe(401);
		expect((await api(`/v3/images/${image.image_id}/preview`, { key: null })).status).toBe(302);
	});
});

// ---- validation ----------------------------------------------------------------------

describe('validation (422 in the APIFlask shape)', () => {
	const create = (body, headers) => api('/v3/images/', { method: 'POST', body, headers });

	test('missing image_name', async () => {
		const response = await create({});
		expect(response.status).toBe(422);
		expect(response.body).toEqual({
			message: 'Validation error',
			detail: { json: { image_name: ['Missing data for required field.'] } },
		});
	});

	test.each([
		['enhance_type', 'modern'],
		['cloud_type', 'SUNNY'],
		['window_pull_type', 'ALL'],
		['ai_version', 'v4'],
		['enhance', 'true'],
		['sky_replacement', 1],
		['rating', 6],
		['rating', 2.5],
		['restage', { tvs: 'OFF' }],
	])('%s = %j is rejected', async (field, value) => {
		const response = await create({ image_name: 'a.jpg', [field]: value });
		expect(response.status).toBe(422);
		expect(response.body.detail.json[field]).toBeDefined();
	});

	test('every documented variant is accepted, and unknown properties too', async () => {
		const response = await create({
			image_name: 'a.jpg',
			enhance_type: 'authentic',
			cloud_type: 'LOW_CLOUD_LOW_SAT',
			ai_version: '5.x',
			window_pull_type: 'WINDOWS_WITH_SKIES',
			restage: { tvs: 'BLACK_OUT', photographer: 'REMOVE' },
			contentType: 'image/png',
			some_future_field: { anything: true },
		});
		expect(response.status).toBe(200);
		expect(response.body.image_type).toBe('png');
	});

	test('hdr: true without order_id', async () => {
		const response = await create({ image_name: 'a.jpg', hdr: true });
		expect(response.status).toBe(422);
		expect(response.body.detail.json.order_id).toEqual(['Required when hdr is true.']);
	});

	test('a retried create with the same client image_id → 422 and no second image', async () => {
		const imageId = randomUUID();
		await createImage({ image_id: imageId });
		const before = { count: fake.images.size, rejected: fake.stats().duplicateCreatesRejected };
		const retry = await create({ image_name: 'room.jpg', image_id: imageId });
		expect(retry.status).toBe(422);
		expect(retry.body.detail.json.image_id).toHaveLength(1);
		expect(fake.images.size).toBe(before.count);
		expect(fake.stats().duplicateCreatesRejected).toBe(before.rejected + 1);
	});

	test('a non-JSON body → 400 with a message', async () => {
		expectError(await create('{"image_name": '), 400);
		const form = await api('/v3/images/', {
			method: 'POST',
			body: 'image_name=a.jpg',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expectError(form, 400);
		expect((await create([{ image_name: 'a.jpg' }])).body.detail.json).toEqual({ _schema: ['Invalid input type.'] });
	});

	test('x-api-version must be a date', async () => {
		const response = await create({ image_name: 'a.jpg' }, { 'x-api-version': 'latest' });
		expect(response.status).toBe(422);
		expect(response.body.detail.headers['x-api-version']).toBeDefined();
	});

	test('unknown ids → 404 JSON', async () => {
		expectError(await api(`/v3/images/${randomUUID()}`), 404, 'Image not found');
		expectError(await api(`/v3/orders/${randomUUID()}`), 404, 'Order not found');
		expectError(await api(`/v3/brackets/${randomUUID()}`), 404, 'Bracket not found');
	});

	test.each([
		['quality=95', 'quality'],
		['quality=0', 'quality'],
		['format=gif', 'format'],
		['preview=yes', 'preview'],
		['watermark=1', 'watermark'],
		['max_width=0', 'max_width'],
		['scale=1.5', 'scale'],
	])('download query %s → 422 detail.query.%s', async (query, field) => {
		const image = await processedImage();
		const response = await api(`/v3/images/${image.image_id}/enhanced?${query}`);
		expect(response.status).toBe(422);
		expect(response.body.message).toBe('Validation error');
		expect(response.body.detail.query[field]).toHaveLength(1);
	});
});

// ---- single image --------------------------------------------------------------------

describe('single image', () => {
	test.each([
		[undefined, 's3PutObjectUrl'],
		['2025-01-01', 's3PutObjectUrl'],
		[NEW_API, 'upload_url'],
		['2025-08-31', 'upload_url'],
	])('x-api-version %s → %s', async (version, key) => {
		const image = await createImage({}, { headers: version ? { 'x-api-version': version } : {} });
		expect(new URL(image[key]).origin).toBe(fake.uploadOrigin);
		expect(Object.keys(image).filter((k) => /upload_url|s3PutObjectUrl/.test(k))).toEqual([key]);
	});

	test('full lifecycle: create, upload, processing, processed, preview, purchase, original', async () => {
		const created = await createImage({ content_type: 'image/jpeg', enhance_type: 'warm' });
		expect(created).toMatchObject({
			status: 'waiting',
			enhance: true,
			vertical_correction: true,
			lens_correction: true,
			enhance_type: 'warm',
			downloaded: false,
			metadata: {},
			image_type: 'jpeg',
		});
		expect(created.date_added).toBeGreaterThan(1.6e12);
		const id = created.image_id;
		expectError(await api(`/v3/images/${id}/enhanced`), 409, 'Image has not been uploaded yet');

		fake.configure({ processingMs: 300 });
		expect((await put(created.upload_url, JPEG, 'image/jpeg')).status).toBe(200);
		expect((await getImage(id)).status).toBe('processing');
		expectError(await api(`/v3/images/${id}/enhanced`), 409, 'Image is still processing');
		fake.configure({ processingMs: 30 });
		const processed = await waitForImage(id);
		expect(processed).not.toHaveProperty('upload_url');

		const preview = await download(`/v3/images/${id}/enhanced`);
		expect(preview.redirect.headers.get('content-type')).toMatch(/^text\/html/);
		expect(preview.redirect.body).toContain('href="');
		expect(preview.bytes.equals(fake.expectedEnhanced(id, {}))).toBe(true);
		expect(preview.bytes.subarray(0, JPEG.length).equals(JPEG)).toBe(true);
		expect(preview.bytes.toString('latin1')).toContain(`image_id=${id} variant=preview watermark=false format=jpeg brackets=-`);
		expect((await getImage(id)).downloaded).toBe(false);

		const charges = fake.stats().charges;
		const full = await download(`/v3/images/${id}/enhanced?preview=false&format=png&quality=80`);
		expect(full.contentType).toBe('image/png');
		expect(full.bytes.equals(fake.expectedEnhanced(id, { preview: false, format: 'png' }))).toBe(true);
		expect((await getImage(id)).downloaded).toBe(true);
		await download(`/v3/images/${id}/enhanced?preview=false`);
		expect(fake.stats().charges).toBe(charges + 1);

		const original = await download(`/v3/images/${id}/original`);
		expect(original.bytes.equals(JPEG)).toBe(true);
		expect(fake.imageBytes(id).equals(JPEG)).toBe(true);
	});

	test('a dev-mode full download is watermarked and not charged', async () => {
		const { image_id: id } = await processedImage();
		const charges = fake.stats().charges;
		const dev = await download(`/v3/images/${id}/enhanced?preview=false`, { 'x-dev-mode': 'true' });
		expect(dev.bytes.equals(fake.expectedEnhanced(id, { preview: false, devMode: true }))).toBe(true);
		expect(dev.bytes.toString('latin1')).toContain('variant=full watermark=true');
		expect((await getImage(id)).downloaded).toBe(false);
		expect(fake.stats().charges).toBe(charges);
	});

	test.each([
		['empty', Buffer.alloc(0)],
		['CORRUPT-marked', Buffer.from('CORRUPT this is not an image')],
	])('an %s upload ends in status error with a reason', async (_, bytes) => {
		const image = await createImage();
		await put(image.upload_url, bytes);
		const failed = await waitForImage(image.image_id, 'error');
		expect(failed.status_reason).toMatch(/not a readable image/);
		expectError(await api(`/v3/images/${image.image_id}/enhanced`), 409);
	});

	test('reprocess (POST and PATCH) keeps unspecified settings', async () => {
		const { image_id: id } = await processedImage(JPEG, { enhance_type: 'warm', sky_replacement: false });
		const first = await api(`/v3/images/${id}/process`, { method: 'POST', body: { sky_replacement: true, cloud_type: 'CLEAR' } });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ status: 'processing', enhance_type: 'warm', sky_replacement: true, cloud_type: 'CLEAR' });
		await waitForImage(id);
		const second = await api(`/v3/images/${id}/process/`, { method: 'PATCH', body: { enhance_type: 'neutral' } });
		expect(second.body).toMatchObject({ enhance_type: 'neutral', sky_replacement: true, cloud_type: 'CLEAR' });
		expect((await api(`/v3/images/${id}/process`, { method: 'POST', body: { cloud_type: 'FOG' } })).status).toBe(422);
	});

	test('reprocess before any upload is refused', async () => {
		const image = await createImage();
		expectError(await api(`/v3/images/${image.image_id}/process`, { method: 'POST', body: {} }), 409);
	});

	test('report: categories from the enum are required', async () => {
		const { image_id: id } = await createImage();
		const report = (body) => api(`/v3/images/${id}/report`, { method: 'POST', body });
		const ok = await report({ categories: ['SKY_REPLACEMENT', 'HDR'], score: 2, comment: 'sky', source: 'API' });
		expect(ok).toMatchObject({ status: 200, body: { message: 'Report received' } });
		const badCategory = await report({ categories: ['HDR', 'sky'] });
		expect(badCategory.body.detail.json.categories).toEqual({ 1: [expect.stringMatching(/^Must be one of: AUTO_PRIVACY, /)] });
		expect((await report({})).body.detail.json.categories).toEqual(['Missing data for required field.']);
		expect((await report({ categories: [], score: 6 })).body.detail.json.score).toHaveLength(1);
		expect((await report({ categories: [], source: 'EMAIL' })).status).toBe(422);
	});

	test('delete → 204, then 404', async () => {
		const { image_id: id } = await createImage();
		expect((await api(`/v3/images/${id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`/v3/images/${id}`)).status).toBe(404);
		expect(fake.images.has(id)).toBe(false);
	});

	test('webhooks: webhook_updated on set, image_processed per image, token in Authorization', async () => {
		const receiver = await startReceiver();
		try {
			const updated = await fake.setWebhook({ url: receiver.url, token: 'hook-secret' });
			expect(updated.status).toBe(200);
			expect(receiver.received[0]).toMatchObject({
				headers: { authorization: 'hook-secret' },
				body: { event: 'webhook_updated' },
			});
			const image = await processedImage();
			const delivery = await waitFor(
				() => receiver.received.find((d) => d.body.image_id === image.image_id),
				Boolean,
			);
			expect(delivery.headers.authorization).toBe('hook-secret');
			expect(delivery.body).toEqual({
				event: 'image_processed',
				image_id: image.image_id,
				error: false,
				order_id: image.order_id,
				order_is_processing: false,
			});
			expect(fake.webhookDeliveries.some((d) => d.body.image_id === image.image_id && d.status === 200)).toBe(true);
		} finally {
			await fake.setWebhook({ url: null });
			await receiver.close();
		}
	});
});

// ---- presigned uploads -------------------------------------------------------------

describe('presigned upload URL', () => {
	const s3Code = async (response) => /<Code>([^<]+)<\/Code>/.exec(await response.text())?.[1];

	test('a Content-Type other than the signed one → 403 SignatureDoesNotMatch', async () => {
		const image = await createImage({ content_type: 'image/jpeg' });
		const response = await put(image.upload_url, JPEG, 'application/octet-stream');
		expect(response.status).toBe(403);
		expect(await s3Code(response)).toBe('SignatureDoesNotMatch');
		const unsigned = await createImage();
		expect((await put(unsigned.upload_url, JPEG, 'image/jpeg')).status).toBe(403);
		expect((await put(unsigned.upload_url, JPEG, 'application/octet-stream')).status).toBe(200);
	});

	test('camelCase contentType is honoured', async () => {
		const image = await createImage({ contentType: 'image/png' });
		expect((await put(image.upload_url, JPEG, 'image/png')).status).toBe(200);
	});

	test('a tampered URL → 403', async () => {
		const image = await createImage();
		const url = new URL(image.upload_url);
		url.searchParams.set('X-Amz-Expires', '604800');
		const response = await put(url, JPEG);
		expect(response.status).toBe(403);
		expect(await s3Code(response)).toBe('SignatureDoesNotMatch');
		const otherPath = new URL(image.upload_url);
		otherPath.pathname += 'x';
		expect((await put(otherPath, JPEG)).status).toBe(403);
	});

	test('an expired URL → 403 AccessDenied "Request has expired"', async () => {
		const shortLived = await startFakeAutoenhance({ apiKey: KEY, uploadUrlTtlMs: 1000 });
		try {
			const image = await createImage({}, { target: shortLived });
			await new Promise((resolve) => setTimeout(resolve, 2100));
			const response = await put(image.upload_url, JPEG);
			expect(response.status).toBe(403);
			const text = await response.text();
			expect(text).toContain('<Code>AccessDenied</Code>');
			expect(text).toContain('Request has expired');
		} finally {
			await shortLived.close();
		}
	});

	test('no Content-Length (chunked) → 411', async () => {
		const image = await createImage();
		const text = await rawPut(image.upload_url, 'Transfer-Encoding: chunked', '5\r\nhello\r\n0\r\n\r\n');
		expect(text).toMatch(/^HTTP\/1\.1 411/);
		expect(text).toContain('MissingContentLength');
	});

	test('a body shorter than Content-Length → 400 IncompleteBody, bytes not stored', async () => {
		const image = await createImage();
		const text = await rawPut(image.upload_url, 'Content-Length: 100', 'forty bytes of the hundred promised…', { endEarly: true });
		expect(text).toMatch(/^HTTP\/1\.1 400/);
		expect(text).toContain('<Code>IncompleteBody</Code>');
		expect((await getImage(image.image_id)).status).toBe('waiting');
	});

	test('credentials sent to the upload host are accepted but recorded', async () => {
		const image = await createImage();
		expect((await put(image.upload_url, JPEG, 'application/octet-stream', { 'x-api-key': KEY })).status).toBe(200);
		const record = fake.requests.findLast((r) => r.listener === 'upload');
		expect(record.headers['x-api-key']).toBe(KEY);
		expect(record).toMatchObject({ method: 'PUT', status: 200, bytesIn: JPEG.length });
	});

	test('a re-upload replaces the bytes and counts as an upload', async () => {
		const image = await createImage();
		const uploads = fake.stats().uploads;
		await put(image.upload_url, Buffer.from('first'));
		await put(image.upload_url, JPEG);
		expect(fake.stats().uploads).toBe(uploads + 2);
		expect(fake.imageBytes(image.image_id).equals(JPEG)).toBe(true);
	});
});

// ---- orders --------------------------------------------------------------------------

describe('orders', () => {
	test('create with no body, {}, a name, a client order_id; duplicates → 422', async () => {
		for (const body of [undefined, {}, { name: 'Kitchen shoot' }]) {
			const { status, body: order } = await api('/v3/orders/', { method: 'POST', body });
			expect(status).toBe(200);
			expect(order).toMatchObject({ images: [], is_merging: false, is_processing: false, is_deleted: false, total_images: 0 });
			expect(order.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
		}
		const orderId = randomUUID();
		expect((await api('/v3/orders', { method: 'POST', body: { order_id: orderId } })).status).toBe(200);
		const duplicate = await api('/v3/orders', { method: 'POST', body: { order_id: orderId } });
		expect(duplicate.status).toBe(422);
		expect(duplicate.body.detail.json.order_id).toHaveLength(1);
	});

	test('rename, delete → 204 then 404', async () => {
		const { body: order } = await api('/v3/orders/', { method: 'POST', body: {} });
		const renamed = await api(`/v3/orders/${order.order_id}`, { method: 'PATCH', body: { name: 'Renamed' } });
		expect(renamed.body.name).toBe('Renamed');
		expect((await api(`/v3/orders/${order.order_id}/`, { method: 'DELETE' })).status).toBe(204);
		expect((await api(`/v3/orders/${order.order_id}`)).status).toBe(404);
	});

	test('an image without order_id gets its own order, listed with its images', async () => {
		const image = await createImage();
		const order = await getOrder(image.order_id);
		expect(order.images.map((i) => i.image_id)).toEqual([image.image_id]);
		expect(order.total_images).toBe(1);
	});

	test('pagination: 23 orders, per_page 5 → 5 pages newest first, then next_offset null', async () => {
		const own = await startFakeAutoenhance({ apiKey: KEY });
		try {
			const created = [];
			for (let i = 0; i < 23; i += 1) {
				created.push((await api('/v3/orders/', { method: 'POST', body: { name: `o${i}` }, target: own })).body.order_id);
			}
			const pages = [];
			let offset;
			do {
				const query = `per_page=5${offset ? `&offset=${encodeURIComponent(offset)}` : ''}`;
				const { status, body } = await api(`/v3/orders?${query}`, { target: own });
				expect(status).toBe(200);
				expect(body.pagination.per_page).toBe(5);
				pages.push(body.orders.map((o) => o.order_id));
				offset = body.pagination.next_offset;
				if (offset !== null) expect(offset).not.toMatch(/^\d+$/);
			} while (offset !== null && pages.length < 10);
			expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
			expect(pages.flat()).toEqual([...created].reverse());

			const garbage = await api('/v3/orders?offset=5', { target: own });
			expect(garbage.status).toBe(422);
			expect(garbage.body.detail.query.offset).toHaveLength(1);
			expect((await api('/v3/orders?per_page=0', { target: own })).body.detail.query.per_page).toHaveLength(1);
			const capped = await api('/v3/orders?per_page=500', { target: own });
			expect(capped.body.pagination.per_page).toBe(100);
			expect((await api('/v3/orders/', { target: own })).body.orders).toHaveLength(5);
		} finally {
			await own.close();
		}
	});
});

// ---- HDR -----------------------------------------------------------------------------

describe('HDR', () => {
	const bracketBytes = (label) => Buffer.concat([JPEG, Buffer.from(` bracket ${label}`)]);

	test('legacy flow: 9 hdr images, merge N=3 → 3 images, each tracing to its brackets', async () => {
		const orderId = randomUUID();
		const brackets = [];
		for (let i = 0; i < 9; i += 1) {
			const image = await createImage({ image_name: `b${i}.jpg`, order_id: orderId, hdr: true, content_type: 'image/jpeg' });
			expect((await put(image.upload_url, bracketBytes(i), 'image/jpeg')).status).toBe(200);
			brackets.push(image.image_id);
		}
		const before = await getOrder(orderId);
		expect(before.images).toEqual([]);
		expect((await getImage(brackets[0])).status).toBe('waiting');

		const merge = await api(`/v3/orders/${orderId}/merge`, { method: 'POST', body: { number_of_brackets_per_image: 3, enhance_type: 'warm' } });
		expect(merge.status).toBe(200);
		expect(merge.body).toMatchObject({ is_merging: true, images: [] });

		const done = await waitFor(() => getOrder(orderId), (o) => !o.is_merging && !o.is_processing);
		expect(done.status).toBe('processed');
		expect(done.images).toHaveLength(3);
		done.images.forEach((image, g) => {
			const group = brackets.slice(g * 3, g * 3 + 3);
			expect(image).toMatchObject({ status: 'processed', image_name: `b${g * 3}.jpg`, enhance_type: 'warm' });
			expect(image).not.toHaveProperty('bracket_ids');
			expect(fake.images.get(image.image_id).bracket_ids).toEqual(group);
		});
		const { image_id: first } = done.images[1];
		const { bytes } = await download(`/v3/images/${first}/enhanced`);
		expect(bytes.equals(fake.expectedEnhanced(first))).toBe(true);
		expect(bytes.subarray(0, bracketBytes(3).length).equals(bracketBytes(3))).toBe(true);
		expect(bytes.toString('latin1')).toContain(`brackets=${brackets.slice(3, 6).join(',')}\n`);
	});

	test('merge is refused (422) with no brackets or one not uploaded', async () => {
		const { body: empty } = await api('/v3/orders/', { method: 'POST', body: {} });
		expectError(await api(`/v3/orders/${empty.order_id}/merge`, { method: 'POST' }), 422);
		const orderId = randomUUID();
		const uploaded = await createImage({ order_id: orderId, hdr: true });
		await put(uploaded.upload_url, JPEG);
		const missing = await createImage({ order_id: orderId, hdr: true });
		const refused = await api(`/v3/orders/${orderId}/process`, { method: 'POST', body: {} });
		expectError(refused, 422, 'Some brackets have not been uploaded yet');
		expect(refused.body.detail.bracket_ids).toEqual([missing.image_id]);
		const badN = await api(`/v3/orders/${orderId}/merge`, { method: 'POST', body: { number_of_brackets_per_image: -1 } });
		expect(badN.body.detail.json.number_of_brackets_per_image).toHaveLength(1);
	});

	async function orderWithBrackets(groups) {
		const { body: order } = await api('/v3/orders/', { method: 'POST', body: { name: 'hdr' } });
		const ids = [];
		for (const [i, group] of groups.entries()) {
			const { status, body } = await api('/v3/brackets/', {
				method: 'POST',
				body: { order_id: order.order_id, name: `shot-${i}.jpg`, ...(group ? { metadata: { group } } : {}) },
			});
			expect(status).toBe(200);
			expect(body).toMatchObject({ order_id: order.order_id, is_uploaded: false });
			expect((await put(body.upload_url, bracketBytes(i))).status).toBe(200);
			ids.push(body.bracket_id);
		}
		return { orderId: order.order_id, ids };
	}

	const processAndWait = async (orderId, body) => {
		const response = await api(`/v3/orders/${orderId}/process`, { method: 'POST', body });
		expect(response.status).toBe(200);
		return waitFor(() => getOrder(orderId), (o) => !o.is_merging && !o.is_processing);
	};
	const groupsOf = (order) => order.images.map((image) => fake.images.get(image.image_id).bracket_ids);

	test('/brackets + /process: automatic grouping by metadata.group', async () => {
		const { orderId, ids } = await orderWithBrackets(['a', 'a', 'b', 'b', 'b']);
		const listed = await api(`/v3/orders/${orderId}/brackets`);
		expect(listed.body.brackets.map((b) => [b.bracket_id, b.is_uploaded])).toEqual(ids.map((id) => [id, true]));
		const done = await processAndWait(orderId, {});
		expect(groupsOf(done)).toEqual([ids.slice(0, 2), ids.slice(2)]);
		expect((await api(`/v3/brackets/${ids[0]}`)).body.image_id).toBe(done.images[0].image_id);
	});

	test('/process: automatic grouping in threes without metadata, a remainder, explicit groups', async () => {
		const auto = await orderWithBrackets([null, null, null, null]);
		expect(groupsOf(await processAndWait(auto.orderId))).toEqual([auto.ids.slice(0, 3), auto.ids.slice(3)]);

		const explicit = await orderWithBrackets([null, null, null]);
		const groups = [[explicit.ids[2], explicit.ids[0]], [explicit.ids[1]]];
		const unknown = await api(`/v3/orders/${explicit.orderId}/process`, {
			method: 'POST',
			body: { images: [{ bracket_ids: [randomUUID()] }] },
		});
		expect(unknown.body.detail.json.images[0].bracket_ids).toHaveLength(1);
		const done = await processAndWait(explicit.orderId, { images: groups.map((bracket_ids) => ({ bracket_ids })) });
		expect(groupsOf(done)).toEqual(groups);
	});
});

// ---- faults --------------------------------------------------------------------------

describe('faults', () => {
	const timed = async (work) => {
		const start = Date.now();
		const result = await work();
		return { result, ms: Date.now() - start };
	};

	test('429 with Retry-After and a JSON body, then normal service', async () => {
		const injected = fake.stats().faultsInjected;
		fake.setFaults([{ path: '/v3/orders', kind: 'status', status: 429, retryAfter: 7, times: 1 }]);
		const limited = await api('/v3/orders/');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('7');
		expect(limited.body).toEqual({ message: 'Too Many Requests', detail: {} });
		expect(fake.requests.at(-1)).toMatchObject({ fault: '429', status: 429 });
		expect((await api('/v3/orders/')).status).toBe(200);
		expect(fake.stats().faultsInjected).toBe(injected + 1);
	});

	test('forMs: a rule applies only that long from the first request it matches', async () => {
		fake.setFaults([{ path: '/v3/orders', kind: 'status', status: 429, forMs: 150 }]);
		expect((await api('/v3/orders/')).status).toBe(429);
		expect((await api('/v3/orders/')).status).toBe(429);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect((await api('/v3/orders/')).status).toBe(200);
	});

	test('503 on the upload host (S3 XML), by listener and method', async () => {
		const image = await createImage();
		fake.setFaults([{ listener: 'upload', method: 'PUT', kind: 'status', status: 503, times: 1 }]);
		const response = await put(image.upload_url, JPEG);
		expect(response.status).toBe(503);
		expect(await response.text()).toContain('<Code>ServiceUnavailable</Code>');
		expect((await put(image.upload_url, JPEG)).status).toBe(200);
	});

	test('drop: the connection is closed without a response', async () => {
		fake.setFaults([{ path: /^\/v3\/images\/[^/]+$/, kind: 'drop', times: 1 }]);
		await expect(fetch(`${fake.apiUrl}/v3/images/${randomUUID()}`)).rejects.toThrow();
		expect(fake.requests.at(-1)).toMatchObject({ fault: 'drop', status: null });
	});

	test('slowBody: headers at once, the body trickles over delayMs, intact', async () => {
		const { image_id: id } = await processedImage();
		const { headers } = await api(`/v3/images/${id}/original`);
		fake.setFaults([{ listener: 'asset', kind: 'slowBody', delayMs: 400 }]);
		const start = Date.now();
		const response = await fetch(headers.get('location'));
		const headersMs = Date.now() - start;
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.equals(JPEG)).toBe(true);
		const bodyMs = Date.now() - start - headersMs;
		expect(bodyMs).toBeGreaterThanOrEqual(300);
		expect(headersMs).toBeLessThan(bodyMs);
		expect(fake.requests.at(-1)).toMatchObject({ listener: 'asset', fault: 'slowBody', status: 200, bytesOut: JPEG.length });
	});

	test('latency: per rule, and configure({ latencyMs }) for every API call', async () => {
		fake.setFaults([{ path: '/v3/orders', kind: 'latency', delayMs: 250 }]);
		expect((await timed(() => api('/v3/orders/'))).ms).toBeGreaterThanOrEqual(240);
		expect(fake.requests.at(-1).fault).toBe('latency');
		fake.clearFaults();
		fake.configure({ latencyMs: 200 });
		try {
			expect((await timed(() => api(`/v3/images/${randomUUID()}`))).ms).toBeGreaterThanOrEqual(190);
			const { at, endedAt } = fake.requests.at(-1);
			expect(endedAt - at).toBeGreaterThanOrEqual(190);
		} finally {
			fake.configure({ latencyMs: 0 });
		}
	});

	test('probabilities are seeded: the same seed injects the same faults', async () => {
		const pattern = async (seed) => {
			const own = await startFakeAutoenhance({ apiKey: KEY, seed });
			try {
				own.setFaults([{ kind: 'status', status: 500, probability: 0.5 }]);
				const statuses = [];
				for (let i = 0; i < 40; i += 1) statuses.push((await api('/v3/orders/', { target: own })).status);
				return statuses.map((s) => (s === 500 ? 'x' : '.')).join('');
			} finally {
				await own.close();
			}
		};
		const [a, b, c] = [await pattern(42), await pattern(42), await pattern(43)];
		expect(a).toBe(b);
		expect(a).toMatch(/x/);
		expect(a).toMatch(/\./);
		expect(c).not.toBe(a);
	});
});

// ---- control API ---------------------------------------------------------------------

describe('control API under /__fake/', () => {
	const control = (path, options = {}) => api(`/__fake${path}`, { key: null, ...options });

	test('faults (pathRegex), stats, requests, configure, expected bytes, webhook', async () => {
		expect((await control('/faults', { method: 'POST', body: [{ pathRegex: '^/v3/orders/?$', kind: 'status', status: 502, times: 1 }] })).status).toBe(204);
		expect((await api('/v3/orders/')).status).toBe(502);
		expect((await control('/faults', { method: 'POST', body: [{ kind: 'explode' }] })).status).toBe(400);
		expect((await control('/faults', { method: 'DELETE' })).status).toBe(204);

		const stats = await control('/stats');
		expect(stats.body).toMatchObject({ faultsInjected: expect.any(Number), imagesCreated: expect.any(Number) });
		const requests = await control('/requests');
		expect(requests.body.at(-1)).toMatchObject({ listener: 'api', method: 'GET', path: '/v3/orders/', status: 502, fault: '502' });
		expect(requests.body.some((r) => r.path.startsWith('/__fake'))).toBe(false);

		const configured = await control('/configure', { method: 'POST', body: { processingMs: 40 } });
		expect(configured.body).toMatchObject({ processingMs: 40 });
		expect((await control('/configure', { method: 'POST', body: { processingMs: -1 } })).status).toBe(400);
		fake.configure({ processingMs: 30 });

		const { image_id: id } = await processedImage();
		const expected = await fetch(`${fake.apiUrl}/__fake/images/${id}/expected-enhanced?format=webp&preview=false`);
		const bytes = Buffer.from(await expected.arrayBuffer());
		expect(bytes.equals(fake.expectedEnhanced(id, { format: 'webp', preview: false }))).toBe(true);

		const receiver = await startReceiver();
		try {
			const hooked = await control('/webhook', { method: 'POST', body: { url: receiver.url, token: 't0k' } });
			expect(hooked.body).toMatchObject({ status: 200, body: { event: 'webhook_updated' } });
			expect(receiver.received[0].headers.authorization).toBe('t0k');
		} finally {
			await fake.setWebhook({ url: null });
			await receiver.close();
		}
	});
});

// ---- memory --------------------------------------------------------------------------

describe('memory', () => {
	const MB = 1024 * 1024;
	const rssOf = (pid) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;

	/** Tracks the highest RSS of `pid` while `work` runs. */
	async function peakRss(pid, work) {
		let peak = rssOf(pid);
		const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 5);
		try {
			await work();
		} finally {
			clearInterval(timer);
		}
		return Math.max(peak, rssOf(pid));
	}

	async function startChild() {
		const child = spawn(process.execPath, [join(HERE, '..', '..', 'devkit', 'fake-autoenhance', 'standalone.mjs')], {
			env: {
				...process.env,
				FAKE_AUTOENHANCE_PORT: '0',
				FAKE_AUTOENHANCE_API_KEY: KEY,
				FAKE_AUTOENHANCE_PROCESSING_MS: '20',
				NODE_OPTIONS: '',
			},
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const line = await new Promise((resolve, reject) => {
			child.stdout.once('data', (chunk) => resolve(chunk.toString()));
			child.once('exit', (code) => reject(new Error(`standalone exited with ${code}`)));
		});
		return { child, ...JSON.parse(line) };
	}

	/** PUTs `total` bytes in 1 MB chunks with backpressure; resolves the sha256 sent. */
	function streamUpload(url, total) {
		const chunk = Buffer.alloc(MB);
		for (let i = 0; i < chunk.length; i += 1) chunk[i] = (i * 31) & 0xff;
		const hash = createHash('sha256');
		return new Promise((resolve, reject) => {
			const req = http.request(url, {
				method: 'PUT',
				headers: { 'content-type': 'application/octet-stream', 'content-length': total },
			});
			req.on('response', (res) => {
				res.resume();
				res.statusCode === 200 ? resolve(hash.digest('hex')) : reject(new Error(`PUT ${res.statusCode}`));
			});
			req.on('error', reject);
			let sent = 0;
			const pump = () => {
				while (sent < total) {
					sent += chunk.length;
					hash.update(chunk);
					if (!req.write(chunk)) return req.once('drain', pump);
				}
				req.end();
			};
			pump();
		});
	}

	test('a 50 MB upload and download stream through the fake without growing its RSS', async () => {
		const { child, apiUrl } = await startChild();
		const target = { apiUrl };
		try {
			await put((await createImage({}, { target })).upload_url, JPEG); // warm up the code paths
			const image = await createImage({ image_name: 'big.jpg' }, { target });
			const baseline = rssOf(child.pid);

			let sentHash;
			const uploadPeak = await peakRss(child.pid, async () => {
				sentHash = await streamUpload(image.upload_url, 50 * MB);
			});
			await waitFor(() => api(`/v3/images/${image.image_id}`, { target }), (r) => r.body.status === 'processed');

			const beforeDownload = rssOf(child.pid);
			const received = createHash('sha256');
			let tail = Buffer.alloc(0);
			let size = 0;
			const downloadPeak = await peakRss(child.pid, async () => {
				const redirect = await api(`/v3/images/${image.image_id}/enhanced?preview=false`, { target });
				const asset = await fetch(redirect.headers.get('location'));
				for await (const part of asset.body) {
					const bytes = Buffer.from(part);
					const keep = Math.max(0, 50 * MB - size);
					received.update(bytes.subarray(0, keep));
					tail = Buffer.concat([tail, bytes.subarray(keep)]);
					size += bytes.length;
				}
			});
			expect(received.digest('hex')).toBe(sentHash);
			expect(tail.toString('latin1')).toMatch(/^\n%AUTOENHANCE image_id=\S+ variant=full watermark=false format=jpeg brackets=-\n$/);

			const [uploadGrowth, downloadGrowth] = [uploadPeak - baseline, downloadPeak - beforeDownload];
			const mb = (bytes) => (bytes / MB).toFixed(1);
			console.log(
				`fake RSS: ${mb(baseline)} MB at rest; +${mb(uploadGrowth)} MB at peak during the 50 MB upload, ` +
					`+${mb(downloadGrowth)} MB during its download`,
			);
			expect(uploadGrowth).toBeLessThan(20 * MB);
			expect(downloadGrowth).toBeLessThan(20 * MB);
		} finally {
			child.kill('SIGTERM');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	});
});
