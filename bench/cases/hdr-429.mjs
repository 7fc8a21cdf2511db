// 2c. HDR while the API pushes back: for a few seconds, 30 % of API requests are answered 429
// with Retry-After: 1. Node version 2 (limits that adapt per host) against version 1 with a fixed
// Concurrency of 10, in turns in the same run. Figures: requests answered 429, and the wall time.
import { join } from 'node:path';
import { mkdir, writeFile } from 'node:fs/promises';
import { median, seconds, times } from '../lib/stats.mjs';
import { ENHANCE_HDR_CHAIN } from '../workflows.mjs';
import { drawRuns, formatSize, measureHdr, medianRun, prepareBrackets, storageLatency } from './hdr.mjs';

const SHARE = 0.3;
const RETRY_AFTER_S = 1;
const FIXED = 10;
const TIMELINE_FILE = 'hdr-429-timeline.svg';

const pushBack = ({ latencyMs, episodeMs }) => [
	...storageLatency(latencyMs),
	{ listener: 'api', kind: 'status', status: 429, probability: SHARE, retryAfter: RETRY_AFTER_S, forMs: episodeMs },
];

/** Each bracket registered and uploaded exactly once (a 429 is not acted on), under unique names. */
function assertNothingLostOrDuplicated(records, brackets, variant) {
	const ok = (record) => record.status >= 200 && record.status < 300;
	const registered = records.filter((record) => record.method === 'POST' && /^\/v3\/brackets\/?$/.test(record.path) && ok(record));
	const uploaded = records.filter((record) => record.listener === 'upload' && ok(record));
	const names = new Set(registered.map((record) => record.body?.name));
	if (registered.length !== brackets || uploaded.length !== brackets || names.size !== brackets) {
		throw new Error(
			`hdr 429 (${variant}): ${registered.length} brackets registered (${names.size} names), ${uploaded.length} uploaded; expected ${brackets} each`,
		);
	}
}

export const hdr429Case = {
	title: ({ brackets, bytes, latencyMs, episodeMs }) =>
		`2c. HDR under 429s: ${brackets} brackets of ${formatSize(bytes)}, ${latencyMs} ms latency on every host, ` +
		`${SHARE * 100} % of API requests answered 429 (Retry-After: ${RETRY_AFTER_S}) for ${episodeMs / 1000} s (requests answered 429; wall time)`,
	workflows: { ours: 'enhanceHdr', baseline: 'enhanceHdrFixed10' },
	fake: ({ latencyMs, mergingMs, processingMs }) => ({ latencyMs, mergingMs, processingMs }),
	prepare: prepareBrackets,

	async measure(context, variant, input, size) {
		const run = await measureHdr(context, variant, input, pushBack(size), ENHANCE_HDR_CHAIN);
		assertNothingLostOrDuplicated(run.records, input.brackets, variant);
		const refused = run.records.filter((record) => record.status === 429).length;
		context.log(`hdr 429 ${variant}: ${refused} requests answered 429 in ${seconds(run.ms)}`);
		return { ...run, records: undefined, refused };
	},

	async summarize(samples, size, { outDir }) {
		const figure = (runs) => ({ refused: median(runs.map((run) => run.refused)), ms: median(runs.map((run) => run.ms)) });
		const [our, their] = [figure(samples.ours), figure(samples.baseline)];
		const picture = join(outDir, TIMELINE_FILE);
		await mkdir(outDir, { recursive: true });
		await writeFile(
			picture,
			drawRuns(
				[
					['Autoenhance node, version 2 (adapts per host)', medianRun(samples.ours)],
					[`Autoenhance node, version 1, Concurrency ${FIXED} (fixed)`, medianRun(samples.baseline)],
				],
				undefined,
				hdr429Case.title(size),
			),
		);
		const list = (runs) => runs.map((run) => `${run.refused} in ${seconds(run.ms)}`).join(', ');
		return {
			ours: `${our.refused} answered 429, ${seconds(our.ms)}`,
			baseline: `fixed ${FIXED}: ${their.refused} answered 429, ${seconds(their.ms)}`,
			ratio: times(our.refused / their.refused),
			target: `nothing lost or duplicated, fewer 429s than fixed ${FIXED}`,
			pass: our.refused < their.refused,
			note: `runs (429s, time): version 2: ${list(samples.ours)}; fixed ${FIXED}: ${list(samples.baseline)}. Time lines: ${picture}`,
		};
	},
};
