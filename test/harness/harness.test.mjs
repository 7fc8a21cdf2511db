// Proves test/harness/ with throwaway nodes against a local HTTP server.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { runNode, runPoll, startWebhookHost, n8nWorkflow } from './index.mjs';

const { NodeOperationError } = n8nWorkflow;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

class EchoApi {
	name = 'echoApi';
	displayName = 'Echo API';
	properties = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		{ displayName: 'Region', name: 'region', type: 'string', default: 'eu' },
	];
	authenticate = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
				authorization: '=Bearer {{$credentials.apiKey}}',
			},
			qs: { region: '={{$credentials.region}}' },
		},
	};
}

/** Sends an item's binary to PUT {baseUrl}{path}, which echoes it, and keeps the answer as `echoed`. */
class EchoNode {
	description = {
		displayName: 'Echo',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'Round-trips a binary through an API',
		defaults: { name: 'Echo' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'echoApi', required: true }],
		properties: [
			{
				displayName: 'Binary Property',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
			},
			{ displayName: 'Path', name: 'path', type: 'string', default: '/echo' },
			{ displayName: 'Label', name: 'label', type: 'string', default: '' },
		],
	};

	async execute() {
		const items = this.getInputData();
		const { baseUrl } = await this.getCredentials('echoApi', 0);
		const output = [];
		for (let i = 0; i < items.length; i++) {
			try {
				const property = this.getNodeParameter('binaryPropertyName', i);
				const binary = this.helpers.assertBinaryData(i, property);
				let body;
				let size;
				if (binary.id) {
					body = await this.helpers.getBinaryStream(binary.id);
					size = (await this.helpers.getBinaryMetadata(binary.id)).fileSize;
				} else {
					body = await this.helpers.getBinaryDataBuffer(i, property);
					size = body.length;
				}
				const response = await this.helpers.httpRequestWithAuthentication.call(this, 'echoApi', {
					method: 'PUT',
					url: `${baseUrl}${this.getNodeParameter('path', i)}`,
					headers: { 'content-type': binary.mimeType, 'content-length': size },
					body,
					encoding: 'stream',
					// following redirects makes n8n-core's HTTP client keep the whole body in memory
					disableFollowRedirect: true,
				});
				const echoed = await this.helpers.prepareBinaryData(
					response,
					binary.fileName,
					binary.mimeType,
				);
				output.push({
					json: { label: this.getNodeParameter('label', i), mode: this.getMode() },
					binary: { ...items[i].binary, echoed },
					pairedItem: { item: i },
				});
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				output.push({ json: { error: error.message }, pairedItem: { item: i } });
			}
		}
		return [output];
	}
}

class HookTrigger {
	description = {
		displayName: 'Hook Trigger',
		name: 'hookTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Starts a workflow on a POST',
		defaults: { name: 'Hook Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'echoApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'hook' }],
		properties: [{ displayName: 'Token', name: 'token', type: 'string', default: '' }],
	};

	webhookMethods = {
		default: {
			async checkExists() {
				return Boolean(this.getWorkflowStaticData('node').registeredUrl);
			},
			async create() {
				this.getWorkflowStaticData('node').registeredUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete() {
				delete this.getWorkflowStaticData('node').registeredUrl;
				return true;
			},
		},
	};

	async webhook() {
		if (this.getHeaderData()['x-token'] !== this.getNodeParameter('token')) {
			this.getResponseObject().status(401).json({ message: 'bad token' });
			return { noWebhookResponse: true };
		}
		const body = this.getBodyData();
		if (body.event === 'ping') return { webhookResponse: 'pong' };
		return { workflowData: [this.helpers.returnJsonArray(body)] };
	}
}

class PollTrigger {
	description = {
		displayName: 'Poll Trigger',
		name: 'pollTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Emits new events',
		polling: true,
		defaults: { name: 'Poll Trigger' },
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'echoApi', required: true }],
		properties: [],
	};

	async poll() {
		const seen = this.getWorkflowStaticData('node');
		const { baseUrl } = await this.getCredentials('echoApi');
		const events = await this.helpers.httpRequestWithAuthentication.call(this, 'echoApi', {
			url: `${baseUrl}/events`,
			json: true,
		});
		if (this.getMode() === 'manual') return [this.helpers.returnJsonArray(events.slice(-1))];
		const fresh = events.filter((event) => event.id > (seen.lastId ?? 0));
		if (fresh.length === 0) return null;
		seen.lastId = Math.max(...fresh.map((event) => event.id));
		return [this.helpers.returnJsonArray(fresh)];
	}
}

const requests = [];
let api;
let credentials;
let scratch;

beforeAll(async () => {
	api = createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		if (req.url.startsWith('/echo')) {
			res.writeHead(200, { 'content-type': req.headers['content-type'] });
			req.pipe(res);
		} else if (req.url.startsWith('/events')) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify([{ id: 1 }, { id: 2 }]));
		} else if (!req.url.startsWith('/hang')) {
			res.writeHead(404).end();
		}
	});
	api.listen(0, '127.0.0.1');
	await once(api, 'listening');
	credentials = { echoApi: { apiKey: 'k-123', baseUrl: `http://127.0.0.1:${api.address().port}` } };
	scratch = await mkdtemp(join(tmpdir(), 'harness-test-'));
});

afterAll(async () => {
	api.closeAllConnections();
	api.close();
	await rm(scratch, { recursive: true, force: true });
});

beforeEach(() => {
	requests.length = 0;
});

const echo = (options) =>
	runNode({ node: new EchoNode(), credentials, credentialTypes: [new EchoApi()], ...options });

const image = (buffer) => ({
	json: { label: 'from input' },
	binary: { data: { buffer, fileName: 'photo.jpg', mimeType: 'image/jpeg' } },
});

describe('runNode', () => {
	test('applies the credential type’s generic authenticate and resolves parameter expressions', async () => {
		const run = await echo({
			parameters: { label: '={{ $json.label }}' },
			items: [image(Buffer.from('x'))],
		});

		expect(requests).toHaveLength(1);
		expect(requests[0].headers['x-api-key']).toBe('k-123');
		expect(requests[0].headers.authorization).toBe('Bearer k-123');
		expect(requests[0].url).toBe('/echo?region=eu');
		expect(run.output[0][0].json).toEqual({ label: 'from input', mode: 'manual' });
		expect(run.output[0][0].pairedItem).toEqual({ item: 0 });
	});

	test.each(['default', 'filesystem'])(
		'round-trips the bytes in %s binary mode',
		async (binaryMode) => {
			const bytes = randomBytes(256 * 1024);
			const run = await echo({ binaryMode, items: [image(bytes)] });

			const [item] = run.output[0];
			// Buffer#equals: toEqual compares large buffers byte by byte, for seconds
			expect((await run.binaryBuffer(item, 'echoed')).equals(bytes)).toBe(true);
			expect((await run.binaryBuffer(item, 'data')).equals(bytes)).toBe(true);
			expect(item.binary.echoed).toMatchObject({ fileName: 'photo.jpg', mimeType: 'image/jpeg' });
			if (binaryMode === 'filesystem') expect(item.binary.echoed.id).toMatch(/^filesystem-v2:/);
			else expect(item.binary.echoed.id).toBeUndefined();
		},
	);

	test('streams a 50 MB binary through filesystem mode', async () => {
		const filePath = join(scratch, 'big.jpg');
		const inputHash = createHash('sha256');
		const file = createWriteStream(filePath);
		for (let i = 0; i < 50; i++) {
			const chunk = randomBytes(1024 * 1024);
			inputHash.update(chunk);
			if (!file.write(chunk)) await once(file, 'drain');
		}
		file.end();
		await once(file, 'finish');

		gc();
		const rssBefore = process.memoryUsage.rss();
		let rssPeak = rssBefore;
		const sampler = setInterval(() => {
			rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
		}, 5);
		const run = await echo({
			binaryMode: 'filesystem',
			items: [
				{ json: {}, binary: { data: { filePath, fileName: 'big.jpg', mimeType: 'image/jpeg' } } },
			],
		}).finally(() => clearInterval(sampler));
		const rssGrowth = (rssPeak - rssBefore) / 2 ** 20;
		process.stdout.write(
			`harness: 50 MB through filesystem mode, peak RSS +${rssGrowth.toFixed(1)} MB\n`,
		);

		const outputHash = createHash('sha256');
		for await (const chunk of await run.binaryStream(run.output[0][0], 'echoed'))
			outputHash.update(chunk);
		expect(outputHash.digest('hex')).toBe(inputHash.digest('hex'));
		expect(run.output[0][0].binary.echoed.bytes).toBe(50 * 2 ** 20);
		expect(rssGrowth).toBeLessThan(25);
	});

	test('reports continueOnFail, and rethrows errors unless expectError is set', async () => {
		const noBinary = [{ json: {} }];

		const run = await echo({ continueOnFail: true, items: noBinary });
		expect(run.output[0]).toEqual([
			{
				json: {
					error:
						"This operation expects the node's input data to contain a binary file 'data', but none was found [item 0]",
				},
				pairedItem: { item: 0 },
			},
		]);

		await expect(echo({ items: noBinary })).rejects.toBeInstanceOf(NodeOperationError);

		const failed = await echo({ items: noBinary, expectError: true });
		expect(failed.error).toBeInstanceOf(NodeOperationError);
		expect(failed.output).toBeUndefined();
	});

	test('passes the abort signal to the request helper', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 100);
		const run = await echo({
			parameters: { path: '/hang' },
			items: [image(Buffer.from('x'))],
			abortSignal: controller.signal,
			expectError: true,
		});
		expect(run.error.message).toMatch(/cancel|abort/i);
	});
});

describe('startWebhookHost', () => {
	const post = (url, body, headers = {}) =>
		fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body,
		});

	test('runs webhook() per request and answers as n8n does', async () => {
		const host = await startWebhookHost({
			node: new HookTrigger(),
			parameters: { token: 't' },
			credentials,
			credentialTypes: [new EchoApi()],
			activate: true,
			payloadSizeMax: 0.001,
		});
		try {
			expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhook\/[\w-]+\/hook$/);
			expect(host.staticData().registeredUrl).toBe(host.url);

			const started = await post(host.url, '{"event":"imageEnhanced"}', { 'x-token': 't' });
			// n8n (2.8, 2.41) answers "onReceived" with the description's responseData, 'firstEntryJson' by default
			expect([started.status, await started.text()]).toEqual([200, 'firstEntryJson']);

			const ping = await post(host.url, '{"event":"ping"}', { 'x-token': 't' });
			expect([ping.status, await ping.text()]).toEqual([200, 'pong']);

			const denied = await post(host.url, '{"event":"imageEnhanced"}', { 'x-token': 'wrong' });
			expect([denied.status, await denied.json()]).toEqual([401, { message: 'bad token' }]);

			const tooLarge = await post(host.url, JSON.stringify({ pad: 'x'.repeat(2000) }), {
				'x-token': 't',
			});
			expect(tooLarge.status).toBe(500);

			const notJson = await post(host.url, '{', { 'x-token': 't' });
			expect(notJson.status).toBe(422);

			expect((await fetch(host.url)).status).toBe(404);

			expect(host.deliveries.map((d) => [d.status, d.workflowData])).toEqual([
				[200, [[{ json: { event: 'imageEnhanced' } }]]],
				[200, undefined],
				[401, undefined],
				[500, undefined],
				[422, undefined],
			]);
		} finally {
			await host.close();
		}
		expect(host.staticData().registeredUrl).toBeUndefined();
	});
});

describe('runPoll', () => {
	const poll = (options) =>
		runPoll({ node: new PollTrigger(), credentials, credentialTypes: [new EchoApi()], ...options });

	test('keeps static data across a restart, and not in manual mode', async () => {
		const first = await poll({});
		expect(first.output).toEqual([[{ json: { id: 1 } }, { json: { id: 2 } }]]);
		expect(first.staticData).toEqual({ lastId: 2 });

		const afterRestart = await poll({ staticData: first.staticData, activation: 'init' });
		expect(afterRestart.output).toBeNull();

		const manual = await poll({ mode: 'manual', staticData: { lastId: 1 } });
		expect(manual.output).toEqual([[{ json: { id: 2 } }]]);
		expect(manual.staticData).toEqual({ lastId: 1 });
		expect(requests.every((r) => r.headers['x-api-key'] === 'k-123')).toBe(true);
	});
});
