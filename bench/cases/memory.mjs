// 1. Memory: one big photo enhanced (uploaded, waited for, downloaded). Figure: how far n8n's
// resident memory rises above where it was before the execution. Node code runs in n8n's main
// process (the task runner child only runs Code nodes), so that process is the one measured; the
// runner's growth is logged beside it to show it stays flat.
import { join } from 'node:path';
import { writeRandomPhoto } from '../lib/files.mjs';
import { childPids, measureRss, toMB } from '../../devkit/memory.mjs';
import { assertSucceeded } from '../lib/n8n-client.mjs';
import { megabytes, median, times } from '../lib/stats.mjs';

const MAX_GROWTH_MB = 64;
const MAX_RATIO = 0.5;
/** In the command line of n8n's task-runner children, not of the short commands n8n also runs. */
const TASK_RUNNER = '@n8n/task-runner';

export const memoryCase = {
	title: ({ bytes }) => `1. Memory: enhance one ${Math.round(bytes / 2 ** 20)} MB photo (peak RSS growth)`,
	workflows: { ours: 'enhancePhoto', baseline: 'enhancePhotoHttp' },
	fake: () => ({ latencyMs: 0, processingMs: 200, mergingMs: 0 }),

	async prepare({ home }, { bytes }) {
		await writeRandomPhoto(join(home.filesDir, 'bench', 'memory.jpg'), bytes);
		// Warmed up on the big photo itself: what is measured is the growth of an n8n that has
		// handled one before, as a running instance has, not its heap growing to its working size.
		const input = { body: { file: 'files/bench/memory.jpg' }, bytes };
		return { warmUp: input, measured: input };
	},

	async measure({ n8n, fake, execute, log }, variant, { body, bytes }) {
		await fake.clearRequests();
		const pids = [n8n.pid, ...childPids(n8n.pid, TASK_RUNNER)];
		const { result: execution, processes } = await measureRss(pids, () => execute(body));
		assertSucceeded(execution, `memory (${variant})`);
		await assertWholeFileTravelled(fake, bytes);
		const [main, ...runners] = processes;
		const growth = toMB(main.growth);
		log(
			`memory ${variant}: n8n ${toMB(main.before).toFixed(0)} → ${toMB(main.peak).toFixed(0)} MB (+${growth.toFixed(1)})` +
				runners.map((runner) => `, task runner +${toMB(runner.growth).toFixed(1)} MB`).join(''),
		);
		return growth;
	},

	summarize({ ours, baseline }) {
		const [our, their] = [median(ours), median(baseline)];
		const ratio = our / their;
		return {
			ours: megabytes(our),
			baseline: megabytes(their),
			ratio: times(ratio),
			target: `≤ ${MAX_GROWTH_MB} MB and ≤ ${MAX_RATIO}× HTTP Request`,
			pass: our <= MAX_GROWTH_MB && ratio <= MAX_RATIO,
		};
	},
};

/** The upload and the download each carried the whole file, or the figure would mean nothing. */
async function assertWholeFileTravelled(fake, bytes) {
	const requests = await fake.requests();
	const uploaded = requests.find((request) => request.listener === 'upload' && request.method === 'PUT');
	const downloaded = requests.find((request) => request.listener === 'asset' && request.method === 'GET');
	if (uploaded?.bytesIn !== bytes || !(downloaded?.bytesOut >= bytes)) {
		throw new Error(
			`memory: expected ${bytes} bytes up and down, the fake saw ${uploaded?.bytesIn} up and ${downloaded?.bytesOut} down`,
		);
	}
}
