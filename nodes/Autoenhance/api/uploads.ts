import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { AutoenhanceContext, UploadSource } from '../transport';
import { uploadToPresignedUrl } from '../transport';
import type { ApiImage, NewImage } from './images';
import { createImage } from './images';

export { uploadToPresignedUrl };

/** The presigned upload URL: `upload_url` on newer API versions, `s3PutObjectUrl` on older ones. */
export function uploadUrlOf(created: IDataObject): string | undefined {
	const url = created.upload_url ?? created.s3PutObjectUrl;
	return typeof url === 'string' && url ? url : undefined;
}

/** Registers an image and uploads its bytes; returns the API object of the created image. */
export async function createAndUploadImage(
	this: AutoenhanceContext,
	image: NewImage,
	source: UploadSource,
	itemIndex?: number,
): Promise<ApiImage> {
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
