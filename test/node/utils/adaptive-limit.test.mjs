// The limit per host: grows on fast clean answers, halves and pauses on a push-back, stays
// within 1..ceiling, and a run of the node shares one limit per host.
import { loadNode } from '../../support/package.mjs';

const { AdaptiveLimit } = loadNode('utils/adaptiveLimit.js');

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function limitFor({ ceiling = 20, initial = 10 } = {}) {
	return new AdaptiveLimit({ ceiling, initial, sleep: tick });
}

/** Sends `count` requests that each take `ms` and end with `outcome`; resolves the peak in flight. */
async function burst(limit, count, { ms = 20, outcome = { kind: 'clean' } } = {}) {
	let peak = 0;
	await Promise.all(
		Array.from({ length: count }, () =>
			limit.run(
				async () => {
					peak = Math.max(peak, limit.inFlight);
					await tick(ms);
				},
				() => outcome,
			),
		),
	);
	return peak;
}

test('starts at its initial size and grows on fast clean answers, never past the ceiling', async () => {
	const limit = limitFor({ ceiling: 16, initial: 4 });
	expect(await burst(limit, 4)).toBe(4);
	expect(limit.size).toBe(8);
	await burst(limit, 40);
	expect(limit.size).toBe(16);
	expect(await burst(limit, 40)).toBe(16);
});

test('a 429 halves the window once for the requests sent together, and its Retry-After pauses the host', async () => {
	const limit = limitFor({ ceiling: 20, initial: 10 });
	await burst(limit, 10, { outcome: { kind: 'pushback', retryAfterMs: 300 } });
	expect(limit.size).toBe(5);
	const started = Date.now();
	await burst(limit, 1);
	expect(Date.now() - started).toBeGreaterThanOrEqual(280);
});

test('after a push-back it grows by one per round trip, not one per answer', async () => {
	const limit = limitFor({ ceiling: 20, initial: 8 });
	await burst(limit, 1, { outcome: { kind: 'pushback' } });
	expect(limit.size).toBe(4);
	await burst(limit, 4);
	expect(limit.size).toBe(4);
	await burst(limit, 8);
	expect(limit.size).toBe(6);
});

test('slow answers and answers that say nothing about load leave the window as it is', async () => {
	const limit = limitFor({ ceiling: 20, initial: 4 });
	await burst(limit, 4, { ms: 10 });
	expect(limit.size).toBe(8);
	await burst(limit, 8, { ms: 80 });
	expect(limit.size).toBe(8);
	await burst(limit, 8, { ms: 10, outcome: { kind: 'neutral' } });
	expect(limit.size).toBe(8);
});

test('never below one request, which waits out each pause', async () => {
	const limit = limitFor({ ceiling: 20, initial: 2 });
	const started = Date.now();
	for (let cut = 0; cut < 4; cut++) await burst(limit, 1, { ms: 1, outcome: { kind: 'pushback', retryAfterMs: 50 } });
	expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	expect(limit.size).toBe(1);
	// One alone, then (one round trip at a window of one) two.
	expect(await burst(limit, 3)).toBe(2);
});
