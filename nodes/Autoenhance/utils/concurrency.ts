/** Lets an item give up its place among the active ones while it only waits on Autoenhance. */
export interface Slot {
	releasedWhile<T>(work: () => Promise<T>): Promise<T>;
}

/**
 * Maps with at most `limit` calls active at once and returns results in input order. Calls start
 * in input order; a call that hands its slot back while it waits gets it again before any new
 * call starts. After the first failure no new call starts; the failure is thrown once the calls
 * already running have settled.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	fn: (input: T, index: number, slot: Slot) => Promise<R>,
): Promise<R[]> {
	const slots = new Slots(Math.max(1, Math.floor(limit) || 1));
	const slot: Slot = {
		async releasedWhile(work) {
			slots.release();
			try {
				return await work();
			} finally {
				await slots.acquire({ returning: true });
			}
		},
	};
	const results = new Array<R>(inputs.length);
	const running: Array<Promise<void>> = [];
	let failure: { error: unknown } | undefined;
	for (let index = 0; index < inputs.length; index++) {
		await slots.acquire({ returning: false });
		if (failure) {
			slots.release();
			break;
		}
		running.push(
			fn(inputs[index], index, slot)
				.then((result) => {
					results[index] = result;
				})
				.catch((error: unknown) => {
					failure ??= { error };
				})
				.finally(() => slots.release()),
		);
	}
	await Promise.all(running);
	if (failure) throw failure.error;
	return results;
}

/** Runs `work` once fewer than its limit of earlier calls are still running; queued in call order. */
export type Limit = <T>(work: () => Promise<T>) => Promise<T>;

/** Runs `work` at once: where something else (a limit per host) does the waiting. */
export const noLimit: Limit = async (work) => await work();

export function createLimit(limit: number): Limit {
	const slots = new Slots(Math.max(1, Math.floor(limit) || 1));
	return async (work) => {
		await slots.acquire({ returning: false });
		try {
			return await work();
		} finally {
			slots.release();
		}
	};
}

class Slots {
	private readonly waiting: Array<() => void> = [];

	constructor(private free: number) {}

	async acquire({ returning }: { returning: boolean }): Promise<void> {
		if (this.free > 0) {
			this.free--;
			return;
		}
		await new Promise<void>((resolve) => (returning ? this.waiting.unshift(resolve) : this.waiting.push(resolve)));
	}

	release(): void {
		const next = this.waiting.shift();
		if (next) next();
		else this.free++;
	}
}
