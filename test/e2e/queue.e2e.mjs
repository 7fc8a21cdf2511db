// Queue mode (n8n 2.x): a main process, two workers taking executions from Redis, a webhook
// process, PostgreSQL shared by all and binary data in the database. The polling trigger reports
// once across a restart of main, the examples run on workers, the webhook trigger is answered by
// the webhook process, and a burst of executions spreads over both workers with nothing lost.
// n8n 3.0's announced rules are on (devkit/n8n/n8n3-rules.mjs, and manual executions offloaded).
// The polling test comes first: the trigger reports every order the later tests finish.
import { randomUUID } from 'node:crypto';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { EXAMPLE_CREDENTIAL, publishWorkflow, setupOwner } from '../../devkit/n8n/index.mjs';
import { N8N_3_RULES } from '../../devkit/n8n/n8n3-rules.mjs';
import { peakMemoryMiB, startQueueCluster, startQueueServices } from '../../devkit/queue/cluster.mjs';
import { sampleFiles, writtenFiles } from './examples-fixture.mjs';
import { fakeClient } from './fake-client.mjs';
import { executionData, finished, listExecutions } from './rest.mjs';
import { waitUntil } from './wait-until.mjs';

const WEBHOOK_TOKEN = 'e2e-queue-webhook-token-9d2f';
const BURST = 10;

let fake;
let services;
let home;
let cluster;
let cookie;
let examples;
const started = {}; // example file → its webhook-started copy

/**
 * A copy of a manual example started by a POST to a webhook instead (`n8n execute` does not use
 * queue mode): the same nodes and connections, its trigger node swapped in place.
 */
function startedByWebhook(workflow) {
	const path = `queue-${workflow.id}`;
	const nodes = workflow.nodes.map((node) =>
		node.type === 'n8n-nodes-base.manualTrigger'
			? { ...node, type: 'n8n-nodes-base.webhook', typeVersion: 2, webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, options: {} } }
			: node,
	);
	return { ...workflow, id: `Q${workflow.id.slice(1)}`, name: `${workflow.name} (webhook)`, nodes, path };
}

/** Autoenhance Polling Trigger on the order list, once a minute: n8n 2.4x refuses a shorter poll. */
function pollingWorkflow() {
	return {
		id: 'QueuePollOrders1',
		name: 'Queue mode: poll finished orders',
		nodes: [
			{
				id: 'poll',
				name: 'Finished orders',
				type: 'n8n-nodes-autoenhance.autoenhancePollTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { pollTimes: { item: [{ mode: 'custom', cronExpression: '0 * * * * *' }] } },
				credentials: { autoenhanceApi: { id: EXAMPLE_CREDENTIAL.id, name: EXAMPLE_CREDENTIAL.name } },
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

async function signIn() {
	({ cookie } = await setupOwner(cluster.main.url));
}

/** Starts a webhook-started workflow through the webhook process; resolves when n8n took it. */
async function trigger(workflow) {
	const response = await fetch(`${cluster.webhook.url}/webhook/${workflow.path}`, { method: 'POST' });
	expect(response.status).toBe(200);
}

/** Waits until a workflow has `count` executions, all ended; resolves them. */
function executionsOf(workflowId, count) {
	return waitUntil(async () => {
		const list = await listExecutions(cluster.main.url, cookie, workflowId);
		return list.length >= count && list.every(finished) && list;
	}, `${count} execution(s) of ${workflowId}`, 180_000);
}

/** The worker whose log says it ran an execution (n8n logs "Worker started execution <id>"). */
function workersThatRan(executionId) {
	return cluster.workers.filter((worker) => worker.output().includes(`Worker started execution ${executionId} `));
}

const imagesOfOrder = (orderId) => [...fake.images.values()].filter((image) => image.order_id === orderId && !image.is_bracket);

const newImages = (before) => [...fake.images.values()].filter((image) => !before.has(image.image_id) && !image.is_bracket);

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-queue-api-key' });
	examples = await loadExamples();
	for (const file of ['enhance-photos.json', 'enhance-hdr-brackets.json', 'hdr-step-by-step.json']) {
		started[file] = startedByWebhook(examples[file]);
	}
	services = await startQueueServices();
	const trigger = examples['trigger-save-finished-orders.json'];
	const workflows = [...Object.values(started), trigger, pollingWorkflow()];
	home = await prepareExampleHome(fake, { workflows, webhookToken: WEBHOOK_TOKEN, env: { ...services.env, ...N8N_3_RULES } });
	for (const workflow of workflows) await publishWorkflow(home, workflow.id);
	cluster = await startQueueCluster(home, { workers: 2 });
	await signIn();
}, 600_000);

afterAll(async () => {
	if (cluster) {
		for (const [index, worker] of cluster.workers.entries()) {
			console.log(`queue mode: worker ${index + 1} peak memory ${await peakMemoryMiB(worker.pid)} MiB`);
		}
	}
	await cluster?.stop();
	await services?.stop();
	await fake?.close();
	await home?.remove();
});

test('the polling trigger reports a finished order exactly once, its state kept across a restart of main', async () => {
	const workflowId = pollingWorkflow().id;
	const orderLists = () => fake.requests.filter((request) => request.method === 'GET' && /^\/v3\/orders\/?$/.test(request.path)).length;
	// The first poll only records where the order list stands: orders finished before it are history.
	await waitUntil(() => orderLists() >= 1, 'the first poll', 90_000);
	await cluster.main.stop();

	// Finished while main (the only process that polls) is down: only a kept state knows it is new.
	const order = await fakeClient(fake).mergeHdrOrder({ name: 'Queue polled order', brackets: await sampleFiles('brackets'), perImage: 3 });
	await waitUntil(() => {
		const images = imagesOfOrder(order.order_id);
		return !fake.orders.get(order.order_id).is_merging && images.length === 2 && images.every((image) => image.status === 'processed');
	}, 'the order to finish');

	await cluster.restartMain();
	await signIn();
	const [execution] = await executionsOf(workflowId, 1);
	expect(execution.status).toBe('success');
	expect(await executionData(cluster.main.url, cookie, execution.id)).toContain(order.order_id);
	const polls = orderLists();
	await waitUntil(() => orderLists() >= polls + 1, 'one more poll', 90_000);
	expect(await listExecutions(cluster.main.url, cookie, workflowId)).toHaveLength(1);
}, 400_000);

test('the examples run on a worker, files stored in the database and written byte for byte', async () => {
	const photos = await sampleFiles('photos');
	const brackets = await sampleFiles('brackets');
	for (const [file, folder] of [
		['enhance-photos.json', 'photos'],
		['enhance-hdr-brackets.json', 'hdr'],
		['hdr-step-by-step.json', 'step-by-step'],
	]) {
		const before = new Set(fake.images.keys());
		await trigger(started[file]);
		const [execution] = await executionsOf(started[file].id, 1);
		expect({ file, status: execution.status }).toEqual({ file, status: 'success' });
		expect(workersThatRan(execution.id)).toHaveLength(1);
		// The saved execution refers to its files by database id: `database:<uuid>`, never bytes.
		expect(await executionData(cluster.main.url, cookie, execution.id)).toMatch(/"database:[0-9a-f-]{36}"/);

		const images = newImages(before);
		expect(images).toHaveLength(folder === 'photos' ? photos.length : 2);
		for (const image of images) {
			// What was uploaded is the sample file itself (for HDR, its first bracket).
			const source = image.bracket_ids?.length ? fake.brackets.get(image.bracket_ids[0]).name : image.image_name;
			const sample = [...photos, ...brackets].find((candidate) => candidate.name === source);
			expect(fake.imageBytes(image.image_id).equals(sample.bytes)).toBe(true);
		}
		const written = await writtenFiles(home, folder);
		expect(written.map((entry) => entry.name).sort()).toEqual(images.map((image) => image.image_name).sort());
		for (const image of images) {
			const bytes = written.find((entry) => entry.name === image.image_name).bytes;
			expect(bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
		}
	}
});

test('webhook deliveries are answered by the webhook process and run on a worker', async () => {
	const workflow = examples['trigger-save-finished-orders.json'];
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-autoenhance.autoenhanceTrigger');
	const url = `${cluster.webhook.url}/webhook/${node.webhookId}/autoenhance`;
	await waitUntil(async () => (await fetch(url, { method: 'POST' })).status !== 404, `${url} to be registered`);
	expect((await fake.setWebhook({ url, token: WEBHOOK_TOKEN })).status).toBe(200);

	const order = await fakeClient(fake).mergeHdrOrder({ name: 'Queue webhook order', brackets: await sampleFiles('brackets'), perImage: 3 });
	const [execution] = await executionsOf(workflow.id, 1);
	expect(execution).toMatchObject({ mode: 'webhook', status: 'success' });
	expect(workersThatRan(execution.id)).toHaveLength(1);
	const images = imagesOfOrder(order.order_id);
	const written = await writtenFiles(home, 'trigger');
	expect(written.map((entry) => entry.name).sort()).toEqual(images.map((image) => `${order.order_id}_${image.image_name}`).sort());
	for (const image of images) {
		const bytes = written.find((entry) => entry.name === `${order.order_id}_${image.image_name}`).bytes;
		expect(bytes.equals(fake.expectedEnhanced(image.image_id))).toBe(true);
	}
});

test(`a burst of ${BURST} executions spreads over both workers: every photo enhanced once, none lost`, async () => {
	const workflow = started['enhance-photos.json'];
	const photos = await sampleFiles('photos');
	const before = new Set(fake.images.keys());
	const earlier = (await listExecutions(cluster.main.url, cookie, workflow.id)).length;

	await Promise.all(Array.from({ length: BURST }, () => trigger(workflow)));
	const list = await executionsOf(workflow.id, earlier + BURST);
	expect(list).toHaveLength(earlier + BURST);
	const burst = list.slice(0, BURST);
	expect(burst.map((execution) => execution.status)).toEqual(Array(BURST).fill('success'));
	const ranOn = burst.map((execution) => workersThatRan(execution.id));
	expect(ranOn.every((workers) => workers.length === 1)).toBe(true);
	expect(new Set(ranOn.map(([worker]) => worker.pid)).size).toBe(2);

	const images = newImages(before);
	expect(images).toHaveLength(BURST * photos.length);
	for (const photo of photos) {
		const uploads = images.filter((image) => image.image_name === photo.name);
		expect(uploads).toHaveLength(BURST);
		for (const image of uploads) {
			expect(image.status).toBe('processed');
			expect(fake.imageBytes(image.image_id).equals(photo.bytes)).toBe(true);
		}
	}
});
