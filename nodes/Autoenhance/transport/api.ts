import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { AutoenhanceContext } from './connection';
import { getConnection } from './connection';
import type { HttpResponse } from './send';
import { send } from './send';
import { failureToError } from './errors';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/v3/images/` or `/v3/orders/${id}`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Makes a POST repeatable after an unclear failure (an error status or a broken connection,
	 * when Autoenhance may have acted on it). Called before the repeat, it finds out whether the
	 * failed attempt took effect: it returns that attempt's result, or undefined once repeating is
	 * safe, having undone what took effect, if anything. Without it a POST is repeated only when
	 * Autoenhance certainly did not act: after a 429, or a connection that was never made.
	 * A DELETE has one unless given another: done when the thing is gone.
	 */
	recover?: () => Promise<IDataObject | undefined>;
	/** What the request is about, for messages such as `Image "…" was not found`. */
	subject?: string;
	itemIndex?: number;
}

const API_TIMEOUT_MS = 60_000;

/** An authenticated JSON call to the Autoenhance API, with the retry policy and readable errors. */
export async function apiRequest(this: AutoenhanceContext, request: ApiRequest): Promise<IDataObject> {
	const response = await call.call(this, request, false);
	return (response.body ?? {}) as IDataObject;
}

/** Like apiRequest, for one thing by its path: undefined when it does not exist (HTTP 404). */
export async function apiRequestIfFound(
	this: AutoenhanceContext,
	request: ApiRequest,
): Promise<IDataObject | undefined> {
	const response = await call.call(this, request, true);
	return response.statusCode === 404 ? undefined : ((response.body ?? {}) as IDataObject);
}

async function call(this: AutoenhanceContext, request: ApiRequest, notFoundIsAnswer: boolean): Promise<HttpResponse> {
	const connection = await getConnection.call(this);
	const recover = request.recover ?? (request.method === 'DELETE' ? async () => await gone.call(this, request) : undefined);
	const target = { host: 'api' as const, subject: request.subject, origin: connection.baseUrl, itemIndex: request.itemIndex };
	const response = await send.call(
		this,
		{
			method: request.method,
			url: connection.baseUrl + request.path,
			headers: { ...connection.headers, Accept: 'application/json' },
			qs: request.qs,
			body: request.body,
			json: true,
			timeout: API_TIMEOUT_MS,
		},
		target,
		{
			authenticated: true,
			safeToRepeat: request.method !== 'POST' && request.method !== 'DELETE',
			recover: recover && (async () => asResponse(await recover())),
			notFoundIsAnswer,
			secrets: connection.secrets,
		},
	);
	if (!isDeleted(request, response)) return response;
	if (notFoundIsAnswer) return { ...response, statusCode: 404 };
	throw failureToError(this.getNode(), { kind: 'http', statusCode: 404, body: response.body }, target, 1, connection.secrets);
}

/**
 * Autoenhance may keep a deleted image, order or bracket, answering a GET with it marked
 * `is_deleted: true`: that counts as not found, as when it is removed.
 */
function isDeleted(request: ApiRequest, response: HttpResponse): boolean {
	const body = response.body as IDataObject | undefined;
	return request.method === 'GET' && response.statusCode === 200 && body?.is_deleted === true;
}

/**
 * After a DELETE failed unclearly: done (`{}`) when the thing is gone, since that attempt may have
 * deleted it and a repeat would then say "not found"; else undefined, and the DELETE is repeated.
 */
async function gone(this: AutoenhanceContext, request: ApiRequest): Promise<IDataObject | undefined> {
	const { path, subject, itemIndex } = request;
	const found = await apiRequestIfFound.call(this, { method: 'GET', path, subject, itemIndex });
	return found ? undefined : {};
}

function asResponse(body: IDataObject | undefined): HttpResponse | undefined {
	return body && { statusCode: 200, headers: {}, body };
}
