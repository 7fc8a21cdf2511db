/**
 * Maps with at most `limit` calls in flight and returns results in input order. After the first
 * failure no new call starts; the failure is thrown once the calls already running have settled.
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	limit: number,
	fn: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results = new Array<R>(inputs.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async () => {
		while (!failure && next < inputs.length) {
			const index = next++;
			try {
				results[index] = await fn(inputs[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, inputs.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}
