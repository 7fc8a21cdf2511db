import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadSource } from '../transport';
import { apiRequest, uploadToPresignedUrl } from '../transport';

export interface NewImage {
	imageName: string;
	orderId?: string;
	/** Sent as `content_type`: the presigned URL is then signed for exactly this Content-Type. */
	contentType?: string;
	/** More API fields: the enhancement settings, or `{ hdr: true }` for a bracket. */
	fields?: IDataObject;
}

/**
 * Registers an image and returns the API object with its upload URL. The image ID is chosen
 * here, so repeating the request after an unclear failure cannot register the image twice.
 */
export async function createImage(
	this: IExecuteFunctions,
	image: NewImage,
	itemIndex?: number,
): Promise<IDataObject> {
	const body: IDataObject = { image_id: randomUUID(), ...image.fields, image_name: image.imageName };
	if (image.orderId) body.order_id = image.orderId;
	if (image.contentType) body.content_type = image.contentType;
	return await apiRequest.call(this, {
		method: 'POST',
		path: '/v3/images/',
		body,
		safeToRepeat: true,
		subject: `image "${image.imageName}"`,
		itemIndex,
	});
}

/** The presigned upload URL: `upload_url` on newer API versions, `s3PutObjectUrl` on older ones. */
export function uploadUrlOf(created: IDataObject): string | undefined {
	const url = created.upload_url ?? created.s3PutObjectUrl;
	return typeof url === 'string' && url ? url : undefined;
}

/** Registers an image and uploads its bytes; returns the API object of the created image. */
export async function createAndUploadImage(
	this: IExecuteFunctions,
	image: NewImage,
	source: UploadSource,
	itemIndex?: number,
): Promise<IDataObject> {
	const created = await createImage.call(this, image, itemIndex);
	const subject = `image "${image.imageName}"`;
	const url = uploadUrlOf(created);
	if (!url) {
		throw new NodeOperationError(this.getNode(), `Autoenhance returned no upload URL for ${subject}`, {
			itemIndex,
			description: 'The response had neither upload_url nor s3PutObjectUrl.',
		});
	}
	await uploadToPresignedUrl.call(this, {
		url,
		signedContentType: image.contentType,
		source,
		subject,
		itemIndex,
	});
	return created;
}
