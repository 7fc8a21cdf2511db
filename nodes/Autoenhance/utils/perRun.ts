/**
 * What the items of one node run share: n8n gives every item of a run the same execute context
 * and a new one to the next run, so state kept under the context lives exactly as long as the run.
 */
const shared = new WeakMap<object, Map<string, unknown>>();

/** The run's value under `key`, made by `make` the first time an item asks for it. */
export function perRun<T>(context: object, key: string, make: () => T): T {
	let values = shared.get(context);
	if (!values) {
		values = new Map();
		shared.set(context, values);
	}
	if (!values.has(key)) values.set(key, make());
	return values.get(key) as T;
}
