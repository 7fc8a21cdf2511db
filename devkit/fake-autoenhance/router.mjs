// Route table → request handler. In the order the real API applies them: route match (404,
// 405), API key (401), x-api-version (422), query (422), JSON body (400, 422), then the route.
// Handlers return { json } | { status: 204 } | { redirect } | { bytes, contentType } |
// { serve: async (res) => … }, or throw HttpError.
import {
	HttpError,
	readJsonBody,
	sendApiError,
	sendEmpty,
	sendJson,
	sendRedirect,
	validationError,
} from './http.mjs';
import { validate } from './validation.mjs';

export const NO_CONTENT = { status: 204 };

function compile(route) {
	const names = [];
	const source = route.path.replace(/:([a-z_]+)/g, (_, name) => {
		names.push(name);
		return '([^/]+)';
	});
	return { auth: 'required', ...route, names, regex: new RegExp(`^${source}$`) };
}

function match(routes, method, pathname) {
	const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
	const candidates = routes
		.map((route) => ({ route, found: route.regex.exec(path) }))
		.filter(({ found }) => found);
	if (candidates.length === 0) throw new HttpError(404, 'Not Found');
	const hit = candidates.find(({ route }) => route.methods.includes(method));
	if (!hit) throw new HttpError(405, 'Method Not Allowed');
	try {
		const params = hit.route.names.map((name, i) => [name, decodeURIComponent(hit.found[i + 1])]);
		return { route: hit.route, params: Object.fromEntries(params) };
	} catch {
		throw new HttpError(404, 'Not Found');
	}
}

/** 'required': a valid key; 'optional': none, or a valid one; 'none': not checked. */
function authenticate(apiKey, given, mode) {
	if (mode === 'none' || (mode === 'optional' && given === undefined)) return;
	if (given !== apiKey) throw new HttpError(401, 'Unauthorized');
}

/** The request's x-api-version, else the version the account is pinned to (null: none). */
function parseApiVersion(header, variants) {
	if (header === undefined) return variants.accountApiVersion === 'unpinned' ? null : variants.accountApiVersion;
	const date = /^\d{4}-\d{2}-\d{2}$/.test(header) ? new Date(`${header}T00:00:00Z`) : null;
	if (!date || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(header)) {
		throw validationError('headers', { 'x-api-version': ['Not a valid date (YYYY-MM-DD).'] });
	}
	return header;
}

function checked(location, schema, input, options) {
	const { value, errors } = validate(schema, input, options);
	if (errors) throw validationError(location, errors);
	return value;
}

/** `fields`: the route's body schema, for the request's API version (a function of it, or fixed). */
async function readBody(route, fields, req, record) {
	if (!route.body) return undefined;
	const json = await readJsonBody(req, record);
	record.body = json;
	return route.body === 'any' ? json : checked('json', fields, json);
}

async function send(res, reply) {
	if (reply.serve) return await reply.serve(res);
	if (reply.redirect) return sendRedirect(res, reply.redirect);
	if (reply.status === 204) return sendEmpty(res, 204);
	if (reply.bytes) {
		res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.bytes.length });
		return res.end(reply.bytes);
	}
	return sendJson(res, reply.status ?? 200, reply.json);
}

/** `latency`: whether configure({ latencyMs }) delays these routes (not the control routes). */
export function createRouter(core, routes, { latency = true } = {}) {
	const table = routes.map(compile);

	async function dispatch(req, url, record) {
		const { route, params } = match(table, req.method, url.pathname);
		authenticate(core.config.apiKey, req.headers['x-api-key'], route.auth);
		const { variants } = core;
		const apiVersion = parseApiVersion(req.headers['x-api-version'], variants);
		const query = route.query
			? checked('query', route.query, Object.fromEntries(url.searchParams), { fromQuery: true })
			: {};
		const fields = typeof route.body === 'function' ? route.body(apiVersion, variants) : route.body;
		const body = await readBody(route, fields, req, record);
		const devMode = String(req.headers['x-dev-mode']).toLowerCase() === 'true';
		return await route.handler({ core, req, params, query, body, fields, apiVersion, variants, devMode });
	}

	return async function handle(req, res, { url, record }) {
		if (latency && core.config.latencyMs > 0) await core.timers.sleep(core.config.latencyMs);
		try {
			await send(res, await dispatch(req, url, record));
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			sendApiError(res, error);
		}
	};
}
