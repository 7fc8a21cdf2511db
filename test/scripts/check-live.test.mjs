// `npm run check:live` (scripts/check-live/) run against the fake Autoenhance, once for each
// reading of each variant it can observe: it must report that reading, delete all it made, keep
// to its budget and never spend a credit. Also: no key, no start; SIGINT halfway still cleans up.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeAutoenhance } from '../../devkit/fake-autoenhance/index.mjs';
import { apiCall, waitFor } from '../support/fake-http.mjs';
import { loadNode } from '../support/package.mjs';

const { API_VERSION } = loadNode('transport/apiVersion.js');

const script = fileURLToPath(new URL('../../scripts/check-live/index.mjs', import.meta.url));
const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
const HISTORY = 7;

/** Runs the CLI; `whenRunning(child)` may signal it. Resolves exit code, output and the JSON report. */
async function checkLive(fake, { key = fake.apiKey, whenRunning } = {}) {
	const dir = await mkdtemp(join(tmpdir(), 'check-live-'));
	const reportFile = join(dir, 'report.json');
	const env = { ...process.env, AUTOENHANCE_BASE_URL: fake.apiUrl, AUTOENHANCE_API_KEY: key ?? '' };
	const child = spawn(process.execPath, [script, '--json', reportFile, '--pace-ms', '5'], { env });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
	await whenRunning?.(child);
	const code = await exited;
	const report = await readFile(reportFile, 'utf8').then(JSON.parse, () => null);
	await rm(dir, { recursive: true, force: true });
	return { code, output, report };
}

/** A fake with an account's history: earlier orders, created some milliseconds apart. */
async function fakeWithHistory(variants) {
	const fake = await startFakeAutoenhance({ variants, processingMs: 20, mergingMs: 20, mergeStartDelayMs: 300, uploadFlagDelayMs: 300 });
	for (let n = 0; n < HISTORY; n += 1) {
		await apiCall(fake, '/v3/orders/', { method: 'POST', body: { name: `earlier ${n}` } });
		await new Promise((resolve) => setTimeout(resolve, 3));
	}
	return { fake, history: new Set(fake.orders.keys()), before: fake.requests.length };
}

const live = (map) => [...map.values()].filter((object) => !object.is_deleted);

function expectCleanedUp({ fake, history }, report) {
	expect(report.cleanup).toMatchObject({ complete: true, failed: [] });
	expect(live(fake.images)).toEqual([]);
	expect(live(fake.brackets)).toEqual([]);
	expect(live(fake.orders).map((order) => order.order_id).sort()).toEqual([...history].sort());
}

function expectWithinBudgetAndFree({ fake, before }, report) {
	const requests = fake.requests.slice(before);
	expect(requests.length).toBe(report.requests.made);
	expect(requests.length).toBeLessThanOrEqual(report.requests.budget);
	expect(fake.stats().charges).toBe(0);
	const api = requests.filter((request) => request.listener === 'api');
	expect(api.every((request) => request.headers['x-dev-mode'] === 'true')).toBe(true);
	expect(api.filter((request) => request.headers['x-api-version'] !== API_VERSION)).toHaveLength(1);
	expect(requests.filter((request) => request.listener !== 'api' && request.headers['x-api-key'])).toEqual([]);
	expect(api.filter((request) => request.query?.preview === 'false' || request.query?.preview === false)).toEqual([]);
}

/** variant → reading → [report key, what it must say]. */
const EXPECTED = {
	orderList: { newestFirst: ['listOrder', 'newest'], oldestFirst: ['listOrder', 'oldest'], unordered: ['listOrder', 'other'] },
	download: { redirect: ['downloadBody', 'redirect'], bytes: ['downloadBody', 'bytes'], json: ['downloadBody', 'json'], html: ['downloadBody', 'html'] },
	deletion: { hard: ['softDelete', false], soft: ['softDelete', true] },
	bracketImageId: { unset: ['bracketImageIdBeforeMerge', false], preassigned: ['bracketImageIdBeforeMerge', true] },
	mergeStart: { immediate: ['mergeStartLagMs', 0], delayed: ['mergeStartLagMs', expect.any(Number)] },
	bracketUploadFlag: { immediate: ['uploadFlagLagMs', 0], delayed: ['uploadFlagLagMs', expect.any(Number)] },
	settingEnums: { documented: ['settingEnums', 'accepted'], sdk: ['settingEnums', 'refused'] },
	accountApiVersion: {
		unpinned: ['accountApiVersion', expect.objectContaining({ uploadUrlKey: 's3PutObjectUrl' })],
		'2024-10-01': ['accountApiVersion', expect.objectContaining({ uploadUrlKey: 's3PutObjectUrl' })],
		'2025-08-31': ['accountApiVersion', expect.objectContaining({ uploadUrlKey: 'upload_url' })],
	},
};

/** The fake reading the report must name as matching. */
function matchName(variant, reading) {
	if (variant !== 'accountApiVersion' || reading === 'unpinned') return reading;
	return reading < '2025-05-08' ? 'a date before 2025-05-08' : 'a date from 2025-05-08';
}

const CASES = Object.entries(EXPECTED).flatMap(([variant, readings]) =>
	Object.entries(readings).map(([reading, [key, value]]) => [variant, reading, key, value]),
);

describe.each(CASES)('against the fake with %s = %s', (variant, reading, key, value) => {
	let setup;
	let run;
	beforeAll(async () => {
		setup = await fakeWithHistory({ [variant]: reading });
		run = await checkLive(setup.fake);
	});
	afterAll(() => setup?.fake.close());

	test(`reports ${key}: that reading, and every other reading the fake's default`, () => {
		expect(run.code).toBe(0);
		const entry = run.report.readings.find((candidate) => candidate.key === key);
		expect(entry.observed).toEqual(value);
		expect(entry.matches).toContain(matchName(variant, reading));
		if (reading === 'delayed') expect(entry.observed).toBeGreaterThan(0);
		expect(run.report.unmatched).toEqual([]);
		expect(run.report.notObserved).toEqual([]);
		if (key in run.report) expect(run.report[key]).toEqual(value);
	});

	test('deletes all it made, keeps to its budget, spends nothing, never sends the key elsewhere', () => {
		expectCleanedUp(setup, run.report);
		expectWithinBudgetAndFree(setup, run.report);
	});
});

test('prints its budget first, the one the README states', async () => {
	const setup = await fakeWithHistory({});
	try {
		const run = await checkLive(setup.fake);
		expect(run.output.split('\n')[0]).toContain(`at most ${run.report.requests.budget} requests`);
		expect(await readFile(readme, 'utf8')).toContain(`at most ${run.report.requests.budget}\nrequests`);
	} finally {
		await setup.fake.close();
	}
});

test('refuses to start without AUTOENHANCE_API_KEY, sending nothing', async () => {
	const setup = await fakeWithHistory({});
	try {
		const run = await checkLive(setup.fake, { key: null });
		expect(run.code).toBe(2);
		expect(run.output).toMatch(/needs an Autoenhance API key in AUTOENHANCE_API_KEY/);
		expect(setup.fake.requests.length).toBe(setup.before);
	} finally {
		await setup.fake.close();
	}
});

test('SIGINT halfway (waiting for bracket upload flags) still deletes everything it made', async () => {
	const setup = await fakeWithHistory({ bracketUploadFlag: 'delayed' });
	setup.fake.configure({ uploadFlagDelayMs: 60_000 });
	try {
		const run = await checkLive(setup.fake, {
			whenRunning: async (child) => {
				await waitFor(() => setup.fake.requests.some((request) => /\/brackets$/.test(request.path) && request.method === 'GET'), Boolean, 20_000);
				child.kill('SIGINT');
			},
		});
		expect(run.code).toBe(130);
		expect(run.output).toMatch(/SIGINT: cleaning up/);
		expect(run.report.outcome).toBe('interrupted');
		expect(setup.fake.stats().bracketsCreated).toBeGreaterThan(0);
		expectCleanedUp(setup, run.report);
	} finally {
		await setup.fake.close();
	}
});
