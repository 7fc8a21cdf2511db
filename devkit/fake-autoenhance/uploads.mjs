// The "S3" host: presigned PUT URLs and the listener that checks and stores uploads.
// Like S3 it ignores credentials it is sent (x-api-key, Authorization), but the request
// record keeps them, so tests can assert a client never leaks the key here.
import { randomUUID } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { sendEmpty, sendS3Error } from './http.mjs';
import { onUploaded } from './lifecycle.mjs';

export const OCTET_STREAM = 'application/octet-stream';

/** First API version answering `upload_url` (older ones, and no header, get `s3PutObjectUrl`). */
export const UPLOAD_URL_SINCE = '2025-05-08';

export const uploadUrlKey = (apiVersion) =>
	apiVersion !== null && apiVersion >= UPLOAD_URL_SINCE ? 'upload_url' : 's3PutObjectUrl';

/** A presigned PUT URL for the blob, signed for the Content-Type chosen at create. */
export function uploadUrl(core, blob) {
	return core.signer.sign(core.origins.upload, blob.key, {
		method: 'PUT',
		ttlMs: core.config.uploadUrlTtlMs,
		contentType: blob.contentType,
	});
}

const REJECTIONS = {
	signature: [
		403,
		'SignatureDoesNotMatch',
		'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
	],
	expired: [403, 'AccessDenied', 'Request has expired'],
	method: [405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.'],
	length: [411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.'],
	incomplete: [
		400,
		'IncompleteBody',
		'You did not provide the number of bytes specified by the Content-Length HTTP header',
	],
};

function rejection(req, url, core) {
	if (req.method !== 'PUT') return 'method';
	const verdict = core.signer.verify('PUT', url, req.headers['content-type']);
	if (verdict !== 'ok') return verdict;
	return req.headers['content-length'] === undefined ? 'length' : null;
}

function recordUpload(core, blob, saved) {
	Object.assign(blob, { uploaded: true, size: saved.size, sha256: saved.sha256, head: saved.head });
	core.stats.uploads += 1;
	onUploaded(core, blob);
}

export function createUploadHandler(core) {
	return async function handleUpload(req, res, { url, record }) {
		const refused = rejection(req, url, core);
		if (refused) return sendS3Error(res, ...REJECTIONS[refused]);

		// S3 accepts a validly signed PUT even when the API object is gone: store, then drop it.
		const blob = core.blobs.get(url.pathname);
		const path = blob?.path ?? core.storage.pathFor(`discarded-${randomUUID()}`);
		let saved;
		try {
			saved = await core.storage.save(req, path, {
				expectedSize: Number(req.headers['content-length']),
				onChunk: (length) => {
					record.bytesIn += length;
					core.relieveMemory(length);
				},
			});
		} catch (error) {
			// A body cut short by the client is answered by the listener's clientError handler.
			if (req.socket.writableEnded || res.headersSent) return;
			if (error.code === 'SIZE_MISMATCH' || req.readableAborted) {
				return sendS3Error(res, ...REJECTIONS.incomplete);
			}
			throw error;
		}
		if (blob) recordUpload(core, blob, saved);
		else await unlink(path);
		sendEmpty(res, 200, { etag: `"${saved.md5}"` });
	};
}
