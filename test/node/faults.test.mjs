// Fault injection: Enhance on 50 photos and Enhance HDR on 30 brackets while the fake fails more
// than a fifth of all requests, on the API, the upload host and the asset host. Everything is
// checked against the fake's own records: what was created and uploaded, and how often.
import { readFileSync } from 'node:fs';
import { binaryBuffer } from '../harness/index.mjs';
import { digest, photo, runImage, startFake } from '../support/image-fixtures.mjs';
import { registeredNames, runOrder, trailerBrackets } from '../support/order-fixtures.mjs';
import { loadNode } from '../support/package.mjs';
import { attemptChains, faultMix, summarize } from '../support/fault-fixtures.mjs';

const { RETRY_POLICY } = loadNode('transport/retry.js');

const SEED = 20_240_611;
const QUICK_POLLS = { pollInterval: 0.2 };
const FILE_BYTES = 4 * 1024;

let fake;
beforeEach(async () => {
	fake = await startFake({ seed: SEED, processingMs: 30, mergingMs: 30 });
});
afterEach(async () => await fake.close());

/** One item per photo, each file with its own name and bytes. */
const photoItems = (count, name) =>
	Array.from({ length: count }, (_, n) => ({ json: { n }, binary: { data: photo(name(n), FILE_BYTES) } }));

/** The share of requests that met a fault: an error status, a dropped connection or a slow body. */
const faultedShare = (summary) => summary.faulted / fake.requests.length;

/**
 * Policy checks every run must pass: no request was tried more often than the policy allows or
 * for longer than its budget, and a Retry-After was waited for before trying again.
 */
function expectWithinRetryPolicy() {
	for (const chain of attemptChains(fake.requests)) {
		expect(chain.length).toBeLessThanOrEqual(RETRY_POLICY.maxAttempts);
		expect(chain.at(-1).at - chain[0].at).toBeLessThanOrEqual(RETRY_POLICY.totalBudgetMs);
		for (const [index, request] of chain.slice(0, -1).entries()) {
			const asked = Number(request.retryAfter ?? 0) * 1000;
			// A millisecond of slack: the fake stamps `at` when the request arrives, not when it is sent.
			expect(chain[index + 1].at - request.at).toBeGreaterThanOrEqual(asked - 5);
		}
	}
}

/** Image › Enhance on 50 photos (10 at a time) under the fault mix; logs the fake's summary. */
async function enhanceFiftyUnderFaults(label, parameters = {}, run = {}) {
	const items = photoItems(50, (n) => `room-${String(n).padStart(2, '0')}.jpg`);
	fake.setFaults(faultMix());
	const started = Date.now();
	const { output } = await runImage(
		fake,
		'enhance',
		{ ...parameters, options: { ...QUICK_POLLS, concurrency: 10 } },
		{ items, binaryMode: 'filesystem', ...run },
	);
	const elapsedMs = Date.now() - started;
	const summary = summarize(fake, label, elapsedMs);
	console.log(summary.line);
	return { items, output, summary, elapsedMs };
}

test('Enhance, 50 photos: each created and uploaded once, every download byte-exact and paired', async () => {
	const { items, output, summary, elapsedMs } = await enhanceFiftyUnderFaults('enhance, 50 photos');

	const results = output[0];
	expect(results).toHaveLength(50);
	// Creates whose answer was lost were undone and made again: one image and one order per photo.
	expect(fake.images.size).toBe(50);
	expect(fake.orders.size).toBe(50);
	expect(summary.lostCreateAnswers).toBeGreaterThan(0);
	expect(summary.stats.imagesCreated).toBe(50 + apiCalls(fake, 'DELETE', /^\/v3\/images\/[^/]+$/, 204).length);
	expect(new Set(results.map((item) => item.json.image_id)).size).toBe(50);
	for (const [index, item] of results.entries()) {
		const input = items[index].binary.data;
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json).toMatchObject({ image_name: input.fileName, status: 'processed' });
		expect(digest(fake.imageBytes(item.json.image_id))).toBe(digest(input.buffer));
		const expected = fake.expectedEnhanced(item.json.image_id, { preview: true });
		expect(digest(await binaryBuffer(item, 'data'))).toBe(digest(expected));
	}
	// A download cut off halfway is fetched again from the asset host: the API served each once.
	expect(apiCalls(fake, 'GET', /\/enhanced$/, 302)).toHaveLength(50);
	expect(fake.requests.filter((r) => r.listener === 'asset' && r.fault === 'drop after').length).toBeGreaterThan(0);
	// One accepted upload per image: a retried upload would have restarted its processing.
	const accepted = summary.acceptedUploadsByPath;
	expect([...accepted.values()].every((count) => count === 1)).toBe(true);
	expect(accepted.size).toBe(50);

	expect(faultedShare(summary)).toBeGreaterThanOrEqual(0.2);
	expect(summary.faultsBy.api).toBeGreaterThan(0);
	expect(summary.faultsBy.upload).toBeGreaterThan(0);
	expect(summary.faultsBy.asset).toBeGreaterThan(0);
	expectWithinRetryPolicy();
	expect(elapsedMs).toBeLessThan(RETRY_POLICY.totalBudgetMs);
});

test('Enhance version 2, 50 photos into one order: each created and uploaded once, all enhanced, none twice', async () => {
	const { items, output, summary } = await enhanceFiftyUnderFaults(
		'enhance v2, 50 photos, one order',
		{ orderName: 'Listing 50' },
		{ typeVersion: 2 },
	);

	const results = output[0];
	expect(fake.orders.size).toBe(1);
	const [order] = fake.orders.values();
	expect(order.name).toBe('Listing 50');
	expect(fake.images.size).toBe(50);
	expect(order.image_ids).toHaveLength(50);
	expect(new Set(results.map((item) => item.json.image_id)).size).toBe(50);
	for (const [index, item] of results.entries()) {
		expect(item.pairedItem).toEqual({ item: index });
		expect(item.json).toMatchObject({ image_name: items[index].binary.data.fileName, status: 'processed', order_id: order.order_id });
		expect(digest(await binaryBuffer(item, 'data'))).toBe(digest(fake.expectedEnhanced(item.json.image_id, { preview: true })));
	}
	expect(apiCalls(fake, 'GET', /\/enhanced$/, 302)).toHaveLength(50);
	expect([...summary.acceptedUploadsByPath.values()].every((count) => count === 1)).toBe(true);
	// Order reads met faults too, and waiting went on through them.
	expect(apiCalls(fake, 'GET', /^\/v3\/orders\/[^/]+$/).some((request) => request.fault !== null)).toBe(true);
	expect(faultedShare(summary)).toBeGreaterThanOrEqual(0.2);
	expectWithinRetryPolicy();
});

test('Enhance HDR, 30 brackets: one order, each bracket registered and uploaded once, in input order', async () => {
	const items = photoItems(30, (n) => `IMG_${String(n).padStart(2, '0')}.jpg`);
	fake.setFaults(faultMix());
	const started = Date.now();
	const { output } = await runOrder(
		fake,
		'enhanceHdr',
		{ numberOfBracketsPerImage: 3, options: { ...QUICK_POLLS, concurrency: 5 } },
		{ items, binaryMode: 'filesystem' },
	);
	const elapsedMs = Date.now() - started;
	const summary = summarize(fake, 'enhanceHdr, 30 brackets', elapsedMs);
	console.log(summary.line);

	expect(fake.orders.size).toBe(1);
	const [order] = fake.orders.values();
	expect(order.bracket_ids).toHaveLength(30);
	expect(fake.brackets.size).toBe(30);
	expect(summary.lostCreateAnswers).toBeGreaterThan(0);
	expect(registeredNames(fake, order.order_id)).toEqual(items.map((item) => item.binary.data.fileName));
	for (const [index, bracketId] of order.bracket_ids.entries()) {
		const uploaded = readFileSync(fake.brackets.get(bracketId).blob.path);
		expect(digest(uploaded)).toBe(digest(items[index].binary.data.buffer));
	}
	expect([...summary.acceptedUploadsByPath.values()].every((count) => count === 1)).toBe(true);
	expect(summary.acceptedUploadsByPath.size).toBe(30);

	const photos = output[0];
	expect(photos).toHaveLength(10);
	for (const [k, item] of photos.entries()) {
		const sources = [3 * k, 3 * k + 1, 3 * k + 2];
		expect(item.pairedItem).toEqual(sources.map((n) => ({ item: n })));
		expect(item.json).toMatchObject({ order_id: order.order_id, image_name: `IMG_${String(3 * k).padStart(2, '0')}.jpg` });
		const bytes = await binaryBuffer(item);
		expect(digest(bytes)).toBe(digest(fake.expectedEnhanced(item.json.image_id)));
		expect(trailerBrackets(bytes)).toEqual(sources.map((n) => order.bracket_ids[n]));
	}

	expect(faultedShare(summary)).toBeGreaterThanOrEqual(0.2);
	expectWithinRetryPolicy();
	expect(elapsedMs).toBeLessThan(RETRY_POLICY.totalBudgetMs);
});

/** API requests by method and path (a RegExp), optionally with one status. */
const apiCalls = (fake, method, path, status) =>
	fake.requests.filter(
		(r) => r.listener === 'api' && r.method === method && path.test(r.path) && (status === undefined || r.status === status),
	);

/** The API requests from the first faulted one on, as `METHOD /path status`, IDs written as :id. */
function trailFromFault() {
	const api = fake.requests.filter((request) => request.listener === 'api');
	const first = api.findIndex((request) => request.fault !== null);
	return api.slice(first).map((request) => {
		const path = request.path.replace(/\/[0-9a-f]{8}-[0-9a-f-]{27}(?=\/|$)/g, '/:id').replace(/\/$/, '');
		return `${request.method} ${path} ${request.status ?? 'dropped'}`;
	});
}

/**
 * Whether a POST took effect cannot be told from an error answer or a broken connection. Each
 * create the node makes finds out before it asks again, and never leaves a duplicate behind.
 */
describe('a POST that fails unclearly is checked, not blindly repeated', () => {
	const enhanceOne = async () => {
		const items = photoItems(1, () => 'porch.jpg');
		const { output } = await runImage(fake, 'enhance', { options: QUICK_POLLS }, { items });
		const [item] = output[0];
		expect(fake.images.size).toBe(1);
		expect(fake.orders.size).toBe(1);
		expect(digest(await binaryBuffer(item))).toBe(digest(fake.expectedEnhanced(item.json.image_id)));
	};
	const enhanceHdr = async () => {
		const items = photoItems(6, (n) => `IMG_${n}.jpg`);
		const { output } = await runOrder(fake, 'enhanceHdr', { numberOfBracketsPerImage: 3, options: QUICK_POLLS }, { items });
		expect(fake.orders.size).toBe(1);
		const [order] = fake.orders.values();
		expect(registeredNames(fake, order.order_id)).toEqual(items.map((item) => item.binary.data.fileName));
		const tookEffect = (request) => request.status === 200 || request.fault?.endsWith(' after');
		expect(apiCalls(fake, 'POST', /\/process$/).filter(tookEffect)).toHaveLength(1);
		expect(output[0]).toHaveLength(2);
		for (const item of output[0]) {
			expect(digest(await binaryBuffer(item))).toBe(digest(fake.expectedEnhanced(item.json.image_id)));
		}
	};
	const lost = { after: true };

	test.each([
		[
			'image create, answer lost: the image it made is removed, then created again',
			{ method: 'POST', path: /^\/v3\/images\/$/, kind: 'status', status: 503, ...lost },
			enhanceOne,
			['POST /v3/images 503', 'DELETE /v3/images/:id 204', 'POST /v3/images 200'],
		],
		[
			'image create, refused before it was handled: nothing to remove, created once',
			{ method: 'POST', path: /^\/v3\/images\/$/, kind: 'drop' },
			enhanceOne,
			['POST /v3/images dropped', 'DELETE /v3/images/:id 404', 'POST /v3/images 200'],
		],
		[
			'order create, answer lost: the order it made is the result, not made twice',
			{ method: 'POST', path: /^\/v3\/orders\/$/, kind: 'drop', ...lost },
			enhanceHdr,
			['POST /v3/orders 200', 'GET /v3/orders/:id 200', 'POST /v3/brackets 200'],
		],
		[
			'bracket registration, answer lost: the bracket is found by name and removed, then registered again',
			{ method: 'POST', path: '/v3/brackets', kind: 'status', status: 502, ...lost },
			enhanceHdr,
			['POST /v3/brackets 502', 'GET /v3/orders/:id/brackets 200', 'DELETE /v3/brackets/:id 204', 'POST /v3/brackets 200'],
		],
		[
			'bracket registration, failed before it was handled: none found, registered once',
			{ method: 'POST', path: '/v3/brackets', kind: 'status', status: 500 },
			enhanceHdr,
			['POST /v3/brackets 500', 'GET /v3/orders/:id/brackets 200', 'POST /v3/brackets 200'],
		],
		[
			'merge start, answer lost, still merging: not asked twice',
			{ method: 'POST', path: /\/process$/, kind: 'drop', ...lost },
			async () => {
				fake.configure({ mergingMs: 1500 });
				await enhanceHdr();
			},
			['POST /v3/orders/:id/process 200', 'GET /v3/orders/:id 200', 'GET /v3/orders/:id 200'],
		],
		[
			'merge start, answer lost, merged already: not asked twice',
			{ method: 'POST', path: /\/process$/, kind: 'status', status: 503, ...lost },
			enhanceHdr,
			['POST /v3/orders/:id/process 503', 'GET /v3/orders/:id 200', 'GET /v3/orders/:id/brackets 200', 'GET /v3/orders/:id 200'],
		],
		[
			// A merge may show seconds late: the order is looked at again (10 s) before asking again.
			'merge start, failed before it was handled: brackets still unmerged for a while, asked again',
			{ method: 'POST', path: /\/process$/, kind: 'status', status: 503 },
			enhanceHdr,
			['POST /v3/orders/:id/process 503', 'GET /v3/orders/:id 200', 'GET /v3/orders/:id/brackets 200', 'GET /v3/orders/:id 200'],
		],
	])('%s', async (_case, rule, run, trail) => {
		fake.setFaults([{ listener: 'api', times: 1, ...rule }]);
		await run();
		expect(trailFromFault().slice(0, trail.length)).toEqual(trail);
	});
});

test.each([
	['an image', 'image', (id) => `/v3/images/${id}`, () => fake.images],
	['an order', 'order', (id) => `/v3/orders/${id}`, () => fake.orders],
])('deleting %s whose answer was lost reports it deleted, not "not found"', async (_what, resource, path, stored) => {
	const created = resource === 'image'
		? (await runImage(fake, 'create', { imageName: 'gone.jpg' })).output[0][0].json
		: (await runOrder(fake, 'create', {})).output[0][0].json;
	const id = created[`${resource}_id`];
	fake.requests.length = 0;
	fake.setFaults([{ listener: 'api', method: 'DELETE', kind: 'drop', after: true, times: 1 }]);
	const run = resource === 'image' ? runImage : runOrder;
	const { output } = await run(fake, 'delete', { [`${resource}Id`]: id });
	expect(output[0][0].json).toEqual({ deleted: true, [`${resource}_id`]: id });
	expect(stored().has(id)).toBe(false);
	expect(trailFromFault()).toEqual([`DELETE ${path(':id')} 204`, `GET ${path(':id')} 404`]);
});
