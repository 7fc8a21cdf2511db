import { sleepUnlessStopped } from '../utils/sleep';

// The fault-injection tests check the retry chains against these limits.
export const RETRY_POLICY = {
	maxAttempts: 5,
	baseDelayMs: 400,
	maxDelayMs: 8_000,
	/** A longer Retry-After than this is not waited for: the error says when to come back instead. */
	maxRetryAfterMs: 30_000,
	/** No retry starts once this much time has gone by since the first attempt. */
	totalBudgetMs: 90_000,
};

/** What one attempt ended with, when it did not end with a usable response. */
export type Failure =
	| { kind: 'http'; statusCode: number; body: unknown; retryAfterMs?: number }
	| { kind: 'network'; code: string; message: string };

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: Failure };

interface RetryOutcome<T> {
	result: AttemptResult<T>;
	attempts: number;
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** The request never reached a server, so repeating it cannot do anything twice. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED']);
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'ERR_STREAM_PREMATURE_CLOSE',
	'UND_ERR_SOCKET',
]);

/** The server certainly did not act on the request: it said so (429), or no connection was made. */
function certainlyNotActedOn(failure: Failure): boolean {
	return failure.kind === 'http' ? failure.statusCode === 429 : NOT_SENT_CODES.has(failure.code);
}

function isTransient(failure: Failure): boolean {
	return failure.kind === 'http'
		? TRANSIENT_STATUS.has(failure.statusCode)
		: TRANSIENT_NETWORK_CODES.has(failure.code);
}

/**
 * Whether a failed attempt may be repeated. A request that is not safe to repeat (a POST whose
 * effect could happen twice) is repeated only when the server certainly did not act on it.
 */
function isRetryable(failure: Failure, safeToRepeat: boolean): boolean {
	return certainlyNotActedOn(failure) || (safeToRepeat && isTransient(failure));
}

/** Exponential backoff with jitter; a server's Retry-After wins when it asks for longer. */
function delayBeforeRetry(failedAttempt: number, failure: Failure, random = Math.random): number {
	const exponential = Math.min(RETRY_POLICY.maxDelayMs, RETRY_POLICY.baseDelayMs * 2 ** (failedAttempt - 1));
	const jittered = exponential / 2 + random() * (exponential / 2);
	const asked = failure.kind === 'http' ? failure.retryAfterMs : undefined;
	return asked === undefined ? jittered : Math.max(asked, jittered);
}

/** Parses Retry-After, given in seconds or as an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

interface RetryOptions<T> {
	/** Whether repeating the request after an unclear failure cannot do anything twice. */
	safeToRepeat: boolean;
	/**
	 * Makes a request that is not safe to repeat repeatable after all. Called after an unclear
	 * failure (an error status or a broken connection: the server may have acted), before the
	 * repeat, it finds out what happened: it returns the result when the failed attempt did take
	 * effect, or undefined once repeating is safe, having undone what took effect, if anything.
	 */
	recover?: () => Promise<T | undefined>;
	abortSignal?: AbortSignal;
}

export async function withRetries<T>(
	attempt: () => Promise<AttemptResult<T>>,
	options: RetryOptions<T>,
): Promise<RetryOutcome<T>> {
	const { recover, safeToRepeat } = options;
	const startedAt = Date.now();
	for (let attempts = 1; ; attempts++) {
		const result = await attempt();
		if (result.ok || attempts >= RETRY_POLICY.maxAttempts) return { result, attempts };
		if (!isRetryable(result.failure, safeToRepeat || recover !== undefined)) return { result, attempts };
		const delay = delayBeforeRetry(attempts, result.failure);
		const elapsed = Date.now() - startedAt;
		if (delay > RETRY_POLICY.maxRetryAfterMs || elapsed + delay > RETRY_POLICY.totalBudgetMs) {
			return { result, attempts };
		}
		await sleepUnlessStopped(delay, options.abortSignal);
		if (recover && !safeToRepeat && !certainlyNotActedOn(result.failure)) {
			const recovered = await recover();
			if (recovered !== undefined) return { result: { ok: true, value: recovered }, attempts };
		}
	}
}
