// Shared by the order-*.test.mjs files: the node on the order resource, brackets to send.
import { runNode } from '../harness/index.mjs';
import { photo } from './image-fixtures.mjs';
import { Autoenhance, AutoenhanceApi } from './package.mjs';

/** Runs the Autoenhance node on the order resource against `fake`, at typeVersion 1 unless `run.typeVersion` says otherwise. */
export async function runOrder(fake, operation, parameters = {}, run = {}) {
	return await runNode({
		node: new Autoenhance(),
		credentialTypes: [new AutoenhanceApi()],
		credentials: { autoenhanceApi: { apiKey: fake.apiKey, baseUrl: fake.apiUrl } },
		parameters: { resource: 'order', operation, ...parameters },
		typeVersion: 1,
		...run,
	});
}

/** One input item per bracket, each file in `data`: IMG_0.jpg, IMG_1.jpg, … */
export function bracketItems(count, size) {
	return Array.from({ length: count }, (_, n) => ({ json: { n }, binary: { data: photo(`IMG_${n}.jpg`, size) } }));
}

export const apiCalls = (fake, method, path) =>
	fake.requests.filter(
		(request) => request.listener === 'api' && request.method === method && request.path === path,
	);

/** The bracket ids an enhanced download's trailer names: `… brackets=<id,id,…>\n`. */
export function trailerBrackets(bytes) {
	const match = /brackets=([^\s]+)\n$/.exec(bytes.toString('latin1'));
	return match ? match[1].split(',') : [];
}

/** The bracket names of an order in the order the fake registered them. */
export const registeredNames = (fake, orderId) =>
	fake.orders.get(orderId).bracket_ids.map((id) => fake.brackets.get(id).name);

/**
 * Sets up an order with brackets the way another client would (not through the node):
 * registered with POST /v3/brackets/ and, unless `uploaded: false`, their files PUT.
 */
export async function orderWithBrackets(fake, names, { uploaded = true } = {}) {
	const call = async (method, path, body) => {
		const response = await fetch(fake.apiUrl + path, {
			method,
			headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
		return await response.json();
	};
	const { order_id: orderId } = await call('POST', '/v3/orders/', {});
	for (const name of names) {
		const bracket = await call('POST', '/v3/brackets/', { order_id: orderId, name });
		if (!uploaded) continue;
		const put = await fetch(bracket.upload_url, {
			method: 'PUT',
			headers: { 'content-type': 'application/octet-stream' },
			body: photo(name).buffer,
		});
		if (!put.ok) throw new Error(`PUT ${name}: ${put.status}`);
	}
	return orderId;
}
