import type { HttpResponse } from './send';
import { isReadable } from './send';

/**
 * What a download request answered with, besides a redirect: the file, a JSON document that
 * points to it, or something that is no file at all (a web page, JSON without a link, an XML
 * error): never stored as a photo.
 */
type DownloadAnswer =
	| { kind: 'file' }
	| { kind: 'link'; url: string }
	| { kind: 'notAFile'; what: string };

const JSON_LIMIT = 64 * 1024;
/** A document rather than image bytes: `<` (HTML, XML) or `{` / `[` (JSON), after any whitespace. */
const DOCUMENT_START = /^\s*[<{[]/;

/** `linkInJson`: the file's URL in a JSON answer, if it holds one. */
export async function readDownloadAnswer(
	response: HttpResponse,
	contentType: string | undefined,
	linkInJson: (document: unknown) => string | undefined,
): Promise<DownloadAnswer> {
	const body = response.body;
	if (contentType === 'application/json' || contentType?.endsWith('+json')) return linkIn(await readAll(body), linkInJson);
	if (contentType?.startsWith('text/') || contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
		return { kind: 'notAFile', what: `a web page (${contentType})` };
	}
	const start = isReadable(body) ? await peek(body) : Buffer.isBuffer(body) ? body : Buffer.alloc(0);
	if (DOCUMENT_START.test(start.subarray(0, 64).toString('latin1'))) {
		return { kind: 'notAFile', what: `a text document (${contentType ?? 'no content type'})` };
	}
	return { kind: 'file' };
}

function linkIn(text: string, linkInJson: (document: unknown) => string | undefined): DownloadAnswer {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		return { kind: 'notAFile', what: 'broken JSON' };
	}
	const url = linkInJson(document);
	return url ? { kind: 'link', url } : { kind: 'notAFile', what: `JSON without a link to the file (${text.slice(0, 200)})` };
}

async function readAll(body: unknown): Promise<string> {
	if (!isReadable(body)) return Buffer.isBuffer(body) ? body.toString('utf8') : JSON.stringify(body ?? null);
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += chunk.length;
		if (size <= JSON_LIMIT) chunks.push(Buffer.from(chunk));
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The first bytes of a stream, put back so that whoever reads it next gets them too. */
async function peek(body: NodeJS.ReadableStream): Promise<Buffer> {
	for (;;) {
		const chunk = body.read() as Buffer | string | null;
		if (chunk !== null) {
			body.unshift(chunk);
			return Buffer.from(chunk);
		}
		if ((body as { readableEnded?: boolean }).readableEnded) return Buffer.alloc(0);
		await new Promise<void>((resolve) => {
			const done = () => {
				body.removeListener('readable', done);
				body.removeListener('end', done);
				body.removeListener('error', done);
				resolve();
			};
			body.once('readable', done);
			body.once('end', done);
			body.once('error', done);
		});
	}
}
