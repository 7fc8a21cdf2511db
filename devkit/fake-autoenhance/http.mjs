// Response helpers shared by the three listeners: APIFlask-style JSON errors on the API,
// S3-style XML errors on the upload and asset hosts.
import { STATUS_CODES } from 'node:http';

const MAX_JSON_BYTES = 1024 * 1024;

export class HttpError extends Error {
	constructor(status, message, detail = {}, headers = {}) {
		super(message);
		this.status = status;
		this.detail = detail;
		this.headers = headers;
	}
}

export const notFound = (what) => new HttpError(404, `${what} not found`);
export const conflict = (message, detail) => new HttpError(409, message, detail);
export const unprocessable = (message, detail) => new HttpError(422, message, detail);

/** 422 in the APIFlask shape: {"message":"Validation error","detail":{"json":{"field":["…"]}}}. */
export function validationError(location, fields) {
	return new HttpError(422, 'Validation error', { [location]: fields });
}

export function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendApiError(res, error) {
	sendJson(res, error.status, { message: error.message, detail: error.detail }, error.headers);
}

export function sendEmpty(res, status, headers = {}) {
	res.writeHead(status, { 'content-length': 0, ...headers });
	res.end();
}

const S3_CODES = {
	400: 'BadRequest',
	403: 'AccessDenied',
	404: 'NoSuchKey',
	405: 'MethodNotAllowed',
	429: 'SlowDown',
	500: 'InternalError',
	502: 'BadGateway',
	503: 'ServiceUnavailable',
};

export function s3ErrorBody(status, code = S3_CODES[status] ?? 'Error', message = STATUS_CODES[status]) {
	return (
		'<?xml version="1.0" encoding="UTF-8"?>\n' +
		`<Error><Code>${code}</Code><Message>${escapeHtml(message)}</Message>` +
		`<RequestId>FAKE${Date.now().toString(16).toUpperCase()}</RequestId></Error>`
	);
}

export function sendS3Error(res, status, code, message, headers = {}) {
	const xml = s3ErrorBody(status, code, message);
	res.writeHead(status, {
		'content-type': 'application/xml',
		'content-length': Buffer.byteLength(xml),
		...headers,
	});
	res.end(xml);
}

/** The error body a listener of this kind answers with (JSON on the API, XML elsewhere). */
export function sendListenerError(res, listener, status, headers = {}) {
	if (listener === 'api') {
		sendJson(res, status, { message: STATUS_CODES[status] ?? 'Error', detail: {} }, headers);
	} else {
		sendS3Error(res, status, undefined, undefined, headers);
	}
}

function escapeHtml(text) {
	return String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** A 302 exactly as Flask/Werkzeug sends it: Location plus a small HTML page with the href. */
export function sendRedirect(res, location) {
	const href = escapeHtml(location);
	const html =
		'<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n' +
		`<p>You should be redirected automatically to the target URL: <a href="${href}">${href}</a>. ` +
		'If not, click the link.\n';
	res.writeHead(302, {
		location,
		'content-type': 'text/html; charset=utf-8',
		'content-length': Buffer.byteLength(html),
	});
	res.end(html);
}

/** Reads a small request body, counting it on the request record. */
async function readSmallBody(req, record, limit = MAX_JSON_BYTES) {
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		record.bytesIn = size;
		if (size > limit) throw new HttpError(413, 'Request body too large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/** Parses a JSON request body; an absent body counts as {} (routes then enforce required fields). */
export async function readJsonBody(req, record) {
	const raw = await readSmallBody(req, record);
	if (raw.length === 0) return {};
	const mime = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	if (mime !== 'application/json') {
		throw new HttpError(400, 'Request body must be JSON (Content-Type: application/json)', {
			headers: { 'content-type': ['Must be application/json.'] },
		});
	}
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch (error) {
		throw new HttpError(400, `Invalid JSON body: ${error.message}`);
	}
}
