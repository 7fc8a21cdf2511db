// Security: where the API key goes (and never goes), what reaches the webhook trigger, and what
// the polling trigger emits when polls fail. Against the fake Autoenhance over real HTTP.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { runPoll, startWebhookHost } from '../harness/index.mjs';
import { photo, photoItem, runImage, startFake } from '../support/image-fixtures.mjs';
import { runOrder } from '../support/order-fixtures.mjs';
import { loadNode } from '../support/package.mjs';
import { createOrder, credentialsFor, deliveriesSettled } from '../support/trigger-fixtures.mjs';

const { AutoenhanceTrigger } = loadNode('AutoenhanceTrigger.node.js');
const { AutoenhancePollTrigger } = loadNode('AutoenhancePollTrigger.node.js');
const { carriesToken } = loadNode('trigger/token.js');
// The very module object the compiled node calls into.
const nodeCrypto = createRequire(import.meta.url)('crypto');

const API_KEY = 'ae-live-key-7c1d2f9a4b6e8d0c';
const TOKEN = 'whk-3b8e1f6a9c2d4e7f0a1b';
const QUICK_POLLS = { pollInterval: 0.2 };

let fake;
beforeEach(async () => {
	fake = await startFake({ apiKey: API_KEY, processingMs: 30, mergingMs: 30 });
});
afterEach(async () => await fake.close());

/** Everything a value holds, errors' hidden fields and causes included, as one string. */
const everything = (value) => inspect(value, { depth: Infinity, maxArrayLength: Infinity, maxStringLength: Infinity, getters: true });

/**
 * An error's own fields, stack and cause included, but not `node`: n8n attaches the node with its
 * parameters as the user entered them, so a key typed into a field is the user's own input there.
 */
const errorFields = (error) =>
	Object.fromEntries(Object.getOwnPropertyNames(error).filter((name) => name !== 'node').map((name) => [name, error[name]]));

const offApi = () => fake.requests.filter((request) => request.listener !== 'api');

describe('the API key goes to the API and nowhere else', () => {
	test('not to the upload host, nor to the asset host across a second redirect', async () => {
		fake.setFaults([{ listener: 'asset', kind: 'redirect', times: 2 }]);
		const { output } = await runImage(fake, 'enhance', { options: QUICK_POLLS }, { items: [photoItem('a.jpg'), photoItem('b.jpg')] });

		expect(output[0].every((item) => item.json.status === 'processed')).toBe(true);
		const assets = offApi().filter((request) => request.listener === 'asset');
		expect(assets.map((request) => request.status).sort()).toEqual([200, 200, 302, 302]);
		expect(offApi().filter((request) => request.listener === 'upload')).toHaveLength(2);
		for (const request of offApi()) {
			expect(request.headers['x-api-key']).toBeUndefined();
			expect(request.headers.authorization).toBeUndefined();
			expect(JSON.stringify(request)).not.toContain(API_KEY);
		}
	});

	test('not even to the API host, when a download redirect leads back there', async () => {
		const { output } = await runImage(fake, 'enhance', { download: false, options: QUICK_POLLS }, { items: [photoItem('a.jpg')] });
		const imageId = output[0][0].json.image_id;
		fake.requests.length = 0;
		fake.setFaults([{ listener: 'asset', kind: 'redirect', location: `${fake.apiUrl}/v3/images/${imageId}/enhanced`, times: 1 }]);

		const { error } = await runImage(fake, 'download', { imageId }, { expectError: true });
		const [asset, back] = fake.requests.slice(-2);
		expect(fake.requests.slice(0, -2).every((request) => request.headers['x-api-key'] === API_KEY)).toBe(true);
		expect([asset.listener, asset.status]).toEqual(['asset', 302]);
		expect([back.listener, back.path, back.status]).toEqual(['api', `/v3/images/${imageId}/enhanced`, 401]);
		expect(back.headers['x-api-key']).toBeUndefined();
		expect(error.message).toBe('The image download host did not accept the API key (HTTP 401)');
	});

	test.each([
		['a scheme that is not http(s)', 'file:///etc/passwd', 'The download redirect has no http(s) Location.'],
		['itself, over and over', undefined, 'The download was redirected more than 5 times.'],
	])('a download redirect to %s is not followed', async (_where, location, description) => {
		const { output } = await runImage(fake, 'enhance', { download: false, options: QUICK_POLLS }, { items: [photoItem('a.jpg')] });
		fake.setFaults([{ listener: 'asset', kind: 'redirect', ...(location ? { location } : {}) }]);
		const { error } = await runImage(fake, 'download', { imageId: output[0][0].json.image_id }, { expectError: true });
		expect(error.message).toBe('The image download host answered HTTP 302');
		expect(error.description).toBe(description);
		expect(fake.requests.filter((request) => request.listener === 'asset').length).toBeLessThanOrEqual(6);
	});

	test('never in output, error messages, descriptions, or anything else n8n keeps of a run', async () => {
		const runs = [];
		const keep = (run) => runs.push(run);
		// Successes: JSON and binary metadata of every kind of output.
		keep(await runImage(fake, 'enhance', { options: QUICK_POLLS }, { items: [photoItem('a.jpg')] }));
		keep(await runOrder(fake, 'enhanceHdr', { numberOfBracketsPerImage: 2, options: QUICK_POLLS }, { items: [photoItem('x.jpg'), photoItem('y.jpg')] }));
		keep(await runOrder(fake, 'getAll', { returnAll: true }));
		// Failures, as thrown and as Continue On Fail items; the key itself mapped into an ID field.
		const ids = ['no-such-image', API_KEY, `prefix-${API_KEY}-suffix`];
		const lookups = await runImage(fake, 'get', { imageId: '={{ $json.id }}' }, { items: ids.map((id) => ({ json: { id } })), continueOnFail: true });
		keep(lookups);
		expect(lookups.output[0].map((item) => item.json.error)).toEqual([
			'Image "no-such-image" was not found in Autoenhance (item 0)',
			'Image "[redacted]" was not found in Autoenhance (item 1)',
			'Image "prefix-[redacted]-suffix" was not found in Autoenhance (item 2)',
		]);
		keep(await runImage(fake, 'get', { imageId: API_KEY }, { expectError: true }));
		keep(await runImage(fake, 'create', { imageName: 'a.jpg', settings: { rawSettings: JSON.stringify({ enhance_type: API_KEY }) } }, { expectError: true }));
		keep(await runImage(fake, 'upload', { uploadUrl: `http://127.0.0.1:9/${API_KEY}` }, { items: [photoItem('a.jpg')], expectError: true }));
		keep(await runImage(fake, 'get', { imageId: 'x' }, { credential: { baseUrl: `http://127.0.0.1:9/${API_KEY}` }, expectError: true }));
		fake.setFaults([{ listener: 'api', kind: 'status', status: 503 }]);
		keep(await runImage(fake, 'get', { imageId: 'x' }, { expectError: true }));

		expect(runs.filter((run) => run.error)).toHaveLength(5);
		const kept = runs.map(({ error, ...run }) => ({ ...run, error: error && errorFields(error) }));
		expect(everything(kept)).not.toContain(API_KEY);
	});
});

describe('the Base URL', () => {
	test.each(['file:///etc/passwd', 'ftp://api.autoenhance.ai', 'javascript:alert(1)', 'api.autoenhance.ai', ''])(
		'"%s" is refused before any request is made',
		async (baseUrl) => {
			const { error } = await runImage(fake, 'get', { imageId: 'x' }, { credential: { baseUrl }, expectError: true });
			expect(error.message).toBe(`The Base URL in the Autoenhance credential is not an http(s) URL: "${baseUrl}"`);
			expect(fake.requests).toEqual([]);
		},
	);
});

describe('the webhook token', () => {
	/** Every call the comparison makes into `crypto`, with the sizes it hands over. */
	function cryptoCalls(headerValue) {
		const calls = [];
		const { createHash: realCreateHash, timingSafeEqual: realTimingSafeEqual } = nodeCrypto;
		nodeCrypto.createHash = (algorithm) => {
			const hash = realCreateHash(algorithm);
			const update = hash.update.bind(hash);
			hash.update = (data, encoding) => {
				calls.push({ call: `createHash(${algorithm}).update` });
				return update(data, encoding);
			};
			return hash;
		};
		nodeCrypto.timingSafeEqual = (a, b) => {
			calls.push({ call: 'timingSafeEqual', sizes: [a.length, b.length], compared: [a, b] });
			return realTimingSafeEqual(a, b);
		};
		try {
			return { accepted: carriesToken(headerValue, TOKEN), calls };
		} finally {
			Object.assign(nodeCrypto, { createHash: realCreateHash, timingSafeEqual: realTimingSafeEqual });
		}
	}

	const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();
	const shape = ({ calls }) => calls.map(({ call, sizes }) => (sizes ? `${call}(${sizes})` : call));

	test('is compared in constant time: digests of both sides, the same work however much matches', () => {
		const guesses = [
			TOKEN, // right
			`${TOKEN.slice(0, -1)}x`, // all but the last character right
			`x${TOKEN.slice(1)}`, // all but the first
			'x', // nothing right, much shorter
			'y'.repeat(4096), // nothing right, much longer
			`Bearer ${TOKEN.slice(0, 10)}`, // a right prefix, as a bearer token
		];
		const traces = guesses.map(cryptoCalls);
		expect(traces.map((trace) => trace.accepted)).toEqual([true, false, false, false, false, false]);
		// Whatever the guess, the same calls with the same sizes: the time taken says nothing
		// about how much of it was right.
		for (const trace of traces) expect(shape(trace)).toEqual(shape(traces[0]));
		const comparisons = traces[0].calls.filter(({ call }) => call === 'timingSafeEqual');
		expect(comparisons.length).toBeGreaterThan(0);
		// Only SHA-256 digests are compared, never the texts: for a right guess, both are the token's.
		for (const { sizes, compared } of comparisons) {
			expect(sizes).toEqual([32, 32]);
			expect(compared.some((buffer) => buffer.equals(sha256(TOKEN)))).toBe(true);
		}
	});

	describe('over HTTP', () => {
		let host;
		afterEach(async () => await host?.close());

		async function startTrigger(parameters = {}) {
			host = await startWebhookHost({
				node: new AutoenhanceTrigger(),
				parameters: { events: ['imageEnhanced'], fetchDetails: true, ...parameters },
				...credentialsFor(fake, { webhookToken: TOKEN }),
				activate: true,
			});
		}

		const post = async (body, headers = {}) => {
			const response = await fetch(host.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
			return response.status;
		};

		const imageProcessed = (imageId) => JSON.stringify({ event: 'image_processed', image_id: imageId, error: false, order_id: 'o', order_is_processing: true });

		test('a wrong or missing token is refused before Autoenhance is asked anything', async () => {
			const order = await createOrder(fake, ['a.jpg']);
			await order.finish();
			await startTrigger();
			fake.requests.length = 0;
			const body = imageProcessed(order.imageIds[0]);
			expect(await post(body)).toBe(401);
			expect(await post(body, { authorization: `Bearer ${TOKEN.slice(0, -1)}` })).toBe(401);
			expect(await post(body, { authorization: API_KEY })).toBe(401);
			// Even with a body too large to read: the token is checked first.
			expect(await post(JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }))).toBe(401);
			expect(host.deliveries.every((delivery) => delivery.workflowData === undefined)).toBe(true);
			expect(fake.requests).toEqual([]);
		});

		test('a compressed body that inflates past 1 MB is refused, and nothing starts', async () => {
			await startTrigger();
			const bomb = gzipSync(Buffer.from(JSON.stringify({ event: 'image_processed', image_id: 'i', pad: ' '.repeat(2 * 1024 * 1024) })));
			expect(bomb.length).toBeLessThan(16 * 1024);
			const status = await post(bomb, { authorization: TOKEN, 'content-encoding': 'gzip' });
			expect(status).toBe(413);
			expect(host.deliveries.every((delivery) => delivery.workflowData === undefined)).toBe(true);
		});

		test('a delivery whose fetch fails starts nothing, and its answer holds no secret', async () => {
			await startTrigger();
			await fake.setWebhook({ url: host.url, token: TOKEN });
			fake.setFaults([{ listener: 'api', method: 'GET', path: /^\/v3\/images\//, kind: 'status', status: 403 }]);
			const order = await createOrder(fake, ['a.jpg']);
			await order.finish();
			await deliveriesSettled(fake);
			const delivery = fake.webhookDeliveries.find((d) => d.body.event === 'image_processed');
			expect(delivery.status).toBe(500);
			expect(host.deliveries.every((d) => d.workflowData === undefined)).toBe(true);
			expect(everything(host.deliveries.map(({ error, status }) => ({ error, status })))).not.toContain(API_KEY);
			expect(everything(fake.webhookDeliveries)).not.toContain(API_KEY);
		});
	});
});

describe('the polling trigger, with polls failing at random', () => {
	test('emits every finished order exactly once, whatever failed in between', async () => {
		fake.configure({ maxPerPage: 2 });
		const poll = (staticData) => runPoll({ node: new AutoenhancePollTrigger(), ...credentialsFor(fake), staticData });
		let { staticData } = await poll(undefined);

		const emitted = [];
		const finished = [];
		const failures = [];
		let unfinished = [];
		// Two orders a page: a poll reads several, and any of them can be refused (seeded).
		fake.setFaults([{ listener: 'api', method: 'GET', path: /^\/v3\/orders\/?$/, kind: 'status', status: 403, probability: 0.08 }]);
		for (let round = 0; round < 12; round++) {
			// New orders each round; the ones left unfinished last round finish now.
			for (const order of unfinished) await order.finish();
			finished.push(...unfinished.map((order) => order.orderId));
			const made = [await createOrder(fake, [`r${round}-a.jpg`]), await createOrder(fake, [`r${round}-b.jpg`, `r${round}-c.jpg`])];
			await made[0].finish();
			finished.push(made[0].orderId);
			unfinished = made.slice(1);
			try {
				const result = await poll(staticData);
				staticData = result.staticData;
				emitted.push(...new Set((result.output?.[0] ?? []).map((item) => item.json.order_id)));
			} catch (error) {
				failures.push(error.message);
			}
		}
		fake.clearFaults();
		for (const order of unfinished) await order.finish();
		finished.push(...unfinished.map((order) => order.orderId));
		const last = await poll(staticData);
		emitted.push(...new Set((last.output?.[0] ?? []).map((item) => item.json.order_id)));

		console.log(`polling trigger: 12 polls under faults, ${failures.length} failed; ${emitted.length} orders emitted`);
		expect(failures.some((message) => message.startsWith('Autoenhance refused'))).toBe(true);
		// Some failed half way: on a page after the first, with what came before already read.
		expect(fake.requests.some((request) => request.status === 403 && request.query.offset)).toBe(true);
		expect(emitted.length).toBe(new Set(emitted).size);
		expect([...emitted].sort()).toEqual([...finished].sort());
	});
});

test('files sent to Enhance never leave for any host but the upload host', async () => {
	const item = { json: {}, binary: { data: photo('kitchen.jpg', 4096) } };
	await runImage(fake, 'enhance', { options: QUICK_POLLS }, { items: [item] });
	const carrying = fake.requests.filter((request) => request.bytesIn >= 4096);
	expect(carrying.map((request) => request.listener)).toEqual(['upload']);
});
