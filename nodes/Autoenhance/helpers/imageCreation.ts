import { randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadSource } from '../transport';
import { apiRequest, apiRequestIfFound, uploadToPresignedUrl } from '../transport';
import { safeName, withGivenName } from '../api/names';
import { imagePath } from './imageRequests';

export interface NewImage {
	imageName: string;
	/** Without one, the image gets an order of its own. */
	orderId?: string;
	/** Sent as `content_type`: the presigned URL is then signed for exactly this Content-Type. */
	contentType?: string;
	/** More API fields: the enhancement settings, or `{ hdr: true }` for a bracket. */
	fields?: IDataObject;
}

/**
 * Registers an image and returns the API object with its upload URL (and the name as given). The
 * order ID is chosen here when none is given: after an attempt whose answer was lost, the order
 * that attempt made is the one the image lands in.
 */
export async function createImage(
	this: IExecuteFunctions,
	image: NewImage,
	itemIndex?: number,
): Promise<IDataObject> {
	const body: IDataObject = { order_id: randomUUID(), ...image.fields, image_name: safeName(image.imageName) };
	if (image.orderId) body.order_id = image.orderId;
	if (image.contentType) body.content_type = image.contentType;
	return withGivenName(await createUnderNewId.call(this, body, image.imageName, itemIndex), image.imageName);
}

/**
 * Creates the image under an ID chosen here. After an attempt whose answer was lost, the image it
 * may have created is deleted and the image created again under a new ID: a deleted image may
 * keep its ID (Autoenhance may only mark it deleted).
 */
async function createUnderNewId(
	this: IExecuteFunctions,
	fields: IDataObject,
	imageName: string,
	itemIndex?: number,
): Promise<IDataObject> {
	const imageId = randomUUID();
	return await apiRequest.call(this, {
		method: 'POST',
		path: '/v3/images/',
		body: { ...fields, image_id: imageId },
		recover: async () => {
			await apiRequestIfFound.call(this, { method: 'DELETE', path: imagePath(imageId), subject: `image "${imageId}"`, itemIndex });
			return await createUnderNewId.call(this, fields, imageName, itemIndex);
		},
		subject: `image "${imageName}"`,
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
