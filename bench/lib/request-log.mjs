// The fake server's request log read as what a client did: each request named by its kind
// (register a bracket, upload, status check…), counted per kind and per host, and laid out as a
// time line relative to a moment (the node's start).

/** The kinds, in the order a job runs them: the lanes of a time line. */
export const KINDS = [
	{ kind: 'create order', host: 'api', method: 'POST', path: /^\/v3\/orders\/?$/ },
	{ kind: 'register', host: 'api', method: 'POST', path: /^\/v3\/(brackets|images)\/?$/ },
	{ kind: 'upload', host: 'upload', method: 'PUT' },
	{ kind: 'process', host: 'api', method: 'POST', path: /^\/v3\/orders\/[^/]+\/(process|merge)\/?$/ },
	{ kind: 'status', host: 'api', method: 'GET', path: /^\/v3\/(orders|images)\/[^/]+\/?$/ },
	{ kind: 'list brackets', host: 'api', method: 'GET', path: /^\/v3\/orders\/[^/]+\/brackets\/?$/ },
	{ kind: 'download: API', host: 'api', method: 'GET', path: /^\/v3\/images\/[^/]+\/(enhanced|original)\/?$/ },
	{ kind: 'download: file', host: 'asset', method: 'GET' },
];

export const HOSTS = { api: 'API', upload: 'upload host', asset: 'download host' };

/** A request record's kind; requests of no known kind are named by method and path. */
export function kindOf({ listener, method, path }) {
	const known = KINDS.find((entry) => entry.host === listener && entry.method === method && (!entry.path || entry.path.test(path)));
	return known?.kind ?? `${listener} ${method} ${path}`;
}

/** { byKind: { kind: n }, byHost: { api: n, upload: n, asset: n } } */
export function countRequests(records) {
	const byKind = {};
	const byHost = {};
	for (const record of records) {
		const kind = kindOf(record);
		byKind[kind] = (byKind[kind] ?? 0) + 1;
		byHost[record.listener] = (byHost[record.listener] ?? 0) + 1;
	}
	return { byKind, byHost };
}

/** "API 45 (create order 1, register 30, …), upload host 30, download host 10" */
export function formatCounts({ byKind, byHost }) {
	const kindsOn = (host) =>
		Object.entries(byKind)
			.filter(([kind]) => (KINDS.find((entry) => entry.kind === kind)?.host ?? kind.split(' ')[0]) === host)
			.map(([kind, count]) => `${kind} ${count}`);
	return Object.entries(byHost)
		.map(([host, count]) => {
			const kinds = kindsOn(host);
			return `${HOSTS[host] ?? host} ${count}${kinds.length > 1 ? ` (${kinds.join(', ')})` : ''}`;
		})
		.join(', ');
}

/**
 * The requests as spans in ms from `origin`, in the order they arrived: [{ kind, start, end }].
 * A request whose response never ended (a dropped connection) ends when it arrived.
 */
export function timeline(records, origin) {
	return records.map((record) => ({
		kind: kindOf(record),
		host: record.listener,
		status: record.status,
		start: record.at - origin,
		end: (record.endedAt ?? record.at) - origin,
	}));
}

/** How many requests were in flight on `host` from each change on: [{ at, count }], by time. */
export function inFlight(spans, host) {
	const changes = spans
		.filter((span) => span.host === host)
		.flatMap((span) => [
			{ at: span.start, by: 1 },
			{ at: span.end, by: -1 },
		])
		.sort((a, b) => a.at - b.at || a.by - b.by);
	let count = 0;
	return changes.map(({ at, by }) => ({ at, count: (count += by) }));
}

/** The most requests of `kind` in flight at once. */
export function peakInFlight(spans, kind) {
	const own = spans.filter((span) => span.kind === kind);
	let peak = 0;
	for (const { count } of inFlight(own, own[0]?.host)) peak = Math.max(peak, count);
	return peak;
}

/** The stages a batch runs side by side (each one request per bracket or per photo): the rounds of a time line. */
export const BATCHED_KINDS = ['register', 'upload', 'download: API', 'download: file'];

/**
 * How many rounds the batched stages took, each counted as its requests over the most of them in
 * flight at once: { total, byKind: { kind: { requests, peak, rounds } } }. Unlike times, this does
 * not stretch when the machine is loaded: 30 registrations 10 at a time are 3 rounds however long
 * each takes.
 */
export function batchedRounds(spans) {
	const byKind = {};
	for (const kind of BATCHED_KINDS) {
		const requests = spans.filter((span) => span.kind === kind).length;
		if (requests === 0) continue;
		const peak = peakInFlight(spans, kind);
		byKind[kind] = { requests, peak, rounds: Math.ceil(requests / peak) };
	}
	return { total: Object.values(byKind).reduce((sum, { rounds }) => sum + rounds, 0), byKind };
}

/** "register 30 at up to 10 at once (3 rounds), …" */
export function formatRounds({ total, byKind }) {
	const kinds = Object.entries(byKind).map(([kind, { requests, peak, rounds }]) => `${kind} ${requests} at up to ${peak} at once (${rounds})`);
	return `${total} rounds: ${kinds.join(', ')}`;
}

/** One line per kind: "upload ×30 0.21–1.43 s", the span from its first start to its last end. */
export function describeTimeline(spans) {
	const kinds = [...new Set(spans.map((span) => span.kind))];
	return kinds
		.map((kind) => {
			const own = spans.filter((span) => span.kind === kind);
			const first = Math.min(...own.map((span) => span.start));
			const last = Math.max(...own.map((span) => span.end));
			return `${kind} ×${own.length} ${(first / 1000).toFixed(2)}–${(last / 1000).toFixed(2)} s`;
		})
		.join('; ');
}
