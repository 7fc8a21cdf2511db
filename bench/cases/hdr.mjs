// 2. HDR concurrency: many brackets become one order, with API latency and processing time.
// Figure: wall time of the Autoenhance node, against the HTTP Request chain from its first node's
// start to its last node's end, and against the ideal for the node's concurrency limits.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRandomPhoto } from '../lib/files.mjs';
import { assertSucceeded, nodeItems, nodeSpan } from '../lib/n8n-client.mjs';
import { batchedRounds, countRequests, describeTimeline, formatCounts, formatRounds, timeline } from '../lib/request-log.mjs';
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

/**
 * With `latencyMs` before every request on every host and `concurrency` requests at a time: the
 * order, then rounds of registrations, of uploads, the merge, one status check that sees it done,
 * rounds of download links and of files, and the merge and processing; plus `transfers`, the
 * fake's own transfer time (measured from a plain client).
 */
export function idealEveryHostMs({ brackets, latencyMs, mergingMs, processingMs }, concurrency, transfers = { uploadMs: 0, downloadMs: 0 }) {
	const rounds = (requests) => Math.ceil(requests / concurrency);
	const roundTrips = 1 + 2 * rounds(brackets) + 1 + 1 + 2 * rounds(photosOf(brackets));
	return roundTrips * latencyMs + mergingMs + processingMs + transfers.uploadMs + transfers.downloadMs;
}

export const photosOf = (brackets) => Math.ceil(brackets / BRACKETS_PER_PHOTO);

/** Latency before every request on the hosts besides the API (whose latency the fake adds itself). */
export const storageLatency = (latencyMs) =>
	['upload', 'asset'].map((listener) => ({ listener, kind: 'latency', delayMs: latencyMs }));

/** The ideal of the row with latency on every host counts this many requests a host at a time. */
const EVERY_HOST_CONCURRENCY = 10;
const MAX_OF_EVERY_HOST_IDEAL = 1.3;

/**
 * The rounds of the batched stages in that ideal: registrations and uploads (a request per
 * bracket), download links and files (a request per photo), `concurrency` at a time.
 */
export function idealRounds({ brackets }, concurrency) {
	const rounds = (requests) => Math.ceil(requests / concurrency);
	return 2 * rounds(brackets) + 2 * rounds(photosOf(brackets));
}

/**
 * Case 2 in two rows: latency on the API only (as since the first benchmark, against the ideal
 * for the version 1 limits: `concurrency` of the run), and on every host (the upload and download
 * hosts too, against the ideal for 10 requests a host at a time).
 */
function hdrRow({ everyHost }) {
	const where = everyHost ? 'every host' : 'the API';
	const ideal = (size, concurrency, transfers) =>
		everyHost ? idealEveryHostMs(size, EVERY_HOST_CONCURRENCY, transfers) : idealHdrMs(size, concurrency, transfers);
	const maxOfIdeal = everyHost ? MAX_OF_EVERY_HOST_IDEAL : MAX_OF_IDEAL;
	const rules = (size) => (everyHost ? storageLatency(size.latencyMs) : []);
	const row = {
		title: ({ brackets, bytes, latencyMs, mergingMs, processingMs }) =>
			`2${everyHost ? 'a' : 'b'}. HDR: ${brackets} brackets of ${formatSize(bytes)}, ${latencyMs} ms latency on ${where}, ` +
			`${mergingMs ? `${mergingMs / 1000} s merge, ` : ''}${processingMs / 1000} s processing (wall time)`,
		workflows: { ours: 'enhanceHdr', baseline: 'enhanceHdrHttp' },
		fake: ({ latencyMs, mergingMs, processingMs }) => ({ latencyMs, mergingMs, processingMs }),
		prepare: prepareBrackets,
		calibrate: calibrateTransfers,
		measure: async (context, variant, input, size) => await measureHdr(context, variant, input, rules(size)),

		async summarize(samples, size, { concurrency, calibrations, outDir }) {
			const transfers = medianTransfers(calibrations);
			const [our, their] = [median(samples.ours.map(({ ms }) => ms)), median(samples.baseline.map(({ ms }) => ms))];
			const target = ideal(size, concurrency, transfers);
			const ratio = our / their;
			const photos = photosOf(size.brackets);
			// Times stretch with other load on the machine, and the chain's more than the node's; the
			// rounds of the batched stages do not: a node that sends fewer at a time than the ideal
			// needs more of them, whatever the load.
			const rounds = median(samples.ours.map((run) => run.rounds.total));
			const maxRounds = idealRounds(size, EVERY_HOST_CONCURRENCY);
			const roundsMet = !everyHost || rounds <= maxRounds;
			const typical = { ours: medianRun(samples.ours), baseline: medianRun(samples.baseline) };
			const picture = join(outDir, everyHost ? 'hdr-every-host-timeline.svg' : TIMELINE_FILE);
			await mkdir(outDir, { recursive: true });
			await writeFile(
				picture,
				drawRuns(
					[
						['Autoenhance node (Order › Enhance HDR, version 2)', typical.ours],
						['HTTP Request chain', typical.baseline],
					],
					target,
					row.title(size),
				),
			);
			const limits = everyHost
				? `${EVERY_HOST_CONCURRENCY} requests a host at a time, ${size.latencyMs} ms before each on every host`
				: `${concurrency.api} API requests and ${concurrency.transfers} transfers at a time, ${size.latencyMs} ms a request`;
			const roundsText = (runs) => runs.map((run) => run.rounds.total).join(', ');
			return {
				ours: `${seconds(our)} (${times(our / target)} ideal)${everyHost ? `, ${rounds} rounds` : ''}`,
				baseline: `${seconds(their)} (${times(their / target)} ideal)${everyHost ? `, ${median(samples.baseline.map((run) => run.rounds.total))} rounds` : ''}`,
				ratio: times(ratio),
				target:
					`≤ ${MAX_RATIO}× HTTP Request and ≤ ${maxOfIdeal}× ideal ${seconds(target)}` +
					(everyHost ? `, batched stages in ≤ ${maxRounds} rounds (${EVERY_HOST_CONCURRENCY} a host at a time)` : ''),
				pass: ratio <= MAX_RATIO && our <= maxOfIdeal * target && roundsMet,
				note:
					`ideal: ${limits}, ${size.processingMs / 1000} s processing, and the fake's own transfer time ` +
					`(${size.brackets} brackets in ${seconds(transfers.uploadMs)}, ${photos} photos out in ${seconds(transfers.downloadMs)}).\n` +
					`Runs: node ${samples.ours.map(({ ms }) => seconds(ms)).join(', ')}; chain ${samples.baseline.map(({ ms }) => seconds(ms)).join(', ')}.\n` +
					`Rounds of the batched stages (registrations, uploads, download links, files; each its requests over the most in flight at once): ` +
					`node ${roundsText(samples.ours)}, chain ${roundsText(samples.baseline)}; median run of the node: ${formatRounds(typical.ours.rounds)}.\n` +
					`Median run of the node: ${describeTimeline(typical.ours.spans)}.\n` +
					`Requests in the median run: Autoenhance node: ${formatCounts(typical.ours.counts)}; ` +
					`HTTP Request chain: ${formatCounts(typical.baseline.counts)}. Time lines: ${picture}`,
			};
		},
	};
	return row;
}

export const hdrEveryHostCase = hdrRow({ everyHost: true });
export const hdrCase = hdrRow({ everyHost: false });

export async function prepareBrackets({ home }, { brackets, bytes }) {
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
}

/** The fake's own transfer time for this run's files, from a plain client, without any fault rules. */
export async function calibrateTransfers({ fake, log }, { brackets, bytes }, { concurrency }) {
	await fake.setFaults([]);
	const transfers = await fake.transferTimes({ uploads: brackets, downloads: photosOf(brackets), bytes, concurrency: concurrency.transfers });
	log(`hdr: the fake takes ${brackets} brackets in ${seconds(transfers.uploadMs)}, gives ${photosOf(brackets)} photos in ${seconds(transfers.downloadMs)}`);
	return transfers;
}

export function medianTransfers(calibrations) {
	return {
		uploadMs: median(calibrations.map(({ uploadMs }) => uploadMs)),
		downloadMs: median(calibrations.map(({ downloadMs }) => downloadMs)),
	};
}

/** One run under `rules` (fault rules, set afresh so that each run meets the same sequence). */
export async function measureHdr({ execute, fake, log }, variant, { body, brackets }, rules, chain = CHAINS[variant]) {
	await fake.clearRequests();
	await fake.setFaults(rules);
	let execution;
	try {
		execution = await execute(body);
	} finally {
		await fake.setFaults([]);
	}
	assertSucceeded(execution, `hdr (${variant})`);
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
	const rounds = batchedRounds(spans);
	log(`hdr ${variant}: ${seconds(ms)}; requests: ${formatCounts(counts)}`);
	log(`  ${describeTimeline(spans)}`);
	log(`  ${formatRounds(rounds)}`);
	return { ms, spans, counts, rounds, records, lastProcessedMs: Math.max(...processed) };
}

/** The run whose time is the median (the lower one of the middle two). */
export function medianRun(runs) {
	const sorted = [...runs].sort((a, b) => a.ms - b.ms);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** `runs`: [[title, run]]; each run's time line with the ideal and the end marked. */
export function drawRuns(runs, idealMs, title) {
	const panel = (name, { ms, spans, lastProcessedMs }) => ({
		title: `${name}: ${seconds(ms)}`,
		spans,
		marks: [
			{ at: lastProcessedMs, label: 'last photo processed', colour: '#2a7d2a' },
			...(idealMs ? [{ at: idealMs, label: `ideal ${seconds(idealMs)}`, colour: '#c0392b' }] : []),
			{ at: ms, label: `done ${seconds(ms)}`, colour: '#222' },
		],
	});
	return renderTimelines({
		title,
		subtitle:
			'The median run of each, every request as the fake server logged it (arrival to end of response), from the start of the node or chain; under the lanes, the requests in flight on each host',
		panels: runs.map(([name, run]) => panel(name, run)),
	});
}

export function formatSize(bytes) {
	return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 1024)} KB`;
}
