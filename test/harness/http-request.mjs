// What n8n's Express app adds to node:http's req/res before a webhook node sees them:
// the Express request/response members nodes use, and n8n's rawBodyReader + parseBody
// (packages/cli/src/middlewares/body-parser.ts; parseIncomingMessage is @n8n/backend-network's).
import { parse as parseQuery } from 'node:querystring';
import { createGunzip, createInflate } from 'node:zlib';
import { n8nWorkflow, parseIncomingMessage } from './n8n.mjs';

export class HttpError extends Error {
	constructor(status, body) {
		super(body.message);
		this.status = status;
		this.body = body;
	}
}

export function asExpressRequest(req, url) {
	parseIncomingMessage(req);
	req.path = url.pathname;
	req.query = parseQuery(url.search.slice(1));
	req.params = {};
	req.originalUrl = req.url;
	return req;
}

export function asExpressResponse(res) {
	res.status = (code) => {
		res.statusCode = code;
		return res;
	};
	res.header = res.set = (name, value) => {
		res.setHeader(name, value);
		return res;
	};
	res.json = (body) => {
		if (!res.hasHeader('content-type'))
			res.setHeader('content-type', 'application/json; charset=utf-8');
		res.end(body === undefined ? undefined : JSON.stringify(body));
		return res;
	};
	res.send = (body) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) return res.json(body);
		if (!res.hasHeader('content-type')) {
			res.setHeader(
				'content-type',
				Buffer.isBuffer(body) ? 'application/octet-stream' : 'text/html; charset=utf-8',
			);
		}
		res.end(body);
		return res;
	};
	return res;
}

/** Sets req.rawBody as raw-body does in n8n, with the same decompression and size limit. */
export async function readRawBody(req, limitBytes) {
	const encoding = req.headers['content-encoding'];
	const stream =
		encoding === 'gzip'
			? req.pipe(createGunzip())
			: encoding === 'deflate'
				? req.pipe(createInflate())
				: req;
	const chunks = [];
	let size = 0;
	for await (const chunk of stream) {
		size += chunk.length;
		if (size > limitBytes) {
			req.resume();
			throw new Error('request entity too large');
		}
		chunks.push(chunk);
	}
	req.rawBody = Buffer.concat(chunks);
}

const stripBom = (text) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * n8n's parseBody: JSON, urlencoded and text bodies (a leading byte order mark is dropped from the
 * first two, as n8n 2.41 does); anything else leaves req.body unset.
 */
export function parseBody(req) {
	const { rawBody, contentType, encoding } = req;
	if (!rawBody?.length || contentType?.startsWith('multipart/')) return;
	try {
		if (contentType === 'application/json') {
			req.body = n8nWorkflow.jsonParse(stripBom(rawBody.toString(encoding)));
		} else if (contentType === 'application/x-www-form-urlencoded') {
			req.body = parseQuery(stripBom(rawBody.toString(encoding)), undefined, undefined, {
				maxKeys: 1000,
			});
		} else if (contentType === 'text/plain') {
			req.body = rawBody.toString(encoding);
		}
	} catch (error) {
		throw new HttpError(422, {
			code: 422,
			message: 'Failed to parse request body',
			hint: error.message,
		});
	}
}
