// The benchmark's reading of the fake server's request log: kinds, counts per host, time lines
// and their picture.
import { countRequests, describeTimeline, formatCounts, inFlight, kindOf, timeline } from '../lib/request-log.mjs';
import { renderTimelines } from '../lib/timeline-svg.mjs';

const record = (listener, method, path, at, endedAt) => ({ listener, method, path, at, endedAt });

const ORDER = 'f0e1d2c3-0000-4000-8000-000000000001';
const IMAGE = 'a1b2c3d4-0000-4000-8000-000000000002';

const RUN = [
	record('api', 'POST', '/v3/orders/', 1000, 1100),
	record('api', 'POST', '/v3/brackets/', 1100, 1200),
	record('api', 'POST', '/v3/brackets', 1105, 1210),
	record('upload', 'PUT', '/orderid/x/b1.jpg', 1200, 1500),
	record('upload', 'PUT', '/orderid/x/b2.jpg', 1210, 1600),
	record('api', 'POST', `/v3/orders/${ORDER}/process`, 1600, 1700),
	record('api', 'GET', `/v3/orders/${ORDER}`, 1700, 1800),
	record('api', 'GET', `/v3/orders/${ORDER}/brackets`, 2700, 2800),
	record('api', 'GET', `/v3/images/${IMAGE}/enhanced`, 2700, 2800),
	record('asset', 'GET', `/${IMAGE}/enhanced`, 2800, null),
];

test('each request is named by what it does, by host, method and path', () => {
	expect(RUN.map(kindOf)).toEqual([
		'create order',
		'register',
		'register',
		'upload',
		'upload',
		'process',
		'status',
		'list brackets',
		'download: API',
		'download: file',
	]);
	expect(kindOf(record('api', 'DELETE', `/v3/orders/${ORDER}`))).toBe(`api DELETE /v3/orders/${ORDER}`);
});

test('requests are counted per kind and per host', () => {
	const counts = countRequests(RUN);
	expect(counts.byHost).toEqual({ api: 7, upload: 2, asset: 1 });
	expect(counts.byKind).toMatchObject({ register: 2, upload: 2, status: 1 });
	expect(formatCounts(counts)).toBe(
		'API 7 (create order 1, register 2, process 1, status 1, list brackets 1, download: API 1), upload host 2, download host 1',
	);
});

test('a time line is in ms from the origin; a request that never ended ends where it began', () => {
	const spans = timeline(RUN, 1000);
	expect(spans[0]).toMatchObject({ kind: 'create order', host: 'api', start: 0, end: 100 });
	expect(spans.at(-1)).toMatchObject({ kind: 'download: file', host: 'asset', start: 1800, end: 1800 });
	expect(describeTimeline(spans)).toContain('upload ×2 0.20–0.60 s');
});

test('the picture has one bar per request, and overlapping requests stack in their lane', () => {
	const svg = renderTimelines({
		title: 'HDR <case>',
		subtitle: 'one run',
		panels: [{ title: 'ours', spans: timeline(RUN, 1000), marks: [{ at: 900, label: 'processed', colour: 'green' }] }],
	});
	expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svg).toContain('HDR &lt;case&gt;');
	const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="(\d+)"/g)].map(([, x, y]) => ({ x: Number(x), y: Number(y) }));
	expect(bars).toHaveLength(RUN.length);
	const [firstUpload, secondUpload] = bars.slice(3, 5);
	expect(secondUpload.y).toBeGreaterThan(firstUpload.y);
	const [firstRegister, secondRegister] = bars.slice(1, 3);
	expect(secondRegister.y).toBeGreaterThan(firstRegister.y);
});

test('in flight on a host: up at each arrival, down at each end', () => {
	const spans = [
		{ host: 'api', start: 0, end: 100 },
		{ host: 'api', start: 50, end: 150 },
		{ host: 'upload', start: 60, end: 70 },
		{ host: 'api', start: 100, end: 120 },
	];
	expect(inFlight(spans, 'api').map(({ at, count }) => [at, count])).toEqual([
		[0, 1],
		[50, 2],
		[100, 1],
		[100, 2],
		[120, 1],
		[150, 0],
	]);
});
