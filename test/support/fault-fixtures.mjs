// Shared by faults.test.mjs and security.test.mjs: the fault mix the fake injects, and readings
// of the fake's request log (what failed, which attempts belong together, what was accepted).

/** Every path but the image create, `POST /v3/images/`. */
const NOT_IMAGE_CREATE = /^(?!\/v3\/images\/?$)/;
const IMAGE_CREATE = /^\/v3\/images\/?$/;

/**
 * Faults before the request is handled (nothing happened on the server), at `scale` × these
 * chances: 429 with Retry-After 0 or 1 s, 500/502/503, dropped connections, slow bodies.
 * No rule ends more than two requests in a row to the same address, so a request whose
 * attempts all land on one address (every request but the concurrent image creates, which
 * share theirs) always gets through within the retry policy's five attempts.
 */
function beforeHandling(scope, scale) {
	const rule = (kind, probability, extra = {}) => ({ ...scope, kind, probability: probability * scale, maxInARow: 2, ...extra });
	return [
		rule('status', 0.06, { status: 429, retryAfter: 0 }),
		rule('status', 0.02, { status: 429, retryAfter: 1 }),
		rule('status', 0.03, { status: 500 }),
		rule('status', 0.03, { status: 502 }),
		rule('status', 0.03, { status: 503 }),
		rule('drop', 0.05),
		rule('slowBody', 0.08, { delayMs: 150 }),
	];
}

/**
 * Faults after the server acted, where that is what can go wrong: a create or registration whose
 * answer is lost (the client cannot tell whether it happened), and a download cut off halfway.
 */
function afterHandling(scope, scale) {
	const rule = (kind, probability, extra = {}) => ({ ...scope, kind, after: true, probability: probability * scale, maxInARow: 2, ...extra });
	return [
		rule('status', 0.05, { listener: 'api', method: 'POST', status: 503 }),
		rule('drop', 0.04, { listener: 'api', method: 'POST' }),
		rule('drop', 0.06, { listener: 'asset' }),
	];
}

/**
 * The suite's fault mix: about a quarter of all requests on the three hosts. The 50 concurrent
 * image creates share one address, so no per-address limit protects them: they get a third of
 * the rate (a create failing all five attempts then has a chance of about 1 in 10⁵).
 */
export function faultMix() {
	const most = { path: NOT_IMAGE_CREATE };
	const creates = { listener: 'api', method: 'POST', path: IMAGE_CREATE };
	// Whatever the draws, each kind of lost answer happens at least once.
	const once = { after: true, times: 1 };
	return [
		{ ...creates, kind: 'status', status: 503, ...once },
		{ listener: 'api', method: 'POST', path: '/v3/brackets', kind: 'drop', ...once },
		{ listener: 'asset', kind: 'drop', ...once },
		...afterHandling(most, 1),
		...afterHandling(creates, 1 / 3),
		...beforeHandling(most, 1),
		...beforeHandling(creates, 1 / 3),
	];
}

const ENDING = /^(\d{3}|drop|redirect)( after)?$/;

/** A request that did not get its real answer: an error status, a dropped or cut-off connection. */
export const isFailed = (request) => ENDING.test(request.fault ?? '');

const keyOf = (request) => `${request.listener} ${request.method} ${request.path}`;

/**
 * The attempts of each request: consecutive requests to one address, each but the last failed.
 * Addresses that concurrent requests share (the image create) cannot be told apart and are left out.
 */
export function attemptChains(requests) {
	const open = new Map();
	const chains = [];
	for (const request of requests) {
		if (request.listener === 'api' && request.method === 'POST' && IMAGE_CREATE.test(request.path)) continue;
		const key = keyOf(request);
		const chain = open.get(key) ?? [];
		if (chain.length === 0) chains.push(chain);
		chain.push(request);
		if (isFailed(request)) open.set(key, chain);
		else open.delete(key);
	}
	return chains;
}

/** Upload addresses (one per image or bracket) → how many uploads there were accepted. */
function acceptedUploads(requests) {
	const accepted = new Map();
	for (const request of requests) {
		if (request.listener !== 'upload' || request.status !== 200 || isFailed(request)) continue;
		accepted.set(request.path, (accepted.get(request.path) ?? 0) + 1);
	}
	return accepted;
}

const count = (list, predicate) => list.filter(predicate).length;

/** The figures of one run, from the fake's own records, and the line the suite prints. */
export function summarize(fake, label, elapsedMs) {
	const { requests } = fake;
	const stats = fake.stats();
	const faulted = count(requests, (request) => request.fault !== null);
	const failed = count(requests, isFailed);
	const faultsBy = Object.fromEntries(
		['api', 'upload', 'asset'].map((listener) => [listener, count(requests, (r) => r.listener === listener && r.fault !== null)]),
	);
	const acceptedUploadsByPath = acceptedUploads(requests);
	const lostCreateAnswers = count(requests, (r) => r.method === 'POST' && r.fault?.endsWith(' after'));
	const completeDownloads = count(requests, (r) => r.listener === 'asset' && r.status === 200 && !isFailed(r));
	const percent = (n) => `${((100 * n) / requests.length).toFixed(0)}%`;
	const line =
		`${label}: ${requests.length} requests in ${(elapsedMs / 1000).toFixed(1)} s; ` +
		`${stats.faultsInjected} faults injected (${percent(faulted)} of requests: api ${faultsBy.api}, upload ${faultsBy.upload}, asset ${faultsBy.asset}), ` +
		`${failed} failed requests retried or recovered (${percent(failed)}, ${lostCreateAnswers} of them creates whose answer was lost); ` +
		`created ${stats.imagesCreated} images, ${stats.bracketsCreated} brackets, ${stats.ordersCreated} orders; ` +
		`${[...acceptedUploadsByPath.values()].reduce((a, b) => a + b, 0)} uploads accepted; ` +
		`${completeDownloads} downloads complete`;
	return { line, faulted, failed, faultsBy, acceptedUploadsByPath, lostCreateAnswers, stats };
}
