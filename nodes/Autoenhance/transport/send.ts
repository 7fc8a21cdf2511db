import type { IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext, Connection } from './connection';
import { CREDENTIAL_TYPE, getConnection } from './connection';
import type { RequestTarget } from './errors';
import { failureToError } from './errors';
import { withinHostLimit } from './hostLimits';
import type { AttemptResult } from './retry';
import { parseRetryAfter, withRetries } from './retry';

export interface HttpResponse {
	statusCode: number;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
}

interface SendOptions {
	/** Adds the API key: only ever for requests to the credential's own base URL. */
	authenticated: boolean;
	/** Whether repeating the request after an unclear failure cannot do anything twice. */
	safeToRepeat: boolean;
	/** See RetryOptions.recover. */
	recover?: () => Promise<HttpResponse | undefined>;
	/** A 404 is an answer (the thing does not exist), returned like a success. */
	notFoundIsAnswer?: boolean;
	/** Gives a fresh request body for each attempt: a stream can be read only once. */
	openBody?: () => Promise<Buffer | NodeJS.ReadableStream>;
}

const ERROR_BODY_LIMIT = 64 * 1024;
/** How long an upload or download may go without a byte moving. */
export const TRANSFER_IDLE_TIMEOUT_MS = 120_000;

/**
 * Sends one request with the retry policy and returns the first response below 400 (redirects
 * are not followed here, so a 302 comes back as it is), or the 404 when that is an answer.
 * Anything else becomes a NodeApiError.
 */
export async function send(
	this: AutoenhanceContext,
	request: IHttpRequestOptions,
	target: RequestTarget,
	options: SendOptions,
): Promise<HttpResponse> {
	const abortSignal = cancelSignal(this);
	const full: IHttpRequestOptions = {
		...request,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal,
	};
	const connection = await getConnection.call(this);
	const { openBody } = options;
	// n8n's request type does not list streams, but its HTTP client sends them as they are.
	const nextRequest = async () => (openBody ? { ...full, body: (await openBody()) as Buffer } : full);
	const { result, attempts } = await withRetries(
		async () => await withinHostLimit(this, full.url, async () => await attempt(this, connection, await nextRequest(), options)),
		{ safeToRepeat: options.safeToRepeat, recover: options.recover, abortSignal },
	);
	if (result.ok) return result.value;
	throw failureToError(this.getNode(), result.failure, target, attempts, connection.secrets);
}

async function attempt(
	context: AutoenhanceContext,
	connection: Connection,
	request: IHttpRequestOptions,
	{ authenticated, notFoundIsAnswer }: SendOptions,
): Promise<AttemptResult<HttpResponse>> {
	let response: HttpResponse;
	try {
		response = authenticated
			? await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, request, connection.authentication)
			: await context.helpers.httpRequest(request);
	} catch (error) {
		destroyBody(request.body);
		const code = errorCode(error);
		if (code === 'ERR_CANCELED') {
			throw new NodeOperationError(context.getNode(), 'The execution was cancelled');
		}
		const message = networkMessage(error, code);
		return { ok: false, failure: { kind: 'network', code: bodyCutOff(code, message) ? 'ERR_STREAM_PREMATURE_CLOSE' : code, message } };
	}
	if (response.statusCode < 400 || (notFoundIsAnswer && response.statusCode === 404)) {
		return { ok: true, value: response };
	}
	return {
		ok: false,
		failure: {
			kind: 'http',
			statusCode: response.statusCode,
			body: await readSmallBody(response.body),
			retryAfterMs: parseRetryAfter(response.headers['retry-after']),
		},
	};
}

export function cancelSignal(context: AutoenhanceContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/**
 * n8n wraps request errors in a NodeApiError: the socket error's code ends up in `cause.code`,
 * `code`, or (for a refused connection) only in `httpCode`.
 */
function errorCode(error: { code?: unknown; httpCode?: unknown; cause?: { code?: unknown } }): string {
	const code = [error.cause?.code, error.code, error.httpCode].find(
		(candidate) => typeof candidate === 'string' && /^E[A-Z_]+$|^ERR_/.test(candidate),
	);
	return typeof code === 'string' ? code : 'EUNKNOWN';
}

/**
 * A connection broken while the response body arrives: n8n's HTTP client (axios) gives it only a
 * generic code, told apart by its message. It is the premature close it is, and worth a retry.
 */
function bodyCutOff(code: string, message: string): boolean {
	return code === 'ERR_BAD_RESPONSE' && message === 'stream has been aborted';
}

function networkMessage(error: { message?: unknown; cause?: { message?: unknown } }, code: string): string {
	const message = error.cause?.message ?? error.message;
	return typeof message === 'string' && message ? message : code;
}

/** Error bodies arrive as streams when the request asked for one; they are short, so read them. */
async function readSmallBody(body: unknown): Promise<unknown> {
	if (!isReadable(body)) return Buffer.isBuffer(body) ? parseText(body.toString('utf8')) : body;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		if (size < ERROR_BODY_LIMIT) chunks.push(Buffer.from(chunk));
		size += chunk.length;
	}
	return parseText(Buffer.concat(chunks).toString('utf8').slice(0, ERROR_BODY_LIMIT));
}

function parseText(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function destroyBody(body: unknown): void {
	if (isReadable(body) && 'destroy' in body && typeof body.destroy === 'function') body.destroy();
}

export function isReadable(body: unknown): body is NodeJS.ReadableStream & AsyncIterable<Buffer> {
	return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}
