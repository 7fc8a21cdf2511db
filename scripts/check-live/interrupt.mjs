// Ctrl-C (SIGINT) or SIGTERM stops the checks between two requests, never in the middle of one,
// so every object the API created has been recorded and the clean-up can delete it. A second
// signal leaves at once.

export class Interrupted extends Error {
	constructor() {
		super('interrupted');
	}
}

export function watchInterrupts({ onSecond }) {
	let stopping = false;
	let wake = () => {};
	const stopped = new Promise((resolve) => (wake = resolve));
	const onSignal = (signal) => {
		if (stopping) return onSecond(signal);
		stopping = true;
		process.stderr.write(`\n${signal}: cleaning up what this run created (send it again to leave it as it is)\n`);
		wake();
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	return {
		get stopping() {
			return stopping;
		},
		/** Waits `ms`, or less when a signal comes. */
		sleep: (ms) => Promise.race([new Promise((resolve) => setTimeout(resolve, ms)), stopped]),
		/** Throws Interrupted once a signal came. */
		check() {
			if (stopping) throw new Interrupted();
		},
		dispose() {
			process.off('SIGINT', onSignal);
			process.off('SIGTERM', onSignal);
		},
	};
}
