import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { capitalise } from '../utils/text';
import { isObject } from '../utils/values';
import type { Failure } from './retry';

/** Which request failed, in words a workflow builder recognises. */
export interface RequestTarget {
	/** Who answered: the Autoenhance API, the storage host taking the upload, or the host serving the image. */
	host: 'api' | 'upload' | 'asset';
	/** What the request was about, e.g. `image "3f2…"`; used in "not found" messages. */
	subject?: string;
	origin: string;
	itemIndex?: number;
}

const HOST_NAMES: Record<RequestTarget['host'], string> = {
	api: 'Autoenhance',
	upload: 'The upload host',
	asset: 'The image download host',
};

export function failureToError(
	node: INode,
	failure: Failure,
	target: RequestTarget,
	attempts: number,
	secrets: string[],
): NodeApiError {
	const { message, description } =
		failure.kind === 'network'
			? describeNetworkFailure(failure, target, attempts)
			: describeHttpFailure(failure, target, attempts);
	const httpCode = failure.kind === 'http' ? String(failure.statusCode) : undefined;
	const response: JsonObject =
		failure.kind === 'http'
			? { statusCode: failure.statusCode, body: redact(bodyText(failure.body), secrets) }
			: { networkError: failure.code };
	const item = target.itemIndex !== undefined && blamesInput(failure, target) ? ` (item ${target.itemIndex})` : '';
	return new NodeApiError(node, response, {
		message: redact(message + item, secrets),
		description: redact(description, secrets),
		httpCode,
		itemIndex: target.itemIndex,
	});
}

/** Answers that say the request itself was wrong: then the message names the item it came from. */
const INPUT_FAULTS = new Set([400, 404, 409, 422]);

function blamesInput(failure: Failure, target: RequestTarget): boolean {
	if (failure.kind !== 'http') return false;
	return INPUT_FAULTS.has(failure.statusCode) || (target.host === 'upload' && failure.statusCode === 403);
}

/** Plain words for socket errors; n8n replaces a message that names the code with its own. */
const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was dropped',
	EPIPE: 'the connection was dropped',
	ERR_STREAM_PREMATURE_CLOSE: 'the connection was dropped during the transfer',
	ETIMEDOUT: 'it did not answer in time',
	ECONNABORTED: 'it did not answer in time',
	ESOCKETTIMEDOUT: 'it did not answer in time',
	ENOTFOUND: 'the host name is unknown',
	EAI_AGAIN: 'the host name could not be looked up',
};

/** n8n's SSRF protection (2.12+, opt-in) refusing an address or host name before connecting. */
const SSRF_BLOCKED = /request was blocked because (it resolves to a restricted IP address|the destination hostname is restricted)/;

function describeNetworkFailure(
	failure: Extract<Failure, { kind: 'network' }>,
	target: RequestTarget,
	attempts: number,
) {
	if (SSRF_BLOCKED.test(failure.message)) {
		return {
			message: `n8n's SSRF protection blocked the request to ${HOST_NAMES[target.host].replace(/^The/, 'the')} at ${target.origin}`,
			description:
				`${failure.message}. This n8n runs with N8N_SSRF_PROTECTION_ENABLED=true, which blocks private and loopback addresses. ` +
				'To allow this one, add its host name to N8N_SSRF_ALLOWED_HOSTNAMES or its address range to N8N_SSRF_ALLOWED_IP_RANGES in the environment of every n8n process, then restart n8n.',
		};
	}
	const problem = NETWORK_PROBLEMS[failure.code] ?? 'the request failed';
	// The upload and download hosts are whatever Autoenhance links to: no setting of ours names them.
	const advice =
		target.host === 'api'
			? 'Check the Base URL in the Autoenhance credential and that this n8n can reach it.'
			: 'Check that this n8n can reach that host: a proxy or firewall may stand in the way.';
	return {
		message: `Could not reach ${HOST_NAMES[target.host].replace(/^The/, 'the')} at ${target.origin}: ${problem}`,
		description: `${failure.message} (${failure.code}). ${tried(attempts)}${advice}`,
	};
}

function describeHttpFailure(
	failure: Extract<Failure, { kind: 'http' }>,
	target: RequestTarget,
	attempts: number,
) {
	const { statusCode } = failure;
	const serverText = serverMessage(failure.body);
	const host = HOST_NAMES[target.host];
	if (target.host === 'upload' && statusCode === 403) {
		return {
			message: `${host} refused the upload (${serverText || 'HTTP 403'})`,
			description:
				'Presigned upload URLs expire, and are signed for one Content-Type: the one given when the image was created, or application/octet-stream when none was. Create the image again to get a fresh URL.',
		};
	}
	if (statusCode === 401) {
		return {
			message: `${host} did not accept the API key (HTTP 401)`,
			description:
				'Check the API key in the Autoenhance credential: it is shown on the API page of the Autoenhance web app.',
		};
	}
	if (statusCode === 402) {
		return {
			message: `${host} says there are not enough credits for this (HTTP 402)`,
			description: `${serverText} Full-size downloads need credits or a paid plan; Development Mode in the credential downloads watermarked images without spending credits.`.trim(),
		};
	}
	if (statusCode === 403) {
		return {
			message: `${host} refused this request (HTTP 403)`,
			description: serverText || 'The API key is not allowed to do this.',
		};
	}
	if (statusCode === 404) {
		return {
			message: `${capitalise(target.subject ?? 'the requested resource')} was not found in Autoenhance`,
			description: 'Check the ID: it may belong to another account, or have been deleted.',
		};
	}
	if (statusCode === 400 || statusCode === 409 || statusCode === 422) {
		const fields = fieldMessages(failure.body);
		return {
			message: `${host} rejected the request: ${fields.length ? fields.join('; ') : serverText || `HTTP ${statusCode}`}`,
			description: fields.length && serverText ? serverText : `HTTP ${statusCode}`,
		};
	}
	if (statusCode === 429) {
		const wait = failure.retryAfterMs === undefined ? '' : ` Try again in ${Math.ceil(failure.retryAfterMs / 1000)} s.`;
		return {
			message: `${host} is rate limiting requests (HTTP 429)`,
			description: `${tried(attempts)}${wait}`.trim() || 'Try again later.',
		};
	}
	return {
		message: `${host} answered HTTP ${statusCode}${statusCode >= 500 ? ': it is having trouble' : ''}`,
		description: `${serverText ? serverText + ' ' : ''}${tried(attempts)}`.trim() || `HTTP ${statusCode}`,
	};
}

function tried(attempts: number): string {
	return attempts > 1 ? `Gave up after ${attempts} attempts. ` : '';
}

/** The `detail` of an APIFlask 422: `{ json: { image_name: ['Missing data…'] } }` → `image_name: Missing data…`. */
function fieldMessages(body: unknown): string[] {
	const detail = isObject(body) ? body.detail : undefined;
	if (!isObject(detail)) return [];
	const messages: string[] = [];
	for (const fields of Object.values(detail)) {
		if (!isObject(fields)) continue;
		for (const [field, problems] of Object.entries(fields)) {
			messages.push(`${field}: ${Array.isArray(problems) ? problems.join(' ') : String(problems)}`);
		}
	}
	return messages;
}

function serverMessage(body: unknown): string {
	if (isObject(body) && typeof body.message === 'string') return body.message;
	if (typeof body !== 'string') return '';
	const s3Code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
	const s3Message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
	if (s3Code) return s3Message ? `${s3Code}: ${s3Message}` : s3Code;
	return body.length <= 300 ? body.trim() : '';
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body.slice(0, 2000);
	try {
		return JSON.stringify(body ?? null).slice(0, 2000);
	} catch {
		return '';
	}
}

function redact(text: string, secrets: string[]): string {
	return secrets.reduce((result, secret) => result.split(secret).join('[redacted]'), text);
}
