import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { AutoenhanceContext } from './connection';
import { getConnection } from './connection';
import { send } from './send';

export interface ApiRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. `/v3/images/` or `/v3/orders/${id}`. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/**
	 * A POST is repeated after an unclear failure only when the caller vouches that doing it twice
	 * cannot duplicate anything (a create that carries a client-generated ID the API rejects twice).
	 */
	safeToRepeat?: boolean;
	/** What the request is about, for messages such as `Image "…" was not found`. */
	subject?: string;
	itemIndex?: number;
}

const API_TIMEOUT_MS = 60_000;

/** An authenticated JSON call to the Autoenhance API, with the retry policy and readable errors. */
export async function apiRequest(
	this: AutoenhanceContext,
	request: ApiRequest,
): Promise<IDataObject> {
	const connection = await getConnection.call(this);
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
		{ host: 'api', subject: request.subject, origin: connection.baseUrl, itemIndex: request.itemIndex },
		{
			authenticated: true,
			safeToRepeat: request.method !== 'POST' || request.safeToRepeat === true,
			secrets: connection.secrets,
		},
	);
	return (response.body ?? {}) as IDataObject;
}
