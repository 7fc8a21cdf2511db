import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Limit } from '../utils/concurrency';
import type { Connection } from './connection';
import { getConnection, parseHttpUrl } from './connection';
import { readDownloadAnswer } from './downloadAnswer';
import type { RequestTarget } from './errors';
import { failureToError } from './errors';
import type { AttemptResult } from './retry';
import { withRetries } from './retry';
import type { HttpResponse } from './send';
import { cancelSignal, isReadable, send, TRANSFER_IDLE_TIMEOUT_MS } from './send';

interface Download {
	/** Path below the base URL that answers with the file or a redirect to it. */
	path: string;
	qs?: IDataObject;
	fileName: string;
	subject: string;
	itemIndex?: number;
	/** Runs the request to the API (not those to the host it redirects to), e.g. within a limit. */
	apiLimit?: Limit;
	/** The file's URL in a JSON answer, if it holds one. */
	linkInJson: (document: unknown) => string | undefined;
}

/** Where the bytes are fetched from: the API itself, with the key, or a host it redirected to. */
interface Source {
	url: string;
	qs?: IDataObject;
	authenticated: boolean;
}

const MAX_REDIRECTS = 5;

/**
 * Streams an image into n8n's binary store. The API answers with a redirect to another host, the
 * file itself, or JSON with the file's URL; a redirect or URL is followed here, without
 * credentials, so the API key never leaves for that host. Anything that is not a file (a web
 * page, JSON without a URL) is an error, never stored as a photo. A body
 * cut off half way is fetched again, within the retry policy, from the host that was sending it:
 * the API is not asked again for a download it may count (a full-size one spends a credit).
 */
export async function downloadBinary(this: IExecuteFunctions, download: Download): Promise<IBinaryData> {
	const connection = await getConnection.call(this);
	let source: Source = { url: connection.baseUrl + download.path, qs: download.qs, authenticated: true };
	const { result, attempts } = await withRetries<IBinaryData>(
		async () => {
			const fetched = await fetchFile.call(this, connection, source, download);
			source = fetched.source;
			return await storeBody.call(this, fetched.response, download.fileName);
		},
		{ safeToRepeat: true, abortSignal: cancelSignal(this) },
	);
	if (result.ok) return result.value;
	throw failureToError(
		this.getNode(),
		result.failure,
		{ host: 'asset', subject: download.subject, origin: new URL(source.url).origin, itemIndex: download.itemIndex },
		attempts,
		connection.secrets,
	);
}

/**
 * A connection cut half way can end the body stream quietly; the response (Node's IncomingMessage)
 * still tells whether the whole message arrived.
 */
async function storeBody(
	this: IExecuteFunctions,
	response: HttpResponse,
	fileName: string,
): Promise<AttemptResult<IBinaryData>> {
	try {
		const binary = await this.helpers.prepareBinaryData(response.body as Buffer, fileName, contentType(response));
		if ((response.body as { complete?: unknown }).complete === false) throw new Error('The image arrived incomplete');
		return { ok: true, value: binary };
	} catch (error) {
		return { ok: false, failure: { kind: 'network', code: 'ERR_STREAM_PREMATURE_CLOSE', message: String(error.message) } };
	}
}

/** Requests the image from `source`, following redirects; answers with the source that sent it. */
async function fetchFile(
	this: IExecuteFunctions,
	connection: Connection,
	source: Source,
	download: Download,
): Promise<{ response: HttpResponse; source: Source }> {
	const target = { subject: download.subject, itemIndex: download.itemIndex };
	for (let hops = 0; ; hops++) {
		const requestTarget: RequestTarget = {
			...target,
			host: source.authenticated ? 'api' : 'asset',
			origin: new URL(source.url).origin,
		};
		const request = async () =>
			await send.call(
				this,
				{
					method: 'GET',
					url: source.url,
					qs: source.qs,
					headers: source.authenticated ? { ...connection.headers, Accept: 'image/*, application/json' } : {},
					encoding: 'stream',
					disableFollowRedirect: true,
					timeout: TRANSFER_IDLE_TIMEOUT_MS,
				},
				requestTarget,
				{ authenticated: source.authenticated, safeToRepeat: true },
			);
		const response = source.authenticated && download.apiLimit ? await download.apiLimit(request) : await request();
		let next: URL | undefined;
		if (isRedirect(response)) {
			next = redirectTarget(response, source.url);
		} else {
			const answer = await readDownloadAnswer(response, contentType(response), download.linkInJson);
			if (answer.kind === 'file') return { response, source };
			if (answer.kind === 'notAFile') {
				discard(response.body);
				throw new NodeOperationError(
					this.getNode(),
					`Autoenhance answered the download of ${download.subject} with ${answer.what}, not a photo`,
					{ itemIndex: download.itemIndex, description: `Nothing was stored. It came from ${requestTarget.origin}.` },
				);
			}
			next = linkTarget(answer.url, source.url);
		}
		discard(response.body);
		if (!next || hops >= MAX_REDIRECTS) {
			const problem = next
				? `The download was redirected more than ${MAX_REDIRECTS} times.`
				: 'The download redirect has no http(s) Location.';
			throw failureToError(
				this.getNode(),
				{ kind: 'http', statusCode: response.statusCode, body: problem },
				{ ...requestTarget, host: 'asset' },
				1,
				connection.secrets,
			);
		}
		// Never with the key: the redirect may lead to any host.
		source = { url: next.href, authenticated: false };
	}
}

function isRedirect(response: HttpResponse): boolean {
	return response.statusCode >= 300 && response.statusCode < 400;
}

function redirectTarget(response: HttpResponse, from: string): URL | undefined {
	const location = header(response, 'location');
	return location ? linkTarget(location, from) : undefined;
}

function linkTarget(link: string, from: string): URL | undefined {
	try {
		return parseHttpUrl(new URL(link, from).href);
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
