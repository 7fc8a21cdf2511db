import type { Outcome } from '../utils/adaptiveLimit';
import { AdaptiveLimit } from '../utils/adaptiveLimit';
import { sleepUnlessStopped } from '../utils/sleep';
import type { AutoenhanceContext } from './connection';
import type { AttemptResult } from './retry';

/**
 * Requests in flight to a host before it has answered: generous for an API that publishes no
 * rate limit (the AWS CLI moves 10 files to S3 at a time), and grown from there.
 */
const INITIAL_IN_FLIGHT = 10;

/** One limit per host (origin) for everything one run of the node sends there. */
const limitsOfRun = new WeakMap<AutoenhanceContext, { ceiling: number; byOrigin: Map<string, AdaptiveLimit> }>();

/**
 * From now on every request this run of the node sends (each attempt, retries included) waits
 * for room at its host, learnt from that host's answers (see AdaptiveLimit), never more than
 * `ceiling` at a time. A run that never calls this sends as its operations schedule.
 */
export function adaptToHosts(context: AutoenhanceContext, ceiling: number): void {
	limitsOfRun.set(context, { ceiling, byOrigin: new Map() });
}

/** Runs one attempt within its host's limit, if this run has them. */
export async function withinHostLimit<T>(
	context: AutoenhanceContext,
	url: string | undefined,
	attempt: () => Promise<AttemptResult<T>>,
): Promise<AttemptResult<T>> {
	const limits = limitsOfRun.get(context);
	const origin = originOf(url);
	if (!limits || !origin) return await attempt();
	let limit = limits.byOrigin.get(origin);
	if (!limit) {
		limit = new AdaptiveLimit({
			ceiling: limits.ceiling,
			initial: Math.min(INITIAL_IN_FLIGHT, limits.ceiling),
			sleep: async (ms) => await sleepUnlessStopped(ms),
		});
		limits.byOrigin.set(origin, limit);
	}
	return await limit.run(attempt, outcomeOf);
}

function outcomeOf(result: AttemptResult<unknown>): Outcome {
	if (result.ok) return { kind: 'clean' };
	const { failure } = result;
	if (failure.kind === 'http' && (failure.statusCode === 429 || failure.statusCode === 503)) {
		return { kind: 'pushback', retryAfterMs: failure.retryAfterMs };
	}
	return { kind: 'neutral' };
}

function originOf(url: string | undefined): string | undefined {
	try {
		return url === undefined ? undefined : new URL(url).origin;
	} catch {
		return undefined;
	}
}
