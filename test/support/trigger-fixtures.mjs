// Shared by the trigger tests: orders and images made through the fake's own HTTP API, as the
// Autoenhance web app or another workflow would make them, finishing when the test uploads them.
import { randomBytes } from 'node:crypto';
import { AutoenhanceApi } from './package.mjs';

const API_VERSION = '2025-05-08'; // answers with upload_url

export function credentialsFor(fake, extra = {}) {
	return {
		credentialTypes: [new AutoenhanceApi()],
		credentials: { autoenhanceApi: { apiKey: fake.apiKey, baseUrl: fake.apiUrl, ...extra } },
	};
}

async function api(fake, method, path, body) {
	const response = await fetch(fake.apiUrl + path, {
		method,
		headers: { 'x-api-key': fake.apiKey, 'x-api-version': API_VERSION, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
	return await response.json();
}

/**
 * An order with `names.length` images, created but not uploaded: Autoenhance shows it unfinished.
 * `finish()` uploads every image and resolves once the fake has processed them all; an image named
 * "*.corrupt.jpg" gets bytes Autoenhance cannot read, so it ends in status "error".
 */
export async function createOrder(fake, names = ['living-room.jpg']) {
	const { order_id: orderId } = await api(fake, 'POST', '/v3/orders/', { name: `Order ${names.join(', ')}` });
	const images = [];
	for (const name of names) {
		const image = await api(fake, 'POST', '/v3/images/', { order_id: orderId, image_name: name });
		images.push({ imageId: image.image_id, name, uploadUrl: image.upload_url });
	}
	return {
		orderId,
		images,
		imageIds: images.map((image) => image.imageId),
		async finish() {
			// All at once: an image finished before the next one is uploaded would tell the
			// webhook its order is no longer processing, and the order would complete twice.
			await Promise.all(images.map(upload));
			await waitFor(() => fake.orders.get(orderId) && !isBusy(fake, orderId), `order ${orderId} to finish`);
		},
	};
}

function isBusy(fake, orderId) {
	return fake.orders.get(orderId).image_ids.some((id) => ['waiting', 'processing'].includes(fake.images.get(id).status));
}

async function upload({ name, uploadUrl }) {
	const bytes = name.includes('.corrupt.')
		? Buffer.concat([Buffer.from('CORRUPT'), randomBytes(64)])
		: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(2048)]);
	const response = await fetch(uploadUrl, {
		method: 'PUT',
		headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) },
		body: bytes,
	});
	if (!response.ok) throw new Error(`upload of ${name}: HTTP ${response.status}`);
}

export async function waitFor(condition, what, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

/** Resolves once every webhook the fake has started sending has been answered. */
export async function deliveriesSettled(fake) {
	await waitFor(
		() => fake.webhookDeliveries.every((delivery) => delivery.status !== null || delivery.error !== null),
		'webhook deliveries to be answered',
	);
}
