// Every request of the check goes through here: paced (one at a time, at least `paceMs` apart),
// counted against the budget, in development mode, with the node's x-api-version. The API key
// goes only to the API base URL; upload and file URLs get no credentials.
import { CLEANUP_BUDGET, MAIN_BUDGET } from './budget.mjs';

const TIMEOUT_MS = 30_000;

export class BudgetExceeded extends Error {}

export function createClient({ baseUrl, apiKey, apiVersion, paceMs, interrupt }) {
	let made = 0;
	let limit = MAIN_BUDGET;
	let cleaningUp = false;
	let nextStart = 0;

	async function gate(what) {
		if (!cleaningUp) interrupt.check();
		if (made >= limit) throw new BudgetExceeded(`request budget of ${limit} spent before ${what}`);
		const wait = nextStart - Date.now();
		if (wait > 0) await (cleaningUp ? new Promise((resolve) => setTimeout(resolve, wait)) : interrupt.sleep(wait));
		if (!cleaningUp) interrupt.check();
		made += 1;
		nextStart = Date.now() + paceMs;
	}

	async function send(url, init, what) {
		await gate(what);
		const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
		const bytes = Buffer.from(await response.arrayBuffer());
		const contentType = (response.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
		let json;
		if (contentType === 'application/json' || contentType.endsWith('+json')) {
			try {
				json = JSON.parse(bytes.toString('utf8'));
			} catch {
				json = undefined;
			}
		}
		return { status: response.status, headers: response.headers, contentType, bytes, json, endedAt: Date.now() };
	}

	return {
		get made() {
			return made;
		},
		/** From now on the clean-up's reserve may be spent too, and signals no longer stop requests. */
		startCleanup() {
			cleaningUp = true;
			limit = MAIN_BUDGET + CLEANUP_BUDGET;
		},
		/** An API call. `apiVersion: null` sends none: the account's own version answers. */
		async api(method, path, { body, query, version = apiVersion } = {}) {
			const url = new URL(baseUrl + path);
			for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, String(value));
			const headers = { 'x-api-key': apiKey, 'x-dev-mode': 'true', accept: 'application/json' };
			if (version) headers['x-api-version'] = version;
			if (body !== undefined) headers['content-type'] = 'application/json';
			return await send(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, `${method} ${path}`);
		},
		/** A presigned upload or a file URL: no credentials. */
		async plain(method, url, { body, contentType } = {}) {
			const headers = contentType ? { 'content-type': contentType } : {};
			return await send(url, { method, headers, body }, `${method} ${new URL(url).host}`);
		},
	};
}
