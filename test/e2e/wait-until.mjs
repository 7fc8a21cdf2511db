import { setTimeout as sleep } from 'node:timers/promises';

/** Polls until `check` resolves something truthy; resolves that, or rejects naming `what`. */
export async function waitUntil(check, what, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const result = await check();
		if (result) return result;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(200);
	}
}
