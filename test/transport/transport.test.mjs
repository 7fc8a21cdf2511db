// The shared transport, driven through a real n8n-core execution context against the fake
// Autoenhance server over real HTTP: error messages, retries, redirects, and where the key goes.
import { runNode } from '../harness/index.mjs';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { startSandbox } from '../../devkit/sandbox.mjs';
import { AutoenhanceApi, loadNode } from '../support/package.mjs';

const transport = loadNode('transport/index.js');
const { readInputImage } = loadNode('helpers/inputImage.js');

/** A node whose execute() makes one transport call described by its first input item. */
class TransportProbe {
	description = {
		displayName: 'Transport Probe',
		name: 'transportProbe',
		group: ['transform'],
		version: 1,
		description: 'Calls the transport directly',
		defaults: { name: 'Transport Probe' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'autoenhanceApi', required: true }],
		properties: [],
	};

	async execute() {
		const { call, request } = this.getInputData()[0].json;
		if (call === 'api') return [[{ json: await transport.apiRequest.call(this, request) }]];
		if (call === 'download') {
			const binary = await transport.downloadBinary.call(this, request);
			return [[{ json: {}, binary: { data: binary } }]];
		}
		const image = await readInputImage.call(this, 0, 'data');
		await transport.uploadToPresignedUrl.call(this, { ...request, source: image.source });
		return [[{ json: { uploaded: true } }]];
	}
}

let fake;
beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'transport-test-key-0123456789' });
});
afterAll(async () => await fake.close());
beforeEach(() => {
	fake.clearFaults();
	fake.requests.length = 0;
});

function probe(json, { apiKey = fake.apiKey, baseUrl = fake.apiUrl, extra = {}, items } = {}) {
	return runNode({
		node: new TransportProbe(),
		credentials: { autoenhanceApi: { apiKey, baseUrl, ...extra } },
		credentialTypes: [new AutoenhanceApi()],
		items: items ? items.map((item) => ({ ...item, json })) : [{ json }],
		expectError: json.expectError,
	});
}

async function probeError(request, options) {
	const { error } = await probe({ call: 'api', request, expectError: true }, options);
	expect(`${error.message} ${error.description}`).not.toContain(options?.apiKey ?? fake.apiKey);
	return error;
}

async function createImage(body = {}) {
	const { output } = await probe({
		call: 'api',
		request: { method: 'POST', path: '/v3/images/', body: { image_name: 'kitchen.jpg', ...body } },
	});
	return output[0][0].json;
}

const photo = (bytes) => ({ data: { buffer: bytes, fileName: 'kitchen.jpg', mimeType: 'image/jpeg' } });

async function uploadedImage(bytes) {
	const image = await createImage();
	await probe(
		{ call: 'upload', request: { url: image.upload_url, subject: 'kitchen.jpg' } },
		{ items: [{ binary: photo(bytes) }] },
	);
	return image;
}

async function untilProcessed(imageId) {
	for (let tries = 0; fake.images.get(imageId).status !== 'processed'; tries++) {
		if (tries > 100) throw new Error(`image ${imageId} never processed`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

describe('errors a person understands', () => {
	test('a wrong API key', async () => {
		const error = await probeError(
			{ method: 'GET', path: '/v3/orders/' },
			{ apiKey: 'not-the-key-0123456789' },
		);
		expect(error.message).toBe('Autoenhance did not accept the API key (HTTP 401)');
		expect(error.description).toMatch(/API key in the Autoenhance credential/);
	});

	test('an image that does not exist is named', async () => {
		const error = await probeError({ method: 'GET', path: '/v3/images/nope', subject: 'image "nope"' });
		expect(error.message).toBe('Image "nope" was not found in Autoenhance');
		expect(error.httpCode).toBe('404');
	});

	test('a 422 lists the fields the API complained about', async () => {
		const error = await probeError({ method: 'POST', path: '/v3/images/', body: { enhance_type: 'sepia' } });
		expect(error.message).toMatch(/^Autoenhance rejected the request: /);
		expect(error.message).toMatch(/image_name: /);
		expect(error.message).toMatch(/enhance_type: /);
	});

	test('402 and 403 say what they mean', async () => {
		fake.setFaults([{ listener: 'api', kind: 'status', status: 402, times: 1 }]);
		expect((await probeError({ method: 'GET', path: '/v3/orders/' })).message).toMatch(/not enough credits/);
		fake.setFaults([{ listener: 'api', kind: 'status', status: 403, times: 1 }]);
		expect((await probeError({ method: 'GET', path: '/v3/orders/' })).message).toMatch(/refused this request \(HTTP 403\)/);
	});

	test('a base URL nobody answers on names the host and the cause', async () => {
		const error = await probeError({ method: 'GET', path: '/v3/orders/' }, { baseUrl: 'http://127.0.0.1:9' });
		expect(error.message).toBe('Could not reach Autoenhance at http://127.0.0.1:9: the connection was refused');
		expect(error.description).toMatch(/ECONNREFUSED/);
	});

	test('a base URL that is not http(s) is refused before any request', async () => {
		const error = await probeError({ method: 'GET', path: '/v3/orders/' }, { baseUrl: 'file:///etc/passwd' });
		expect(error.message).toMatch(/not an http\(s\) URL/);
		expect(fake.requests).toHaveLength(0);
	});
});

describe('retries', () => {
	test('a 429 with Retry-After: 2 is waited for, then the request succeeds', async () => {
		fake.setFaults([{ listener: 'api', kind: 'status', status: 429, retryAfter: 2, times: 1 }]);
		const started = Date.now();
		const { output } = await probe({ call: 'api', request: { method: 'GET', path: '/v3/orders/' } });
		const waited = Date.now() - started;
		console.log(`429 with Retry-After: 2 → succeeded after ${waited} ms`);
		expect(output[0][0].json.orders).toBeDefined();
		expect(waited).toBeGreaterThanOrEqual(2000);
		expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
	});

	test('a 503 storm gives up after the bound with a clear error', async () => {
		fake.setFaults([{ listener: 'api', kind: 'status', status: 503 }]);
		const started = Date.now();
		const error = await probeError({ method: 'GET', path: '/v3/orders/' });
		console.log(`503 storm → gave up after ${fake.requests.length} attempts in ${Date.now() - started} ms`);
		expect(error.message).toBe('Autoenhance answered HTTP 503: it is having trouble');
		expect(error.description).toMatch(/Gave up after 5 attempts/);
		expect(fake.requests).toHaveLength(5);
	});

	test('a dropped connection on a GET is retried', async () => {
		fake.setFaults([{ listener: 'api', kind: 'drop', times: 1 }]);
		const { output } = await probe({ call: 'api', request: { method: 'GET', path: '/v3/orders/' } });
		expect(output[0][0].json.orders).toBeDefined();
		expect(fake.requests.map((r) => r.fault)).toEqual(['drop', null]);
	});

	test('a POST is not repeated after a 503 unless the caller can find out what it did', async () => {
		fake.setFaults([{ listener: 'api', kind: 'status', status: 503, times: 1 }]);
		await probeError({ method: 'POST', path: '/v3/orders/', body: {} });
		expect(fake.requests).toHaveLength(1);
	});

	test('even an unsafe POST is repeated after a 429: the server did not act on it', async () => {
		fake.setFaults([{ listener: 'api', kind: 'status', status: 429, retryAfter: 0, times: 1 }]);
		await probe({ call: 'api', request: { method: 'POST', path: '/v3/orders/', body: {} } });
		expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
	});
});

describe('upload and download', () => {
	const bytes = Buffer.from('a small JPEG stand-in for the transport test');

	test('the upload goes to the storage host with its signed Content-Type and without the key', async () => {
		const image = await uploadedImage(bytes);
		const put = fake.requests.find((r) => r.listener === 'upload');
		expect(put.status).toBe(200);
		expect(put.headers['content-type']).toBe('application/octet-stream');
		expect(put.headers['content-length']).toBe(String(bytes.length));
		expect(put.headers['x-api-key']).toBeUndefined();
		expect(Buffer.compare(await fake.imageBytes(image.image_id), bytes)).toBe(0);
	});

	test('a URL signed for a content type is uploaded with exactly that type', async () => {
		const image = await createImage({ content_type: 'image/jpeg' });
		await probe(
			{ call: 'upload', request: { url: image.upload_url, signedContentType: 'image/jpeg', subject: 'x' } },
			{ items: [{ binary: photo(bytes) }] },
		);
		expect(fake.requests.find((r) => r.listener === 'upload').headers['content-type']).toBe('image/jpeg');
	});

	test('an upload refused for its Content-Type says why', async () => {
		const image = await createImage({ content_type: 'image/png' });
		const { error } = await probe(
			{ call: 'upload', request: { url: image.upload_url, subject: 'kitchen.jpg' }, expectError: true },
			{ items: [{ binary: photo(bytes) }] },
		);
		expect(error.message).toMatch(/^The upload host refused the upload \(SignatureDoesNotMatch/);
		expect(error.description).toMatch(/signed for one Content-Type/);
	});

	test('the download takes the redirect itself and never sends the key to the asset host', async () => {
		const image = await uploadedImage(bytes);
		await untilProcessed(image.image_id);
		fake.requests.length = 0;
		const run = await probe({
			call: 'download',
			request: { path: `/v3/images/${image.image_id}/enhanced`, qs: { preview: true }, fileName: 'k.jpg', subject: 'x' },
		});
		const downloaded = await run.binaryBuffer(run.output[0][0], 'data');
		expect(Buffer.compare(downloaded, await fake.expectedEnhanced(image.image_id))).toBe(0);
		expect(run.output[0][0].binary.data.mimeType).toBe('image/jpeg');
		const [api, asset] = fake.requests;
		expect([api.listener, api.status, api.headers['x-api-key']]).toEqual(['api', 302, fake.apiKey]);
		expect([asset.listener, asset.status, asset.headers['x-api-key']]).toEqual(['asset', 200, undefined]);
	});

	test('a download cut off half way is fetched again', async () => {
		const image = await uploadedImage(bytes);
		await untilProcessed(image.image_id);
		fake.setFaults([{ listener: 'asset', kind: 'drop', times: 1 }]);
		const run = await probe({
			call: 'download',
			request: { path: `/v3/images/${image.image_id}/original`, fileName: 'k.jpg', subject: 'x' },
		});
		expect(Buffer.compare(await run.binaryBuffer(run.output[0][0], 'data'), bytes)).toBe(0);
		expect(fake.requests.filter((r) => r.listener === 'asset').map((r) => r.fault)).toEqual(['drop', null]);
	});
});

describe('a 200 MB upload', () => {
	let sandbox;
	let dir;
	beforeAll(async () => {
		// The fake runs in its own process here, so this process's memory is the node's alone.
		sandbox = await startSandbox({ env: { FAKE_AUTOENHANCE_PORT: '0', FAKE_AUTOENHANCE_API_KEY: 'big-upload-key-0123456789' } });
		dir = await mkdtemp(path.join(tmpdir(), 'autoenhance-big-'));
	});
	afterAll(async () => {
		await sandbox?.stop();
		await rm(dir, { recursive: true, force: true });
	});

	test('streams from the binary store without holding the file in memory', async () => {
		const size = 200 * 1024 * 1024;
		const filePath = path.join(dir, 'big.jpg');
		const chunk = Buffer.alloc(1024 * 1024, 7);
		await pipeline(
			(async function* () {
				for (let i = 0; i < size / chunk.length; i++) yield chunk;
			})(),
			createWriteStream(filePath),
		);
		const credentials = { apiKey: sandbox.apiKey, baseUrl: sandbox.apiUrl };
		const created = await runNode({
			node: new TransportProbe(),
			credentials: { autoenhanceApi: credentials },
			credentialTypes: [new AutoenhanceApi()],
			items: [{ json: { call: 'api', request: { method: 'POST', path: '/v3/images/', body: { image_name: 'big.jpg' } } } }],
		});
		const url = created.output[0][0].json.upload_url;

		global.gc?.();
		const before = process.memoryUsage();
		let peakRss = before.rss;
		const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
		const started = Date.now();
		try {
			await runNode({
				node: new TransportProbe(),
				credentials: { autoenhanceApi: credentials },
				credentialTypes: [new AutoenhanceApi()],
				binaryMode: 'filesystem',
				items: [{ json: { call: 'upload', request: { url, subject: 'big.jpg' } }, binary: { data: { filePath, fileName: 'big.jpg', mimeType: 'image/jpeg' } } }],
			});
		} finally {
			clearInterval(sampler);
		}
		const growthMb = (peakRss - before.rss) / 2 ** 20;
		console.log(
			`200 MB upload: ${Date.now() - started} ms, RSS ${(before.rss / 2 ** 20).toFixed(0)} MB before, peak growth ${growthMb.toFixed(1)} MB`,
		);
		const stats = await (await fetch(`${sandbox.apiUrl}/__fake/stats`)).json();
		expect(stats.uploads).toBe(1);
		expect(growthMb).toBeLessThan(64);
	});
});
