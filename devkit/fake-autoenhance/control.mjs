// Run-time controls, shared by the in-process object and the HTTP control API under
// /__fake/ on the API listener (no API key; requests there are not recorded or faulted).
import { expectedEnhanced } from './assets.mjs';
import { HttpError } from './http.mjs';
import { createRouter, NO_CONTENT } from './router.mjs';
import { DOWNLOAD_QUERY } from './schemas.mjs';
import { t } from './validation.mjs';
import { withVariants } from './variants.mjs';
import { setWebhook } from './webhooks.mjs';

const CONFIGURABLE = [
	'processingMs',
	'processingSpreadMs',
	'orderListingLagMs',
	'mergingMs',
	'mergeStartDelayMs',
	'uploadFlagDelayMs',
	'latencyMs',
	'uploadUrlTtlMs',
	'maxPerPage',
];

export function configure(core, patch = {}) {
	for (const [name, value] of Object.entries(patch)) {
		if (!CONFIGURABLE.includes(name)) throw new TypeError(`configure: unknown option ${name}`);
		const least = name === 'maxPerPage' ? 1 : 0;
		if (!(Number.isFinite(value) && value >= least)) {
			throw new TypeError(`configure: ${name} must be a number ≥ ${least}`);
		}
	}
	Object.assign(core.config, patch);
	return Object.fromEntries(CONFIGURABLE.map((name) => [name, core.config[name]]));
}

export function setVariants(core, patch) {
	core.variants = withVariants(core.variants, patch);
	return { ...core.variants };
}

export function setFaults(core, rules) {
	if (!Array.isArray(rules)) throw new TypeError('fault rules must be an array');
	core.faults.set(rules);
}

export const stats = (core) => ({ ...core.stats, faultsInjected: core.faults.injected });

/** Turns a bad control request (TypeError from the checks above) into a 400. */
const asBadRequest = (handler) => async (ctx) => {
	try {
		return await handler(ctx);
	} catch (error) {
		throw error instanceof TypeError ? new HttpError(400, error.message) : error;
	}
};

const route = (method, path, handler, extra = {}) => ({
	methods: [method],
	path: `/__fake${path}`,
	auth: 'none',
	handler: asBadRequest(handler),
	...extra,
});

const CONTROL_ROUTES = [
	route('POST', '/configure', ({ core, body }) => ({ json: configure(core, body) }), { body: 'any' }),
	route(
		'POST',
		'/faults',
		({ core, body }) => {
			setFaults(core, Array.isArray(body) ? body : body.rules);
			return NO_CONTENT;
		},
		{ body: 'any' },
	),
	route('DELETE', '/faults', ({ core }) => (setFaults(core, []), NO_CONTENT)),
	route('GET', '/variants', ({ core }) => ({ json: core.variants })),
	route('POST', '/variants', ({ core, body }) => ({ json: setVariants(core, body) }), { body: 'any' }),
	route('GET', '/requests', ({ core }) => ({ json: core.requests })),
	route('DELETE', '/requests', ({ core }) => ((core.requests.length = 0), NO_CONTENT)),
	route('GET', '/stats', ({ core }) => ({ json: stats(core) })),
	route('POST', '/webhook', async ({ core, body }) => ({ json: await setWebhook(core, body) }), { body: 'any' }),
	route('GET', '/webhooks', ({ core }) => ({ json: core.webhookDeliveries })),
	route(
		'GET',
		'/images/:id/expected-enhanced',
		({ core, params, query }) => ({
			bytes: expectedEnhanced(core, params.id, query, query.dev_mode === true),
			contentType: 'application/octet-stream',
		}),
		{ query: { ...DOWNLOAD_QUERY, dev_mode: t.boolean() } },
	),
];

/** The listener's `control` hook: a handler for /__fake/ paths, else null. */
export function createControl(core) {
	const handle = createRouter(core, CONTROL_ROUTES, { latency: false });
	return (url) =>
		url.pathname.startsWith('/__fake/')
			? (req, res) => handle(req, res, { url, record: { bytesIn: 0 } })
			: null;
}
