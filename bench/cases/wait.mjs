// 4. Wait latency: a photo that takes several seconds to process. Figure: from the moment the
// fake marked it processed (its own record) to the end of the node that outputs the enhanced
// photo, and how many times the status was asked for meanwhile.
import { join } from 'node:path';
import { writeRandomPhoto } from '../lib/files.mjs';
import { assertSucceeded, nodeItems, nodeSpan } from '../lib/n8n-client.mjs';
import { median, seconds, times } from '../lib/stats.mjs';
import { BASELINE_POLL_SECONDS, ENHANCE_PHOTO_CHAIN, ENHANCE_PHOTO_HTTP_CHAIN } from '../workflows.mjs';

const MAX_DELAY_MS = 500;
const MAX_STATUS_REQUESTS = 12;
const PHOTO_BYTES = 256 * 1024;

/** Where each variant's image id is, and which node's end is the output. */
const VARIANTS = {
	ours: { chain: ENHANCE_PHOTO_CHAIN, imageNode: 'Enhance' },
	baseline: { chain: ENHANCE_PHOTO_HTTP_CHAIN, imageNode: 'Create image' },
};

export const waitCase = {
	title: ({ processingMs }) => `4. Wait: a photo that takes ${processingMs / 1000} s to process (delay after processed, status requests)`,
	workflows: { ours: 'enhancePhoto', baseline: 'enhancePhotoHttp' },
	fake: ({ processingMs }) => ({ latencyMs: 0, processingMs, mergingMs: 0 }),

	async prepare({ home }) {
		await writeRandomPhoto(join(home.filesDir, 'bench', 'wait.jpg'), PHOTO_BYTES);
		const input = { body: { file: 'files/bench/wait.jpg' } };
		return { warmUp: input, measured: input };
	},

	async measure({ fake, execute, log }, variant, { body }) {
		await fake.clearRequests();
		const execution = await execute(body);
		assertSucceeded(execution, `wait (${variant})`);
		const { chain, imageNode } = VARIANTS[variant];
		const imageId = nodeItems(execution, imageNode)[0]?.json.image_id;
		if (!imageId) throw new Error(`wait (${variant}): no image_id in the output of "${imageNode}"`);
		const delayMs = nodeSpan(execution, chain).end - (await fake.processedAt(imageId));
		const statusPath = `/v3/images/${imageId}`;
		const statusRequests = (await fake.requests()).filter(
			(request) => request.listener === 'api' && request.method === 'GET' && request.path.replace(/\/$/, '') === statusPath,
		).length;
		log(`wait ${variant}: output ${seconds(delayMs)} after processed, ${statusRequests} status requests`);
		return { delayMs, statusRequests };
	},

	summarize({ ours, baseline }) {
		const figures = (samples) => ({
			delayMs: median(samples.map((sample) => sample.delayMs)),
			statusRequests: median(samples.map((sample) => sample.statusRequests)),
		});
		const [our, their] = [figures(ours), figures(baseline)];
		const text = ({ delayMs, statusRequests }) => `${seconds(delayMs)}, ${statusRequests} status requests`;
		return {
			ours: text(our),
			baseline: `${text(their)} (Wait ${BASELINE_POLL_SECONDS} s loop)`,
			ratio: times(our.delayMs / their.delayMs),
			target: `≤ ${seconds(MAX_DELAY_MS)} and ≤ ${MAX_STATUS_REQUESTS} status requests`,
			pass: our.delayMs <= MAX_DELAY_MS && our.statusRequests <= MAX_STATUS_REQUESTS,
		};
	},
};
