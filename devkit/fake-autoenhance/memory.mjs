// Streaming 50 MB through any Node server leaves ~25 MB of dead chunk copies until V8's
// external-memory heuristic gets round to them (a bare req.pipe(fs.createWriteStream())
// grows its RSS by ~27 MB). With a gc function (option `gc`, or `node --expose-gc`), the fake
// runs a cheap young-generation collection every few MB it streams, so its own footprint
// stays small and out of the way of memory measurements of the client next to it.
const RELIEF_EVERY_BYTES = 4 * 1024 * 1024;

/** Returns `relieve(bytes)`: call with each streamed chunk's length; a no-op without gc. */
export function createMemoryRelief(gc) {
	if (typeof gc !== 'function') return () => {};
	let streamed = 0;
	return (bytes) => {
		streamed += bytes;
		if (streamed < RELIEF_EVERY_BYTES) return;
		streamed = 0;
		gc({ type: 'minor' });
	};
}
