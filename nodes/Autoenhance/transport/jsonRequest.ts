import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { AutoenhanceContext } from './connection';
import { getConnection } from './connection';
import type { HttpResponse } from './send';
import { failureToError } from './errors';
import { send } from './send';

interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL (api/paths.ts names them). */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * Makes a POST or DELETE repeatable after an unclear failure (see RetryOptions.recover).
	 * Without it one is repeated only when the server certainly did not act: after a 429, or a
	 * connection that was never made.
	 */
	recover?: () => Promise<IDataObject | undefined>;
	/** What the request is about, for messages such as `Image "…" was not found`. */
	subject?: string;
	itemIndex?: number;
	/** A GET answered with a body this accepts is treated as a 404 (the thing is as good as gone). */
	isGone?: (body: IDataObject) => boolean;
}

const API_TIMEOUT_MS = 60_000;

/**
 * An authenticated JSON call below the credential's base URL, with the retry policy and readable
 * errors. The caller names the shape of the answer it expects.
 */
export async function apiRequest<Answer extends IDataObject = IDataObject>(
	this: AutoenhanceContext,
	request: ApiRequest,
): Promise<Answer> {
	const response = await call.call(this, request, false);
	return (response.body ?? {}) as Answer;
}

/** Like apiRequest, for one thing by its path: undefined when it does not exist (HTTP 404). */
export async function apiRequestIfFound<Answer extends IDataObject = IDataObject>(
	this: AutoenhanceContext,
	request: ApiRequest,
): Promise<Answer | undefined> {
	const response = await call.call(this, request, true);
	return response.statusCode === 404 ? undefined : ((response.body ?? {}) as Answer);
}

async function call(this: AutoenhanceContext, request: ApiRequest, notFoundIsAnswer: boolean): Promise<HttpResponse> {
	const connection = await getConnection.call(this);
	const { recover } = request;
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
		},
	);
	const body = response.body as IDataObject | undefined;
	if (request.method !== 'GET' || response.statusCode !== 200 || !body || !request.isGone?.(body)) return response;
	if (notFoundIsAnswer) return { ...response, statusCode: 404 };
	throw failureToError(this.getNode(), { kind: 'http', statusCode: 404, body }, target, 1, connection.secrets);
}

function asResponse(body: IDataObject | undefined): HttpResponse | undefined {
	return body && { statusCode: 200, headers: {}, body };
}
