// The fake Autoenhance server as its own process (so its memory is not counted as n8n's),
// driven through its control API under /__fake/.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { startSandbox } from '../../devkit/sandbox.mjs';

export async function startFake() {
	const sandbox = await startSandbox({
		env: { FAKE_AUTOENHANCE_PORT: '0', FAKE_AUTOENHANCE_API_KEY: 'bench-api-key' },
	});
	const processed = await startProcessedLog();
	const fake = new FakeClient(sandbox, processed);
	// Its webhook deliveries are the fake's own record of when each image was processed.
	await fake.control('POST', '/webhook', { url: processed.url });
	return fake;
}

class FakeClient {
	constructor(sandbox, processed) {
		this.apiUrl = sandbox.apiUrl;
		this.apiKey = sandbox.apiKey;
		this.sandbox = sandbox;
		this.processed = processed;
	}

	async control(method, path, body) {
		const response = await fetch(`${this.apiUrl}/__fake${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} /__fake${path}: ${response.status} ${await response.text()}`);
		return response.status === 204 ? undefined : await response.json();
	}

	/** Sets { latencyMs, processingMs, mergingMs } for what follows. */
	configure(settings) {
		return this.control('POST', '/configure', settings);
	}

	/** Replaces the fault rules (see the fake's README); [] clears them. */
	setFaults(rules) {
		return this.control('POST', '/faults', rules);
	}

	/** The request records since the last clearRequests(): { listener, method, path, at, … }. */
	requests() {
		return this.control('GET', '/requests');
	}

	clearRequests() {
		return this.control('DELETE', '/requests');
	}

	/** When the fake marked an image processed (ms since the epoch), from its webhook record. */
	async processedAt(imageId) {
		const delivery = (await this.#processedDeliveries()).find((entry) => entry.body.image_id === imageId);
		if (!delivery) throw new Error(`the fake has not processed image ${imageId}`);
		return delivery.at;
	}

	/** When the fake marked each image processed, whichever image it was. */
	async processedTimes() {
		return (await this.#processedDeliveries()).map((entry) => entry.at);
	}

	/** Every image the fake has marked processed: [{ imageId, at }]. */
	async processedImages() {
		return (await this.#processedDeliveries()).map((entry) => ({ imageId: entry.body.image_id, at: entry.at }));
	}

	/** Its webhook deliveries are the fake's own record of when each image was processed. */
	async #processedDeliveries() {
		const deliveries = await this.control('GET', '/webhooks');
		return deliveries.filter((entry) => entry.body.event === 'image_processed');
	}

	/** Creates images straight on the API (not through n8n); resolves their ids. */
	async createImages(count) {
		const ids = [];
		for (let index = 0; index < count; index++) ids.push((await this.#createImage(`bench-${index}.jpg`)).image_id);
		return ids;
	}

	async #createImage(name) {
		const response = await fetch(`${this.apiUrl}/v3/images/`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': this.apiKey },
			body: JSON.stringify({ image_name: name }),
		});
		if (!response.ok) throw new Error(`creating an image: ${response.status} ${await response.text()}`);
		return await response.json();
	}

	/**
	 * How long the fake itself takes to receive `uploads` files of `bytes` and to send back
	 * `downloads` of them, `concurrency` at a time, from a plain client (no n8n): the floor of any
	 * client's transfer time. Only the transfers are timed, not the API requests around them, so
	 * the API's configured latency does not count. The images are deleted after, so that their
	 * processing neither runs during the next measurement nor shows in its record.
	 * Resolves { uploadMs, downloadMs }.
	 */
	async transferTimes({ uploads, downloads, bytes, concurrency }) {
		const images = await Promise.all(Array.from({ length: uploads }, (_, index) => this.#createImage(`transfer-${index}.jpg`)));
		const body = randomBytes(bytes);
		const put = async (image) => {
			const url = image.upload_url ?? image.s3PutObjectUrl;
			const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body });
			if (!response.ok) throw new Error(`calibration upload: ${response.status}`);
			await response.arrayBuffer();
		};
		const get = async (url) => {
			const response = await fetch(url);
			if ((await response.arrayBuffer()).byteLength !== bytes) throw new Error('calibration download: short body');
		};
		try {
			const uploadMs = await timed(() => eachAtMost(concurrency, images, put));
			const fileUrls = await Promise.all(images.slice(0, downloads).map((image) => this.#originalFileUrl(image.image_id)));
			return { uploadMs, downloadMs: await timed(() => eachAtMost(concurrency, fileUrls, get)) };
		} finally {
			await Promise.all(images.map((image) => this.#deleteImage(image.image_id)));
		}
	}

	async #deleteImage(imageId) {
		const response = await fetch(`${this.apiUrl}/v3/images/${imageId}`, { method: 'DELETE', headers: { 'x-api-key': this.apiKey } });
		if (!response.ok) throw new Error(`deleting calibration image: ${response.status}`);
	}

	/** Where the API redirects a download of an image's original. */
	async #originalFileUrl(imageId) {
		const response = await fetch(`${this.apiUrl}/v3/images/${imageId}/original`, {
			headers: { 'x-api-key': this.apiKey },
			redirect: 'manual',
		});
		await response.arrayBuffer();
		return response.headers.get('location');
	}

	async stop() {
		await this.sandbox.stop();
		await this.processed.close();
	}
}

/** A receiver for the fake's webhook deliveries: it only has to answer them. */
async function startProcessedLog() {
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => res.writeHead(204).end());
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${server.address().port}/`,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

async function timed(work) {
	const started = Date.now();
	await work();
	return Date.now() - started;
}

/** Calls `fn` on every item, at most `limit` at a time. */
async function eachAtMost(limit, items, fn) {
	const queue = [...items];
	await Promise.all(Array.from({ length: limit }, async () => {
		while (queue.length > 0) await fn(queue.shift());
	}));
}
