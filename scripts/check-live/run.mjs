// One run of the check: the steps in turn, then the clean-up, whatever happened, then the report.
import { CLEANUP_BUDGET, MAIN_BUDGET, TOTAL_BUDGET } from './budget.mjs';
import { createClient } from './client.mjs';
import { createdRecord } from './created.mjs';
import { Interrupted, watchInterrupts } from './interrupt.mjs';
import { API_VERSION } from './node-contract.mjs';
import { loadPhotos } from './photos.mjs';
import { buildReport } from './report.mjs';
import { checkAccountVersion } from './steps/account-version.mjs';
import { cleanUp } from './steps/cleanup.mjs';
import { checkHdr } from './steps/hdr.mjs';
import { checkSlashInImageName } from './steps/names.mjs';
import { checkOrderList } from './steps/order-list.mjs';
import { checkSingleImage } from './steps/single-image.mjs';

const STEPS = [
	['one photo: order, image, upload, wait, preview download, reprocess', checkSingleImage],
	["the account's own API version (an image created without x-api-version)", checkAccountVersion],
	['an image name with "/"', (ctx) => checkSlashInImageName(ctx, ctx.raw.photoOrderId)],
	['HDR: order, three brackets, upload flags, /process, merge', checkHdr],
	['two pages of GET /v3/orders/', checkOrderList],
];

export async function runCheck({ baseUrl, apiKey, paceMs, write }) {
	const created = createdRecord();
	const leftBehind = () => ['image', 'bracket', 'order'].map((kind) => `${kind}s ${created.live(kind).join(', ') || '—'}`).join('; ');
	const interrupt = watchInterrupts({
		onSecond: (signal) => {
			write(`${signal} again: leaving without clean-up. Left: ${leftBehind()}\n`);
			process.exit(130);
		},
	});
	const client = createClient({ baseUrl, apiKey, apiVersion: API_VERSION, paceMs, interrupt });
	const raw = { imageStatuses: new Set() };
	const startedAt = new Date().toISOString();
	const label = `check-live-${startedAt.replace(/[:.]/g, '-')}`;
	const ctx = { client, created, raw, interrupt, paceMs, baseUrl, label, photos: await loadPhotos() };
	const run = { startedAt, baseUrl, apiVersion: API_VERSION, outcome: 'completed' };

	write(`Request budget: at most ${TOTAL_BUDGET} requests (${MAIN_BUDGET} for the checks, ${CLEANUP_BUDGET} kept for the clean-up), one at a time, at least ${paceMs} ms apart.\n`);
	write(`Every API request: x-dev-mode: true, x-api-version: ${API_VERSION} (one create without it, to see the account's own).\n`);
	try {
		for (const [what, step] of STEPS) {
			write(`- ${what}\n`);
			await step(ctx);
		}
	} catch (error) {
		run.outcome = error instanceof Interrupted ? 'interrupted' : 'failed';
		if (!(error instanceof Interrupted)) run.error = error.cause ? `${error.message}: ${error.cause.code ?? error.cause.message}` : error.message;
	}
	write('- clean-up: deleting what this run created\n');
	client.startCleanup();
	const cleanup = await cleanUp(ctx);
	interrupt.dispose();
	return buildReport({ raw, run, cleanup, requests: { budget: TOTAL_BUDGET, made: client.made, paceMs } });
}
