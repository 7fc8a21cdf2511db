// Reads until a condition holds, at most `cap` times: the first look at once, then ever longer
// pauses (×1.5, up to 30 × the pace), so a short lag is timed finely and a long wait costs few
// requests.

const GROWTH = 1.5;
const LONGEST_PAUSE_IN_PACES = 30;

/**
 * `since`: when the lag being timed began (ms since the epoch). Answers the last value read,
 * whether `done` held, the polls spent and, when it held, after how long it was first seen
 * (0 when the first look already saw it: nothing showed a lag).
 */
export async function pollUntil({ interrupt, paceMs, cap, since = Date.now(), read, done }) {
	let pause = paceMs;
	let value;
	for (let polls = 1; polls <= cap; polls += 1) {
		if (polls > 1) {
			await interrupt.sleep(pause);
			pause = Math.min(pause * GROWTH, paceMs * LONGEST_PAUSE_IN_PACES);
		}
		value = await read();
		if (done(value.json ?? {})) return { value, seen: true, polls, lagMs: polls === 1 ? 0 : value.endedAt - since };
	}
	return { value, seen: false, polls: cap, lagMs: null };
}
