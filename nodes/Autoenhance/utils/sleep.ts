import * as n8nWorkflow from 'n8n-workflow';

/**
 * Waits `ms` milliseconds, or rejects as soon as `signal` aborts (the execution was stopped).
 * n8n-workflow has no cancellable wait before 1.98 (n8n 1.101) nor from 2.34, so there the plain
 * `sleep` it has is raced against the signal. Its timer runs out on its own; nothing waits for it.
 */
async function sleepRacingAbort(ms: number, signal?: AbortSignal): Promise<void> {
	if (!signal) return await n8nWorkflow.sleep(ms);
	if (signal.aborted) throw cancelled(signal);
	let onAbort = () => {};
	const aborted = new Promise<never>((_, reject) => {
		onAbort = () => reject(cancelled(signal));
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		await Promise.race([n8nWorkflow.sleep(ms), aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

function cancelled(signal: AbortSignal): Error {
	return signal.reason instanceof Error ? signal.reason : new Error('The execution was stopped');
}

type CancellableSleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * n8n-workflow exports `sleepWithAbort` from 1.98 to 2.33 only, so its type is in neither the
 * oldest nor the newest n8n-workflow this code is checked against: look it up as an unknown value.
 */
const hostSleepWithAbort: unknown =
	'sleepWithAbort' in n8nWorkflow ? n8nWorkflow.sleepWithAbort : undefined;

/** The host n8n's own cancellable wait where it has one (read when the node loads), else the fallback. */
export const sleepUnlessStopped: CancellableSleep =
	typeof hostSleepWithAbort === 'function'
		? (hostSleepWithAbort as CancellableSleep)
		: sleepRacingAbort;
