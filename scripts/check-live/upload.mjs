// Which key a create answer holds the presigned upload URL under, and the upload itself.
import { CheckFailed, expectOk } from './failures.mjs';

const UPLOAD_URL_KEYS = ['upload_url', 's3PutObjectUrl'];

/** `upload_url`, `s3PutObjectUrl`, or null when the answer has neither. */
export function uploadUrlKeyOf(created) {
	return UPLOAD_URL_KEYS.find((key) => typeof created[key] === 'string' && created[key] !== '') ?? null;
}

/** PUTs the bytes, as created without a content type: signed for application/octet-stream. */
export async function uploadTo(client, created, bytes, step) {
	const key = uploadUrlKeyOf(created);
	if (!key) throw new CheckFailed(`${step}: the answer has neither upload_url nor s3PutObjectUrl`);
	const response = await client.plain('PUT', created[key], { body: bytes, contentType: 'application/octet-stream' });
	expectOk(response, step);
	return response.endedAt;
}
