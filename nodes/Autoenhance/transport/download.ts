import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Connection } from './connection';
import { getConnection, parseHttpUrl } from './connection';
import { failureToError } from './errors';
import { RETRY_POLICY } from './retry';
import type { HttpResponse } from './send';
import { isReadable, send } from './send';

export type BinaryContext = IExecuteFunctions | IPollFunctions | IWebhookFunctions;

export interface Download {
	/** API path that answers with the image or a redirect to it, e.g. `/v3/images/${id}/enhanced`. */
	path: string;
	qs?: IDataObject;
	fileName: string;
	subject: string;
	itemIndex?: number;
}

const TRANSFER_IDLE_TIMEOUT_MS = 120_000;
const MAX_REDIRECTS = 5;

/**
 * Streams an image into n8n's binary store. The API answers with a redirect to another host; the
 * redirect is taken here, without credentials, so the API key never leaves for that host. A body
 * cut off half way is fetched again, within the retry policy.
 */
export async function downloadBinary(this: BinaryContext, download: Download): Promise<IBinaryData> {
	const connection = await getConnection.call(this);
	for (let attempt = 1; ; attempt++) {
		const response = await fetchImage.call(this, connection, download);
		const transfer = watchTransfer(response);
		try {
			const binary = await this.helpers.prepareBinaryData(
				response.body as Buffer,
				download.fileName,
				contentType(response),
			);
			transfer.assertComplete();
			return binary;
		} catch (error) {
			if (attempt >= RETRY_POLICY.maxAttempts) {
				throw failureToError(
					this.getNode(),
					{ kind: 'network', code: 'ERR_STREAM_PREMATURE_CLOSE', message: String(error.message) },
					{ host: 'asset', subject: download.subject, origin: transfer.origin, itemIndex: download.itemIndex },
					attempt,
					connection.secrets,
				);
			}
		}
	}
}

async function fetchImage(
	this: BinaryContext,
	connection: Connection,
	download: Download,
): Promise<HttpResponse & { origin: string }> {
	const target = { subject: download.subject, itemIndex: download.itemIndex };
	let origin = connection.baseUrl;
	let response = await send.call(
		this,
		{
			method: 'GET',
			url: connection.baseUrl + download.path,
			qs: download.qs,
			headers: { ...connection.headers, Accept: 'image/*, application/json' },
			encoding: 'stream',
			disableFollowRedirect: true,
			timeout: TRANSFER_IDLE_TIMEOUT_MS,
		},
		{ ...target, host: 'api', origin },
		{ authenticated: true, safeToRepeat: true, secrets: connection.secrets },
	);
	for (let hops = 0; isRedirect(response); hops++) {
		const next = redirectTarget(response, hops === 0 ? connection.baseUrl + download.path : origin);
		discard(response.body);
		if (!next || hops >= MAX_REDIRECTS) {
			throw failureToError(
				this.getNode(),
				{ kind: 'http', statusCode: response.statusCode, body: 'The download redirect has no usable Location.' },
				{ ...target, host: 'asset', origin },
				1,
				connection.secrets,
			);
		}
		origin = next.origin;
		response = await send.call(
			this,
			{
				method: 'GET',
				url: next.href,
				encoding: 'stream',
				disableFollowRedirect: true,
				timeout: TRANSFER_IDLE_TIMEOUT_MS,
			},
			{ ...target, host: 'asset', origin },
			{ authenticated: false, safeToRepeat: true, secrets: connection.secrets },
		);
	}
	return { ...response, origin };
}

function isRedirect(response: HttpResponse): boolean {
	return response.statusCode >= 300 && response.statusCode < 400;
}

function redirectTarget(response: HttpResponse, from: string): URL | undefined {
	const location = header(response, 'location');
	if (!location) return undefined;
	try {
		return parseHttpUrl(new URL(location, from).href);
	} catch {
		return undefined;
	}
}

function contentType(response: HttpResponse): string | undefined {
	return header(response, 'content-type')?.split(';')[0].trim() || undefined;
}

function header(response: HttpResponse, name: string): string | undefined {
	const value = response.headers[name];
	return Array.isArray(value) ? value[0] : value;
}

function discard(body: unknown): void {
	if (isReadable(body)) body.resume();
}

/**
 * A connection cut half way can end the body stream quietly; the response (Node's IncomingMessage)
 * still tells whether the whole message arrived.
 */
function watchTransfer(response: HttpResponse & { origin: string }) {
	const body = response.body as { complete?: unknown };
	return {
		origin: response.origin,
		assertComplete() {
			if (body.complete === false) throw new Error('The image arrived incomplete');
		},
	};
}
