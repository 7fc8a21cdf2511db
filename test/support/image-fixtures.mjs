// Shared by the image-*.test.mjs files: the fake, the node under test, photos to send.
import { createHash, randomBytes } from 'node:crypto';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { runNode } from '../harness/index.mjs';
import { Autoenhance, AutoenhanceApi } from './package.mjs';

export const BINARY_MODES = ['default', 'filesystem'];

/** A JPEG-looking file: the fake treats bytes as opaque, except a CORRUPT marker at the start. */
export function photo(fileName = 'living-room.jpg', size = 64 * 1024) {
	return {
		buffer: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size)]),
		fileName,
		mimeType: 'image/jpeg',
	};
}

export function photoItem(fileName, json = {}) {
	return { json, binary: { data: photo(fileName) } };
}

export async function startFake(options = {}) {
	return await startFakeAutoenhance({ processingMs: 100, ...options });
}

/**
 * Runs the Autoenhance node on the image resource against `fake`, at typeVersion 1 (the shape of
 * workflows saved before version 2) unless `run.typeVersion` says otherwise.
 */
export async function runImage(fake, operation, parameters = {}, { credential = {}, ...run } = {}) {
	return await runNode({
		node: new Autoenhance(),
		credentialTypes: [new AutoenhanceApi()],
		credentials: { autoenhanceApi: { apiKey: fake.apiKey, baseUrl: fake.apiUrl, ...credential } },
		parameters: { resource: 'image', operation, ...parameters },
		typeVersion: 1,
		...run,
	});
}

/** The output items of a run. */
export const itemsOf = (result) => result.output[0];

/** An uploaded photo that Autoenhance has finished: its output item (JSON = the image). */
export async function processedImage(fake, fileName = 'kitchen.jpg', settings = {}) {
	const result = await runImage(
		fake,
		'enhance',
		{ download: false, settings, options: { pollInterval: 0.2 } },
		{ items: [photoItem(fileName)], binaryMode: 'default' },
	);
	return itemsOf(result)[0];
}

export const requestsTo = (fake, listener) => fake.requests.filter((request) => request.listener === listener);

/** A short fingerprint of bytes: comparing these is fast and fails readably, unlike deep-equal on large buffers. */
export const digest = (bytes) => `${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`;
