// A fake Autoenhance.ai v3 API on three local listeners: the API, an "S3" upload host and an
// asset host that downloads redirect to. See README.md beside this file.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createAssetHandler, expectedEnhanced } from './assets.mjs';
import { configure, createControl, setFaults, setVariants, stats } from './control.mjs';
import { FaultInjector, mulberry32 } from './faults.mjs';
import { startListener } from './listener.mjs';
import { createMemoryRelief } from './memory.mjs';
import { createRouter } from './router.mjs';
import { bracketRoutes } from './routes-brackets.mjs';
import { downloadRoutes } from './routes-downloads.mjs';
import { imageRoutes } from './routes-images.mjs';
import { orderRoutes } from './routes-orders.mjs';
import { UrlSigner } from './signing.mjs';
import { getImage } from './state.mjs';
import { createStorage } from './storage.mjs';
import { Timers } from './timers.mjs';
import { createUploadHandler } from './uploads.mjs';
import { defaultVariants, withVariants } from './variants.mjs';
import { setWebhook } from './webhooks.mjs';

const API_ROUTES = [...imageRoutes, ...downloadRoutes, ...orderRoutes, ...bracketRoutes];

function createCore(options) {
	return {
		config: {
			apiKey: options.apiKey ?? `fake-${randomBytes(12).toString('hex')}`,
			processingMs: options.processingMs ?? 50,
			// Each processing takes up to this much longer than processingMs, spread evenly.
			processingSpreadMs: options.processingSpreadMs ?? 0,
			// How long the lagging orderImages variant leaves a new image out of its order's list.
			orderListingLagMs: options.orderListingLagMs ?? 2000,
			mergingMs: options.mergingMs ?? 50,
			// How long the delayed mergeStart and bracketUploadFlag variants hold back.
			mergeStartDelayMs: options.mergeStartDelayMs ?? 2000,
			uploadFlagDelayMs: options.uploadFlagDelayMs ?? 2000,
			latencyMs: options.latencyMs ?? 0,
			uploadUrlTtlMs: options.uploadUrlTtlMs ?? 15 * 60 * 1000,
			// The most orders one list page holds, however many are asked for (undocumented; 100 here).
			maxPerPage: options.maxPerPage ?? 100,
		},
		variants: withVariants(defaultVariants(), options.variants),
		listRandom: mulberry32(options.seed ?? 1),
		seq: 0,
		images: new Map(),
		orders: new Map(),
		brackets: new Map(),
		blobs: new Map(), // upload URL path → blob
		requests: [],
		webhook: null,
		webhookDeliveries: [],
		pendingDeliveries: new Set(),
		stats: {
			imagesCreated: 0,
			ordersCreated: 0,
			bracketsCreated: 0,
			uploads: 0,
			downloads: 0,
			charges: 0,
			duplicateCreatesRejected: 0,
		},
		faults: new FaultInjector(options.seed ?? 1),
		signer: new UrlSigner(),
		timers: new Timers(),
		relieveMemory: createMemoryRelief(options.gc ?? globalThis.gc),
		origins: {},
	};
}

/** Starts the listeners in turn; if one cannot listen (port taken), undoes the others. */
async function startListeners(core, specs) {
	const started = [];
	try {
		for (const spec of specs) started.push(await startListener(core, spec));
		return started;
	} catch (error) {
		await Promise.all(started.map((listener) => listener.close()));
		await core.storage.close();
		throw error;
	}
}

/**
 * Starts the fake. Options: apiKey, processingMs, mergingMs, mergeStartDelayMs,
 * uploadFlagDelayMs, latencyMs, seed, storageDir, uploadUrlTtlMs, maxPerPage, variants
 * ({ name: reading }, see variants.mjs), port / uploadPort / assetPort (default 0: any free
 * port), and gc (see memory.mjs; default globalThis.gc, present under `node --expose-gc`).
 */
export async function startFakeAutoenhance(options = {}) {
	const core = createCore(options);
	core.storage = await createStorage(options.storageDir);
	const listeners = await startListeners(core, [
		{ name: 'api', port: options.port, handle: createRouter(core, API_ROUTES), control: createControl(core) },
		{ name: 'upload', port: options.uploadPort, handle: createUploadHandler(core) },
		{ name: 'asset', port: options.assetPort, handle: createAssetHandler(core) },
	]);
	const [api, upload, asset] = listeners.map((listener) => listener.origin);
	Object.assign(core.origins, { api, upload, asset });

	let closing;
	const close = async () => {
		core.timers.clear();
		await Promise.all(listeners.map((listener) => listener.close()));
		await Promise.allSettled([...core.pendingDeliveries]);
		await core.storage.close();
	};

	return {
		apiUrl: api,
		uploadOrigin: upload,
		assetOrigin: asset,
		apiKey: core.config.apiKey,
		requests: core.requests,
		webhookDeliveries: core.webhookDeliveries,
		images: core.images,
		orders: core.orders,
		brackets: core.brackets,
		configure: (patch) => configure(core, patch),
		/** Applies { name: reading } over the current variants (see variants.mjs); returns them all. */
		setVariants: (patch) => setVariants(core, patch),
		get variants() {
			return { ...core.variants };
		},
		setFaults: (rules) => setFaults(core, rules),
		clearFaults: () => setFaults(core, []),
		setWebhook: (webhook) => setWebhook(core, webhook),
		stats: () => stats(core),
		imageBytes(imageId) {
			const { blob } = getImage(core, imageId);
			if (!blob.uploaded) throw new Error(`image ${imageId} has not been uploaded`);
			return readFileSync(blob.path);
		},
		/** Same options as the download query: { format, preview, watermark } (+ devMode). */
		expectedEnhanced: (imageId, { devMode = false, ...query } = {}) =>
			expectedEnhanced(core, imageId, query, devMode),
		close: () => (closing ??= close()),
	};
}
