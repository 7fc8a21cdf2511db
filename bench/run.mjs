#!/usr/bin/env node
// `npm run bench`: the Autoenhance node against n8n's HTTP Request node, in a real n8n, against
// the fake Autoenhance server; prints a table of medians. See bench/README.md.
//   node bench/run.mjs            the full benchmark (about 6 minutes)
//   node bench/run.mjs --smoke    tiny inputs, one run each, targets not enforced (under a minute)
//   node bench/run.mjs --runs=3   fewer (or more) runs per figure than the default 5
//   node bench/run.mjs --case=hdr one case only (memory, hdrEveryHost, hdr, hdr429, overhead, wait
//                                 or orders; several separated by commas)
//   node bench/run.mjs --case=orders --photos=1000   another number of photos for the orders case
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hdrCase, hdrEveryHostCase } from './cases/hdr.mjs';
import { hdr429Case } from './cases/hdr-429.mjs';
import { memoryCase } from './cases/memory.mjs';
import { ordersCase } from './cases/orders.mjs';
import { overheadCase } from './cases/overhead.mjs';
import { waitCase } from './cases/wait.mjs';
import { startEnvironment } from './lib/environment.mjs';
import { defaultConcurrency } from './lib/package.mjs';
import { formatTable } from './lib/table.mjs';
import * as workflows from './workflows.mjs';

const MB = 2 ** 20;

const SIZES = {
	full: {
		memory: { bytes: 256 * MB },
		hdr: { brackets: 30, bytes: 5 * MB, latencyMs: 100, mergingMs: 0, processingMs: 1000 },
		hdrEveryHost: { brackets: 30, bytes: 5 * MB, latencyMs: 100, mergingMs: 1000, processingMs: 1000 },
		hdr429: { brackets: 30, bytes: 5 * MB, latencyMs: 100, mergingMs: 1000, processingMs: 1000, episodeMs: 3000 },
		overhead: { images: 1000 },
		wait: { processingMs: 7000 },
		orders: { photos: 100, latencyMs: 20, processingMs: 2000, processingSpreadMs: 8000 },
	},
	smoke: {
		memory: { bytes: 2 * MB },
		hdr: { brackets: 6, bytes: 100 * 1024, latencyMs: 20, mergingMs: 0, processingMs: 200 },
		hdrEveryHost: { brackets: 6, bytes: 100 * 1024, latencyMs: 20, mergingMs: 100, processingMs: 200 },
		hdr429: { brackets: 6, bytes: 100 * 1024, latencyMs: 20, mergingMs: 100, processingMs: 200, episodeMs: 500 },
		overhead: { images: 20 },
		wait: { processingMs: 1000 },
		orders: { photos: 6, latencyMs: 20, processingMs: 200, processingSpreadMs: 400 },
	},
};

const CASES = [
	{ key: 'memory', ...memoryCase },
	{ key: 'hdrEveryHost', ...hdrEveryHostCase },
	{ key: 'hdr', ...hdrCase },
	{ key: 'hdr429', ...hdr429Case },
	{ key: 'overhead', ...overheadCase },
	{ key: 'wait', ...waitCase },
	{ key: 'orders', ...ordersCase },
];

/** What warm-up runs use: quick, so each workflow's node types are loaded before measuring. */
const WARM_UP_FAKE = { latencyMs: 0, processingMs: 50, processingSpreadMs: 0, mergingMs: 0 };

const { values: args } = parseArgs({
	options: {
		smoke: { type: 'boolean', default: false },
		runs: { type: 'string' },
		case: { type: 'string' },
		photos: { type: 'string' },
	},
});
const smoke = args.smoke;
const runs = Number(args.runs ?? (smoke ? 1 : 5));
const sizes = smoke ? SIZES.smoke : SIZES.full;
if (args.photos) sizes.orders.photos = Number(args.photos);
const concurrency = defaultConcurrency();
/** Where pictures of a run go: beside this file for a full run, out of the repository for a smoke run. */
const outDir = smoke ? join(tmpdir(), 'autoenhance-bench-smoke') : fileURLToPath(new URL('results', import.meta.url));

const startedAt = Date.now();
const log = (message) => console.log(`[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${message}`);

/**
 * Runs each workflow once to warm it up (node types load on first use, and n8n's heap grows to
 * its working size), then measures ours and the baseline in turns, in the same long-running n8n.
 */
async function runCase(environment, benchCase) {
	const size = sizes[benchCase.key];
	log(benchCase.title(size));
	await environment.fake.configure(WARM_UP_FAKE);
	const context = { ...environment, log };
	const inputs = await benchCase.prepare(context, size);
	const measure = (variant, input) =>
		benchCase.measure(
			{ ...context, execute: (body) => environment.run(benchCase.workflows[variant], body) },
			variant,
			input,
			size,
		);
	const variants = benchCase.variants ?? ['ours', 'baseline'];
	if (!smoke) {
		for (const variant of variants) await measure(variant, inputs.warmUp);
	}
	await environment.fake.configure(benchCase.fake(size));
	const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
	const calibrations = [];
	for (let run = 0; run < runs; run++) {
		// Right before each pair, so that what a case calibrates matches the machine during its runs.
		if (benchCase.calibrate) calibrations.push(await benchCase.calibrate(context, size, { concurrency }));
		for (const variant of variants) samples[variant].push(await measure(variant, inputs.measured));
	}
	return {
		case: benchCase.title(size),
		...(await benchCase.summarize(samples, size, { concurrency, calibrations, outDir })),
	};
}

const environment = await startEnvironment(
	(fake) => ({
		enhancePhoto: workflows.enhancePhoto(),
		enhancePhotoHttp: workflows.enhancePhotoWithHttpRequests(fake.apiUrl),
		enhanceHdr: workflows.enhanceHdr(),
		enhanceHdrFixed10: workflows.enhanceHdr({ fixedConcurrency: 10 }),
		enhanceHdrHttp: workflows.enhanceHdrWithHttpRequests(fake.apiUrl),
		getImages: workflows.getImages(),
		getImagesHttp: workflows.getImagesWithHttpRequests(fake.apiUrl),
		enhancePhotosV2: workflows.enhancePhotos({ typeVersion: 2 }),
		enhancePhotosV1: workflows.enhancePhotos({ typeVersion: 1 }),
		enhancePhotosHttp: workflows.enhancePhotosWithHttpRequests(fake.apiUrl),
	}),
	log,
);
const rows = [];
try {
	for (const benchCase of CASES.filter((entry) => !args.case || args.case.split(',').includes(entry.key))) {
		rows.push(await runCase(environment, benchCase));
	}
} catch (error) {
	console.error(error);
	process.exitCode = 1;
} finally {
	await environment.stop();
}

if (!process.exitCode) {
	const mode = smoke ? 'smoke run (tiny inputs, targets not enforced)' : `medians of ${runs} runs`;
	console.log(`\nAutoenhance node vs n8n's HTTP Request node, ${mode}; ${((Date.now() - startedAt) / 1000).toFixed(0)} s in all\n`);
	console.log(formatTable(rows, { enforce: !smoke }));
	for (const row of rows.filter((row) => row.note)) console.log(`\n${row.case.split(':')[0]}: ${row.note}`);
	if (!smoke && rows.some((row) => !row.pass)) process.exitCode = 1;
}
