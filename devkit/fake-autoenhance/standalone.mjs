// `npm run sandbox`: the fake as its own process, on fixed ports.
// FAKE_AUTOENHANCE_PORT (default 5680; upload and asset hosts take the next two, or all are
// random with 0), FAKE_AUTOENHANCE_API_KEY (default sandbox-key),
// FAKE_AUTOENHANCE_PROCESSING_MS (default 3000), FAKE_AUTOENHANCE_MERGING_MS (default 3000),
// FAKE_AUTOENHANCE_SEED (default 1), FAKE_AUTOENHANCE_VARIANTS ("name=reading,…" or
// "leastConvenient", see variants.mjs). Prints one JSON line when listening.
import v8 from 'node:v8';
import vm from 'node:vm';
import { startFakeAutoenhance } from './index.mjs';
import { parseVariants } from './variants.mjs';

function numberFromEnv(name, fallback) {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be an integer ≥ 0, got "${raw}"`);
	return value;
}

/** This process is the fake's alone, so exposing gc (see memory.mjs) affects nothing else. */
function exposedGc() {
	v8.setFlagsFromString('--expose-gc');
	return vm.runInNewContext('gc');
}

const port = numberFromEnv('FAKE_AUTOENHANCE_PORT', 5680);
const fake = await startFakeAutoenhance({
	port,
	uploadPort: port === 0 ? 0 : port + 1,
	assetPort: port === 0 ? 0 : port + 2,
	apiKey: process.env.FAKE_AUTOENHANCE_API_KEY || 'sandbox-key',
	processingMs: numberFromEnv('FAKE_AUTOENHANCE_PROCESSING_MS', 3000),
	mergingMs: numberFromEnv('FAKE_AUTOENHANCE_MERGING_MS', 3000),
	seed: numberFromEnv('FAKE_AUTOENHANCE_SEED', 1),
	variants: parseVariants(process.env.FAKE_AUTOENHANCE_VARIANTS),
	gc: exposedGc(),
});

process.stdout.write(
	`${JSON.stringify({
		apiUrl: fake.apiUrl,
		apiKey: fake.apiKey,
		uploadOrigin: fake.uploadOrigin,
		assetOrigin: fake.assetOrigin,
	})}\n`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		await fake.close();
		process.exit(0);
	});
}
