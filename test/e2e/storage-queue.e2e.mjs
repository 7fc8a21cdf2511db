// Queue mode with n8n's own storage nodes: the Google Drive and Dropbox examples as shipped
// (credentials and Drive's two folders filled in) against the local stand-ins, files kept in
// PostgreSQL (database binary mode), executions run on a worker. The Drive Trigger polls from
// main and hands each execution to the worker; the Dropbox example is run from the editor's
// endpoint with manual executions offloaded to workers. Unverified packages are enabled as n8n 3.0
// requires; SSRF protection stays off here (why: beside `env` below), while queue.e2e.mjs runs
// queue mode with it on.
import { loadExamples, prepareExampleHome } from '../../devkit/examples.mjs';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { importCredential, publishWorkflow, setupOwner } from '../../devkit/n8n/index.mjs';
import { UNVERIFIED_PACKAGES_ALLOWED } from '../../devkit/n8n/n8n3-rules.mjs';
import { startQueueCluster, startQueueServices } from '../../devkit/queue/cluster.mjs';
import { startStorageStandIns } from '../../devkit/storage-stand-ins/index.mjs';
import { withStandIns } from '../../devkit/storage-stand-ins/workflows.mjs';
import { sampleFiles } from './examples-fixture.mjs';
import { executionData, finished, listExecutions } from './rest.mjs';
import { afterNextPoll, expectEnhancedInDrive, expectHdrInDropbox, refusedNodeRequests, seedStandIns } from './storage-fixture.mjs';
import { waitUntil } from './wait-until.mjs';

let fake;
let standIns;
let services;
let home;
let cluster;
let cookie;
let folders;
let workflows;

beforeAll(async () => {
	fake = await startFakeAutoenhance({ apiKey: 'e2e-storage-queue-key' });
	standIns = await startStorageStandIns({ expiredGoogleToken: true });
	folders = await seedStandIns(standIns);
	const examples = await loadExamples();
	workflows = {
		drive: withStandIns(examples['google-drive-enhance-images.json'], folders),
		dropbox: withStandIns(examples['dropbox-enhance-hdr.json']),
	};
	services = await startQueueServices();
	// Not SSRF protection: with it on, both runs fail here. n8n looks a request's hostname up in DNS
	// before sending it, through a proxy and for an allowed hostname too (@n8n/backend-network's
	// lookupAndValidate), and the stand-ins' Google and Dropbox names have no DNS on a test machine.
	const env = { ...services.env, ...UNVERIFIED_PACKAGES_ALLOWED, ...standIns.env };
	home = await prepareExampleHome(fake, { workflows: Object.values(workflows), env });
	for (const credential of standIns.credentials) await importCredential(home, credential);
	await publishWorkflow(home, workflows.drive.id);
	cluster = await startQueueCluster(home, { workers: 1 });
	({ cookie } = await setupOwner(cluster.main.url));
}, 600_000);

afterAll(async () => {
	await cluster?.stop();
	await services?.stop();
	await standIns?.close();
	await fake?.close();
	await home?.remove();
});

afterEach(() => expect(refusedNodeRequests(standIns)).toEqual([]));

const manualTrigger = (workflow) => workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger').name;

async function ranOnWorker(workflowId) {
	const [execution] = await waitUntil(async () => {
		const list = await listExecutions(cluster.main.url, cookie, workflowId);
		return list.length > 0 && list.every(finished) && list;
	}, `an execution of ${workflowId}`, 180_000);
	expect(execution.status).toBe('success');
	expect(cluster.workers[0].output()).toContain(`Worker started execution ${execution.id} `);
	expect(await executionData(cluster.main.url, cookie, execution.id)).toMatch(/"database:[0-9a-f-]{36}"/);
	return execution;
}

test('Drive: the trigger polls on main, the worker downloads, enhances and uploads byte for byte', async () => {
	await afterNextPoll(standIns);
	const photos = await sampleFiles('photos');
	for (const { name, bytes } of photos) standIns.drive.addFile({ name, mimeType: 'image/jpeg', bytes, parent: folders.watch.id });
	await ranOnWorker(workflows.drive.id);
	expect(standIns.googleOAuth.refreshes.length).toBeGreaterThanOrEqual(1);
	expectEnhancedInDrive(fake, standIns, folders.upload, photos);
}, 300_000);

test('Dropbox: a manual run on the worker lists, downloads, merges and uploads under enhanced/', async () => {
	const response = await fetch(`${cluster.main.url}/rest/workflows/${workflows.dropbox.id}/run`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		// n8n 2.4x takes the trigger to start from; earlier versions take the workflow itself.
		body: JSON.stringify({ workflowData: workflows.dropbox, triggerToStartFrom: { name: manualTrigger(workflows.dropbox) } }),
	});
	expect(response.status).toBe(200);
	await ranOnWorker(workflows.dropbox.id);
	expectHdrInDropbox(fake, standIns, [...fake.images.values()].filter((image) => image.bracket_ids?.length));
}, 300_000);
