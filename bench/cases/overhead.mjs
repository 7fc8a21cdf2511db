// 3. Per-item overhead: Get on many images, no latency, so what is left is the work each node
// does per item. Figure: items per second over the node's wall time.
import { cpuMs } from '../lib/cpu.mjs';
import { assertSucceeded, nodeItems, nodeSpan } from '../lib/n8n-client.mjs';
import { median, times } from '../lib/stats.mjs';
import { GET_IMAGES_CHAIN } from '../workflows.mjs';

const MIN_RATIO = 1.1;
const WARM_UP_IMAGES = 20;

const perSecond = (rate) => `${Math.round(rate)} items/s`;

export const overheadCase = {
	title: ({ images }) => `3. Per-item overhead: Get on ${images} images, no latency (throughput)`,
	workflows: { ours: 'getImages', baseline: 'getImagesHttp' },
	fake: () => ({ latencyMs: 0, processingMs: 200, mergingMs: 0 }),

	async prepare({ fake }, { images }) {
		const ids = await fake.createImages(images);
		const input = (count) => ({ body: { images: ids.slice(0, count).map((image_id) => ({ image_id })) }, count });
		return { warmUp: input(WARM_UP_IMAGES), measured: input(images) };
	},

	async measure({ n8n, execute, log }, variant, { body, count }) {
		const cpuBefore = cpuMs(n8n.pid);
		const execution = await execute(body);
		const cpuPerItem = (cpuMs(n8n.pid) - cpuBefore) / count;
		assertSucceeded(execution, `overhead (${variant})`);
		const fetched = nodeItems(execution, GET_IMAGES_CHAIN.at(-1)).filter((item) => item.json.image_id);
		if (fetched.length !== count) throw new Error(`overhead (${variant}): ${fetched.length} images out, expected ${count}`);
		const rate = count / (nodeSpan(execution, GET_IMAGES_CHAIN).ms / 1000);
		log(`overhead ${variant}: ${perSecond(rate)}, n8n CPU ${cpuPerItem.toFixed(2)} ms per item (whole execution)`);
		return rate;
	},

	summarize({ ours, baseline }) {
		const [our, their] = [median(ours), median(baseline)];
		const ratio = our / their;
		return {
			ours: perSecond(our),
			baseline: perSecond(their),
			ratio: times(ratio),
			target: `≥ ${MIN_RATIO}× HTTP Request`,
			pass: ratio >= MIN_RATIO,
		};
	},
};
