/** How one request went, as far as the host's load is concerned. */
export type Outcome =
	/** A usable answer: the host coped. */
	| { kind: 'clean' }
	/** The host asked the client to slow down (HTTP 429 or 503), maybe saying for how long. */
	| { kind: 'pushback'; retryAfterMs?: number }
	/** Says nothing about the host's load (a 404, a broken connection, a 500). */
	| { kind: 'neutral' };

interface Settings {
	/** Never more requests than this in flight, whatever the host's answers. */
	ceiling: number;
	/** Requests in flight before any answer has come back. */
	initial: number;
	/** Waits `ms` (a pause the host asked for). */
	sleep: (ms: number) => Promise<void>;
	now?: () => number;
}

/** An answer that took more than this many times the fastest one seen is not fast. */
const FAST_FACTOR = 2;
/** A cut keeps this share of the window: sharp, as TCP's halving. */
const CUT_TO = 0.5;
/** No pause a host asks for is honoured for longer: the request's own retry gives up by then. */
const MAX_PAUSE_MS = 30_000;

/**
 * How many requests one host gets at a time, learnt from its answers, the way well-behaved
 * clients of unknown rate limits do it (TCP's congestion window; the AWS SDKs' adaptive mode):
 * additive increase, multiplicative decrease.
 *
 * - It starts at `initial` in flight.
 * - Each fast, clean answer while the window is in use adds one request (the window doubles per
 *   round trip) until the host first pushes back; from then on one per round trip.
 * - A push-back halves the window, once for all requests sent before the cut, and a Retry-After
 *   pauses every request to the host for that long.
 * - The window stays between 1 and `ceiling`. Requests start in the order they asked.
 */
export class AdaptiveLimit {
	private window: number;
	private running = 0;
	private readonly waiting: Array<() => void> = [];
	private pausedUntil = 0;
	private waking = false;
	private fastestMs = Infinity;
	private pushedBack = false;
	private lastCutAt = -Infinity;
	private readonly now: () => number;

	constructor(private readonly settings: Settings) {
		this.now = settings.now ?? Date.now;
		this.window = clamp(settings.initial, 1, settings.ceiling);
	}

	/** Requests the host may have in flight now. */
	get size(): number {
		return Math.floor(this.window);
	}

	get inFlight(): number {
		return this.running;
	}

	/** Runs `request` once the host has room for it, then learns from how it went. */
	async run<T>(request: () => Promise<T>, outcomeOf: (result: T) => Outcome): Promise<T> {
		await this.acquire();
		const sentAt = this.now();
		const sentAlongside = this.running;
		let outcome: Outcome = { kind: 'neutral' };
		try {
			const result = await request();
			outcome = outcomeOf(result);
			return result;
		} finally {
			this.running--;
			this.learn(outcome, sentAt, sentAlongside);
			this.startWaiting();
		}
	}

	private learn(outcome: Outcome, sentAt: number, sentAlongside: number): void {
		const now = this.now();
		if (outcome.kind === 'pushback') {
			this.pushedBack = true;
			// Requests sent before the last cut were sent at the old rate: they do not cut again.
			if (sentAt >= this.lastCutAt) {
				this.window = Math.max(1, this.window * CUT_TO);
				this.lastCutAt = now;
			}
			if (outcome.retryAfterMs !== undefined) {
				this.pausedUntil = Math.max(this.pausedUntil, now + Math.min(outcome.retryAfterMs, MAX_PAUSE_MS));
			}
			return;
		}
		if (outcome.kind !== 'clean') return;
		const tookMs = now - sentAt;
		this.fastestMs = Math.min(this.fastestMs, tookMs);
		const fast = tookMs <= FAST_FACTOR * Math.max(this.fastestMs, 1);
		// A window that is not used says nothing about whether a larger one would be.
		const inUse = sentAlongside >= this.window / 2;
		if (!fast || !inUse) return;
		const growth = this.pushedBack ? 1 / this.window : 1;
		this.window = Math.min(this.settings.ceiling, this.window + growth);
	}

	private async acquire(): Promise<void> {
		if (this.waiting.length === 0 && this.hasRoom()) {
			this.running++;
			return;
		}
		const turn = new Promise<void>((resolve) => this.waiting.push(resolve));
		this.startWaiting();
		await turn;
	}

	private hasRoom(): boolean {
		return this.running < this.size && this.now() >= this.pausedUntil;
	}

	private startWaiting(): void {
		while (this.waiting.length > 0 && this.hasRoom()) {
			this.running++;
			this.waiting.shift()?.();
		}
		if (this.waiting.length > 0 && this.now() < this.pausedUntil && !this.waking) void this.wakeAfterPause();
	}

	/** The end of a pause starts the requests waiting for it; none in flight may end meanwhile. */
	private async wakeAfterPause(): Promise<void> {
		this.waking = true;
		try {
			await this.settings.sleep(Math.max(0, this.pausedUntil - this.now()));
		} finally {
			this.waking = false;
			this.startWaiting();
		}
	}
}

function clamp(value: number, least: number, most: number): number {
	return Math.min(most, Math.max(least, Math.floor(value) || least));
}
