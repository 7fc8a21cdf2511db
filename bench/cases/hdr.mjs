// 2. HDR concurrency: many brackets become one order, with API latency and processing time.
// Figure: wall time of the Autoenhance node, against the HTTP Request chain from its first node's
// start to its last node's end, and against the ideal for the node's concurrency limit.
import { join } from 'node:path';
import { writeRandomFile } from '../lib/files.mjs';
import { assertSucceeded, nodeItems, nodeSpan } from '../lib/n8n-client.mjs';
import { median, seconds, times } from '../lib/stats.mjs';
import { ENHANCE_HDR_CHAIN, ENHANCE_HDR_HTTP_CHAIN } from '../workflows.mjs';

const MAX_RATIO = 0.8;
const MAX_OF_IDEAL = 1.3;
/** The fake's automatic grouping without capture metadata: three brackets a photo. */
const BRACKETS_PER_PHOTO = 3;

const CHAINS = { ours: ENHANCE_HDR_CHAIN, baseline: ENHANCE_HDR_HTTP_CHAIN };

/**
 * The least time the job can take with `concurrency` requests at a time: create the order;
 * register the brackets and upload them; start the merge; merge and process; one status check
 * that sees it done; download the photos. Registrations and downloads cost a round trip each,
 * `concurrency` at a time; the bytes cost what the fake takes to receive and send them
 * (`transfers`, measured from a plain client; omit them to count transfers as instant).
 */
export function idealHdrMs({ brackets, latencyMs, mergingMs, processingMs }, concurrency, transfers = { uploadMs: 0, downloadMs: 0 }) {
	const roundTrips = (requests) => Math.ceil(requests / concurrency) * latencyMs;
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

	async prepare({ home, fake, log }, { brackets, bytes }, { concurrency, runs }) {
		const write = (folder, count, size) =>
			Promise.all(
				Array.from({ length: count }, (_, index) =>
					writeRandomFile(join(home.filesDir, 'bench', folder, `bracket-${String(index + 1).padStart(2, '0')}.jpg`), size),
				),
			);
		await write('hdr', brackets, bytes);
		await write('hdr-warm-up', BRACKETS_PER_PHOTO, 16 * 1024);
		const calibrations = [];
		for (let run = 0; run < runs; run++) {
			calibrations.push(await fake.transferTimes({ uploads: brackets, downloads: photosOf(brackets), bytes, concurrency }));
		}
		const transfers = {
			uploadMs: median(calibrations.map(({ uploadMs }) => uploadMs)),
			downloadMs: median(calibrations.map(({ downloadMs }) => downloadMs)),
		};
		log(`hdr: the fake takes ${brackets} brackets in ${seconds(transfers.uploadMs)}, gives ${photosOf(brackets)} photos in ${seconds(transfers.downloadMs)}`);
		return {
			warmUp: { body: { files: 'files/bench/hdr-warm-up/*.jpg' }, brackets: BRACKETS_PER_PHOTO },
			measured: { body: { files: 'files/bench/hdr/*.jpg' }, brackets },
			transfers,
		};
	},

	async measure({ execute, log }, variant, { body, brackets }) {
		const execution = await execute(body);
		assertSucceeded(execution, `hdr (${variant})`);
		const chain = CHAINS[variant];
		const photos = nodeItems(execution, chain.at(-1)).filter((item) => item.binary?.data);
		const expected = photosOf(brackets);
		if (photos.length !== expected) {
			throw new Error(`hdr (${variant}): ${photos.length} photos downloaded, expected ${expected}`);
		}
		const { ms } = nodeSpan(execution, chain);
		log(`hdr ${variant}: ${seconds(ms)}`);
		return ms;
	},

	summarize({ ours, baseline }, size, { concurrency, inputs: { transfers } }) {
		const [our, their] = [median(ours), median(baseline)];
		const ideal = idealHdrMs(size, concurrency, transfers);
		const ratio = our / their;
		const photos = photosOf(size.brackets);
		const outOfReach =
			MAX_RATIO * their < ideal
				? `; ${MAX_RATIO}× the HTTP Request chain is ${seconds(MAX_RATIO * their)}, below this ideal: out of reach`
				: '';
		return {
			ours: `${seconds(our)} (${times(our / ideal)} ideal)`,
			baseline: `${seconds(their)} (${times(their / ideal)} ideal)`,
			ratio: times(ratio),
			target: `≤ ${MAX_RATIO}× HTTP Request and ≤ ${MAX_OF_IDEAL}× ideal ${seconds(ideal)}`,
			pass: ratio <= MAX_RATIO && our <= MAX_OF_IDEAL * ideal,
			note:
				`ideal: concurrency ${concurrency}, ${size.latencyMs} ms a request, ${size.processingMs / 1000} s processing, and the ` +
				`fake's own transfer time (${size.brackets} brackets in ${seconds(transfers.uploadMs)}, ${photos} photos out in ` +
				`${seconds(transfers.downloadMs)}); with instant transfers it would be ${seconds(idealHdrMs(size, concurrency))}${outOfReach}`,
		};
	},
};

function formatSize(bytes) {
	return bytes >= 2 ** 20 ? `${Math.round(bytes / 2 ** 20)} MB` : `${Math.round(bytes / 1024)} KB`;
}
