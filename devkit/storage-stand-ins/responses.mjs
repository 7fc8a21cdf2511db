// Reading request bodies and answering, for the storage stand-ins' hosts.

export class StandInError extends Error {
	/** `body`: the JSON (or text) the real service answers with; `headers` extra response headers. */
	constructor(status, body, headers = {}) {
		super(typeof body === 'string' ? body : JSON.stringify(body));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

export function sendJson(res, status, body, headers = {}) {
	const text = JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export function sendText(res, status, text, headers = {}) {
	res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

export function sendError(res, error) {
	if (typeof error.body === 'string') sendText(res, error.status, error.body, error.headers);
	else sendJson(res, error.status, error.body, error.headers);
}

/** The whole request body as one Buffer (uploads included: the stand-ins keep them in memory). */
export async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

/** The MIME type of a Content-Type header, lower case, without parameters ('' when absent). */
export const mimeOf = (header) => (header ?? '').split(';')[0].trim().toLowerCase();

/** The bearer token of an Authorization header, or undefined. */
export function bearerToken(req) {
	const match = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
	return match?.[1];
}
