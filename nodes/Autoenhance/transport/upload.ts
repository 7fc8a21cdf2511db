import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext } from './connection';
import { parseHttpUrl } from './connection';
import { send, TRANSFER_IDLE_TIMEOUT_MS } from './send';

export interface UploadSource {
	contentLength: number;
	/** Opens the bytes afresh; called again for each retry. */
	open(): Promise<NodeJS.ReadableStream | Buffer>;
}

interface Upload {
	/** The presigned URL from `upload_url` or `s3PutObjectUrl`. */
	url: string;
	/** The `content_type` given when the image was created, if one was: the URL is signed for it. */
	signedContentType?: string;
	source: UploadSource;
	subject: string;
	itemIndex?: number;
}

/**
 * PUTs the bytes to the storage host without credentials. Redirects are not followed: following
 * them makes the HTTP client keep the whole body in memory in case it has to send it again.
 */
export async function uploadToPresignedUrl(this: AutoenhanceContext, upload: Upload): Promise<void> {
	const url = parseUploadUrl.call(this, upload);
	await send.call(
		this,
		{
			method: 'PUT',
			url: url.href,
			headers: {
				// The URL is signed for the type given when the image was created, or for none.
				'Content-Type': upload.signedContentType || 'application/octet-stream',
				'Content-Length': String(upload.source.contentLength),
			},
			json: false,
			disableFollowRedirect: true,
			timeout: TRANSFER_IDLE_TIMEOUT_MS,
		},
		{ host: 'upload', subject: upload.subject, origin: url.origin, itemIndex: upload.itemIndex },
		{ authenticated: false, safeToRepeat: true, openBody: upload.source.open },
	);
}

function parseUploadUrl(this: AutoenhanceContext, upload: Upload): URL {
	const url = parseHttpUrl(upload.url);
	if (!url) {
		const item = upload.itemIndex === undefined ? '' : ` (item ${upload.itemIndex})`;
		throw new NodeOperationError(this.getNode(), `The upload URL of ${upload.subject} is not an http(s) URL${item}`, {
			itemIndex: upload.itemIndex,
			description: 'Use the upload_url (or s3PutObjectUrl) that Create Image returned.',
		});
	}
	return url;
}
