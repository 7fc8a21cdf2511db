// Image › Create and Image › Upload against the fake Autoenhance over real HTTP.
import { binaryBuffer } from '../../harness/index.mjs';
import { BINARY_MODES, digest, itemsOf, photo, requestsTo, runImage, startFake } from '../../support/image-fixtures.mjs';

let fake;
beforeAll(async () => {
	fake = await startFake();
});
afterAll(async () => await fake?.close());

describe('Create', () => {
	test('registers an image from plain JSON (no file) with a name, order, content type and settings', async () => {
		const result = await runImage(fake, 'create', {
			imageName: 'living-room.jpg',
			orderId: 'listing-42',
			settings: { threesixty: true, enhanceType: 'warm', skyReplacement: true, cloudType: 'LOW_CLOUD' },
			options: { contentType: 'image/jpeg' },
		});
		const [item] = itemsOf(result);
		expect(item.json).toMatchObject({
			image_name: 'living-room.jpg',
			order_id: 'listing-42',
			status: 'waiting',
			is_threesixty: true,
			enhance_type: 'warm',
			sky_replacement: true,
			cloud_type: 'LOW_CLOUD',
			content_type: 'image/jpeg',
		});
		expect(item.json.upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
		expect(item.binary).toBeUndefined();
		expect(fake.images.get(item.json.image_id)).toBeDefined();
		expect(fake.orders.get('listing-42')).toBeDefined();
	});

	test('sends a client-generated image_id, so a repeated create cannot register the photo twice', async () => {
		const before = fake.stats().imagesCreated;
		const first = itemsOf(await runImage(fake, 'create', { imageName: 'a.jpg' }))[0].json;
		const second = itemsOf(await runImage(fake, 'create', { imageName: 'a.jpg' }))[0].json;
		const creates = requestsTo(fake, 'api').filter((request) => request.method === 'POST' && request.path === '/v3/images/');
		const sentIds = creates.slice(-2).map((request) => request.body?.image_id);
		expect(sentIds).toEqual([first.image_id, second.image_id]);
		expect(first.image_id).not.toEqual(second.image_id);
		expect(fake.stats().imagesCreated - before).toBe(2);
	});

	test('repeats a create that met a server error (safe with its own image_id): one image results', async () => {
		const before = fake.stats().imagesCreated;
		fake.setFaults([{ listener: 'api', method: 'POST', path: '/v3/images', kind: 'status', status: 503, times: 1 }]);
		try {
			const [item] = itemsOf(await runImage(fake, 'create', { imageName: 'retried.jpg' }));
			const attempts = requestsTo(fake, 'api').filter((request) => request.method === 'POST').slice(-2);
			expect(attempts.map((request) => [request.method, request.status])).toEqual([
				['POST', 503],
				['POST', 200],
			]);
			expect(attempts[1].body).toMatchObject({ image_id: item.json.image_id, image_name: 'retried.jpg' });
			expect(fake.stats().imagesCreated - before).toBe(1);
		} finally {
			fake.clearFaults();
		}
	});

	test('takes the name from the input file and keeps the file on the item for Upload', async () => {
		const file = photo('IMG_0042.JPG');
		const [item] = itemsOf(await runImage(fake, 'create', {}, { items: [{ json: {}, binary: { data: file } }] }));
		expect(item.json.image_name).toBe('IMG_0042.JPG');
		expect(digest(await binaryBuffer(item))).toBe(digest(file.buffer));
	});

	test('without a name or file, says which field is empty', async () => {
		const { error } = await runImage(fake, 'create', {}, { expectError: true });
		expect(error.message).toBe('Image Name is empty (item 0)');
	});

	test('answers upload_url on newer API versions', async () => {
		const [item] = itemsOf(
			await runImage(fake, 'create', { imageName: 'new.jpg' }, { credential: { apiVersion: '2025-05-08' } }),
		);
		expect(item.json.upload_url).toMatch(/^http:/);
		expect(item.json.s3PutObjectUrl).toBeUndefined();
	});
});

describe.each(BINARY_MODES)('Upload (binary mode %s)', (binaryMode) => {
	async function created(parameters, credential) {
		const file = photo('terrace.jpg', 300 * 1024);
		const result = await runImage(fake, 'create', parameters, {
			items: [{ json: {}, binary: { data: file, other: photo('note.png') } }],
			binaryMode,
			credential,
		});
		return { file, item: itemsOf(result)[0] };
	}

	test('PUTs the file with the content type it was created with, never with the API key', async () => {
		const { file, item } = await created({ options: { contentType: 'image/jpeg' } });
		const [uploaded] = itemsOf(await runImage(fake, 'upload', {}, { items: [item], binaryMode }));

		const imageId = item.json.image_id;
		expect(digest(fake.imageBytes(imageId))).toBe(digest(file.buffer));
		const put = requestsTo(fake, 'upload').at(-1);
		expect(put.headers['content-type']).toBe('image/jpeg');
		expect(put.headers['content-length']).toBe(String(file.buffer.length));
		expect(put.headers['x-api-key']).toBeUndefined();
		expect(JSON.stringify(put.headers)).not.toContain(fake.apiKey);

		expect(uploaded.json).toEqual({ ...item.json, uploaded: true });
		expect(Object.keys(uploaded.binary).sort()).toEqual(['data', 'other']);
		expect(digest(await binaryBuffer(uploaded, 'data'))).toBe(digest(file.buffer));
		expect(fake.images.get(imageId).status).not.toBe('waiting');
	});

	test('sends application/octet-stream when no content type was given, to upload_url', async () => {
		const { file, item } = await created({}, { apiVersion: '2025-05-08' });
		expect(item.json.content_type).toBeUndefined();
		await runImage(fake, 'upload', {}, { items: [item], binaryMode, credential: { apiVersion: '2025-05-08' } });
		expect(requestsTo(fake, 'upload').at(-1).headers['content-type']).toBe('application/octet-stream');
		expect(digest(fake.imageBytes(item.json.image_id))).toBe(digest(file.buffer));
	});
});

test('Upload without a file names the item and the field', async () => {
	const result = await runImage(fake, 'upload', { uploadUrl: `${fake.uploadOrigin}/x` }, { expectError: true });
	expect(result.error.message).toBe('Item 0 has no binary property "data"');
});
