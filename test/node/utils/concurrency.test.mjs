// The router's item pool: a bound on active items, input order, waits that free their slot.
import { loadNode } from '../../support/package.mjs';

const { mapWithConcurrency } = loadNode('utils/concurrency.js');

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

function tracker() {
	let active = 0;
	const state = { peak: 0, events: [] };
	state.enter = (label) => {
		active++;
		state.peak = Math.max(state.peak, active);
		state.events.push(`start ${label}`);
	};
	state.leave = (label) => {
		active--;
		state.events.push(`end ${label}`);
	};
	return state;
}

test('never more than the limit active, results in input order', async () => {
	const seen = tracker();
	const results = await mapWithConcurrency([30, 5, 20, 1, 10, 2], 2, async (ms, index) => {
		seen.enter(index);
		await tick(ms);
		seen.leave(index);
		return index * 10;
	});
	expect(results).toEqual([0, 10, 20, 30, 40, 50]);
	expect(seen.peak).toBe(2);
});

test('an item waiting inside releasedWhile lets the next one start, and gets its slot back first', async () => {
	const seen = tracker();
	await mapWithConcurrency(['a', 'b', 'c'], 1, async (label, _index, slot) => {
		seen.enter(label);
		if (label === 'a') await slot.releasedWhile(() => tick(10));
		else await tick(30);
		seen.leave(label);
	});
	// b starts while a waits; a's wait ends while b runs, and a goes before c, which was queued first.
	expect(seen.events).toEqual(['start a', 'start b', 'end b', 'end a', 'start c', 'end c']);
});

test('after a failure nothing new starts, and the failure is thrown once running items settle', async () => {
	const started = [];
	const finished = [];
	await expect(
		mapWithConcurrency([0, 1, 2, 3, 4], 2, async (index) => {
			started.push(index);
			if (index === 0) throw new Error('item 0 failed');
			await tick(10);
			finished.push(index);
		}),
	).rejects.toThrow('item 0 failed');
	expect(started).toEqual([0, 1]);
	expect(finished).toEqual([1]);
});
