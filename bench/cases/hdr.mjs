// 2. HDR concurrency: many brackets become one order, with API latency and processing time.
// Figure: wall time of the Autoenhance node, against the HTTP Request chain from its first node's
// start to its last node's end, and against the ideal for the node's concurrency limits.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRandomPhoto } from '../lib/files.mjs';
import { assertSucceeded, nodeItems, nodeSpan } from '../lib/n8n-client.mjs';
import { countRequests, describeTimeline, formatCounts, timeline } from '../lib/request-log.mjs';
import { median, seconds, times } from '../lib/stats.mjs';
import { renderTimelines } from '../lib/timeline-svg.mjs';
import { ENHANCE_HDR_CHAIN, ENHANCE_HDR_HTTP_CHAIN } from '../workflows.mjs';

const MAX_RATIO = 1.0;
const MAX_OF_IDEAL = 1.15;
/** Where a run's time lines are drawn, in the output folder. */
const TIMELINE_FILE = 'hdr-timeline.svg';
/** The fake's automatic grouping without capture metadata: three brackets a photo. */
const BRACKETS_PER_PHOTO = 3;

const CHAINS = { ours: ENHANCE_HDR_CHAIN, baseline: ENHANCE_HDR_HTTP_CHAIN };

/**
 * The least time the job can take with `concurrency.api` API requests at a time: create the
 * order; register the brackets and upload them; start the merge; merge and process; one status
 * check that sees it done; download the photos. Registrations and downloads cost an API round trip
 * each, `concurrency.api` at a time; the bytes cost what the fake takes to receive and send them,
 * `concurrency.transfers` at a time (`transfers`, measured from a plain client; omit them to count
 * transfers as instant).
 */
export function idealHdrMs({ brackets, latencyMs, mergingMs, processingMs }, concurrency, transfers = { uploadMs: 0, downloadMs: 0 }) {
	const roundTrips = (requests) => Math.ceil(requests / concurrency.api) * latencyMs;
	const uploading = Math.max(roundTrips(brackets), latencyMs + transfers.uploadMs);
	const downloading = Math.max(roundTrips(photosOf(brackets)), latencyMs + transfers.downloadMs);
	return latencyMs + uploading + latencyMs + mergingMs + processingMs + latencyMs + downloading;
}

const photosOf = (brackets) => Math.ceil(brackets / BRACKETS_PER_PHOTO);

export const hdrCase = {
	title: ({ brackets, bytes, latencyMs, processingMs }) =>
		`2. HDR: ${brackets} brackets of ${formatSize(bytes)}, ${latencyMs} ms latency, ${processingMs / 1000} s processing (wall time)`,
	workflows: { ours: 'enhanceHdr', baseline: 'enhanceHdrHttp' },
	fake: ({ latencyMs, mergingMs, processingMs }) => ({ latencyMs, mergingMs, processingMs }),

	async prepare({ home }, { brackets, bytes }) {
		const write = (folder, count, size) =>
			Promise.all(
				Array.from({ length: count }, (_, index) =>
					writeRandomPhoto(join(home.filesDir, 'bench', folder, `bracket-${String(index + 1).padStart(2, '0')}.jpg`), size),
				),
			);
		await write('hdr', brackets, bytes);
		await write('hdr-warm-up', BRACKETS_PER_PHOTO, 16 * 1024);
		return {
			warmUp: { body: { files: 'files/bench/hdr-warm-up/*.jpg' }, brackets: BRACKETS_PER_PHOTO },
			measured: { body: { files: 'files/bench/hdr/*.jpg' }, brackets },
		};
	},

	/** The fake's own transfer time for this run's files, from a plain client: the ideal counts it. */
	async calibrate({ fake, log }, { brackets, bytes }, { concurrency }) {
		const transfers = await fake.transferTimes({ uploads: brackets, downloads: photosOf(brackets), bytes, concurrency: concurrency.transfers });
		log(`hdr: the fake takes ${brackets} brackets in ${seconds(transfers.uploadMs)}, gives ${photosOf(brackets)} photos in ${seconds(transfers.downloadMs)}`);
		return transfers;
	},

	async measure({ execute, fake, log }, variant, { body, brackets }) {
		await fake.clearRequests();
		const execution = await execute(body);
		assertSucceeded(execution, `hdr (${variant})`);
		const chain = CHAINS[variant];
		const photos = nodeItems(execution, chain.at(-1)).filter((item) => item.binary?.data);
		const expected = photosOf(brackets);
		if (photos.length !== expected) {
			throw new Error(`hdr (${variant}): ${photos.length} photos downloaded, expected ${expected}`);
		}
		const { start, end, ms } = nodeSpan(execution, chain);
		const records = await fake.requests();
		const spans = timeline(records, start);
		const processed = (await fake.processedTimes()).filter((at) => at >= start && at <= end).map((at) => at - start);
		const counts = countRequests(records);
		log(`hdr ${variant}: ${seconds(ms)}; requests: ${formatCounts(counts)}`);
		log(`  ${describeTimeline(spans)}`);
		return { ms, spans, counts, lastProcessedMs: Math.max(...processed) };
	},

	async summarize(samples, size, { concurrency, calibrations, outDir }) {
		const transfers = {
			uploadMs: median(calibrations.map(({ uploadMs }) => uploadMs)),
			downloadMs: median(calibrations.map(({ downloadMs }) => downloadMs)),
		};
		const [ours, baseline] = [samples.ours.map(({ ms }) => ms), samples.baseline.map(({ ms }) => ms)];
		const [our, their] = [median(ours), median(baseline)];
		const ideal = idealHdrMs(size, concurrency, transfers);
		const ratio = our / their;
		const photos = photosOf(size.brackets);
		const outOfReach =
			MAX_RATIO * their < ideal
				? `; ${MAX_RATIO}× the HTTP Request chain is ${seconds(MAX_RATIO * their)}, below this ideal: out of reach`
				: '';
		const typical = { ours: medianRun(samples.ours), baseline: medianRun(samples.baseline) };
		const picture = join(outDir, TIMELINE_FILE);
		await mkdir(outDir, { recursive: true });
		await writeFile(picture, drawRuns(typical, ideal, hdrCase.title(size)));
		return {
			ours: `${seconds(our)} (${times(our / ideal)} ideal)`,
			baseline: `${seconds(their)} (${times(their / ideal)} ideal)`,
			ratio: times(ratio),
			target: `≤ ${MAX_RATIO}× HTTP Request and ≤ ${MAX_OF_IDEAL}× ideal ${seconds(ideal)}`,
			pass: ratio <= MAX_RATIO && our <= MAX_OF_IDEAL * ideal,
			note:
				`ideal: ${concurrency.api} API requests and ${concurrency.transfers} transfers at a time, ${size.latencyMs} ms a request, ${size.processingMs / 1000} s processing, and the ` +
				`fake's own transfer time (${size.brackets} brackets in ${seconds(transfers.uploadMs)}, ${photos} photos out in ` +
				`${seconds(transfers.downloadMs)}); with instant transfers it would be ${seconds(idealHdrMs(size, concurrency))}${outOfReach}.\n` +
				`Requests in the median run: Autoenhance node: ${formatCounts(typical.ours.counts)}; ` +
				`HTTP Request chain: ${formatCounts(typical.baseline.counts)}. Time lines: ${picture}`,
		};
	},
};

/** The run whose time is the median (the lower one of the middle two). */
function medianRun(runs) {
	const sorted = [...runs].sort((a, b) => a.ms - b.ms);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function drawRuns(runs, idealMs, title) {
	const panel = (name, { ms, spans, lastProcessedMs }) => ({
		title: `${name}: ${seconds(ms)}`,
		spans,
		marks: [
			{ at: lastProcessedMs, label: 'last photo processed', colour: '#2a7d2a' },
			{ at: idealMs, label: `ideal ${seconds(idealMs)}`, colour: '#c0392b' },
			{ at: ms, label: `done ${seconds(ms)}`, colour: '#222' },
		],
	});
	return renderTimelines({
		title,
		subtitle: 'The median run of each, every request as the fake server logged it (arrival to end of response), from the start of the node or chain',
		panels: [panel('Autoenhance node (Order › Enhance HDR)', runs.ours), panel('HTTP Request chain', runs.baseline)],
	});
}

function formatSize(bytes) {
	return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 1024)} KB`;
}
