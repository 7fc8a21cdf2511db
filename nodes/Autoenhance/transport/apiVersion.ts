/**
 * The Autoenhance API version this node is written and tested for, sent as `x-api-version` on
 * every API request unless the credential names another. Autoenhance otherwise answers each
 * account as the version current when the account was opened. Change it deliberately, with the
 * node and its tests.
 */
export const API_VERSION = '2025-08-31';

/**
 * The oldest version the node can speak. Before it, `/enhanced` read only `size` and served the
 * full size, spending a credit, when the node asks for the free preview.
 */
export const OLDEST_API_VERSION = '2024-11-01';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why the credential's API Version cannot be used, or undefined when it can ('' = the default). */
export function apiVersionProblem(chosen: string): string | undefined {
	if (chosen === '') return undefined;
	if (!DATE.test(chosen)) {
		return `The API Version "${chosen}" in the Autoenhance credential is not a date (YYYY-MM-DD)`;
	}
	if (chosen < OLDEST_API_VERSION) {
		return `The API Version "${chosen}" in the Autoenhance credential is older than ${OLDEST_API_VERSION}, the oldest this node supports`;
	}
	return undefined;
}
