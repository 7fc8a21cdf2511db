import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest } from '../transport';
import { deleteAt, isDeleted } from './deletion';
import { safeName, withGivenName } from './names';
import { IMAGES, imagePath } from './paths';

/** An image as the API returns it; the node passes it on whole. */
export interface ApiImage extends IDataObject {
	image_id?: string;
	image_name?: string;
	order_id?: string;
	status?: string;
	status_reason?: string;
	error?: boolean;
	/** The presigned upload URL on newer API versions... */
	upload_url?: string;
	/** ...and on older ones. */
	s3PutObjectUrl?: string;
}

export interface NewImage {
	imageName: string;
	/** Without one, the image gets an order of its own. */
	orderId?: string;
	/** Sent as `content_type`: the presigned URL is then signed for exactly this Content-Type. */
	contentType?: string;
	/** More API fields: the enhancement settings. */
	fields?: IDataObject;
}

export interface ImageReport extends IDataObject {
	categories: string[];
	source: 'API';
	comment?: string;
	score?: number;
}

const subjectOf = (imageId: string) => `image "${imageId}"`;

/** The image as Autoenhance has it now: status, settings, name. A deleted one is not found. */
export async function getImage(this: AutoenhanceContext, imageId: string, itemIndex?: number): Promise<ApiImage> {
	return await apiRequest.call(this, {
		method: 'GET',
		path: imagePath(imageId),
		subject: subjectOf(imageId),
		itemIndex,
		isGone: isDeleted,
	});
}

/**
 * Registers an image and returns the API object with its upload URL, and the name as given
 * (a name with `/` is sent safe). The order ID is chosen here when none is given: after an
 * attempt whose answer was lost, the order that attempt made is the one the image lands in.
 */
export async function createImage(this: AutoenhanceContext, image: NewImage, itemIndex?: number): Promise<ApiImage> {
	const body: IDataObject = { order_id: randomUUID(), ...image.fields, image_name: safeName(image.imageName) };
	if (image.orderId) body.order_id = image.orderId;
	if (image.contentType) body.content_type = image.contentType;
	return withGivenName(await createUnderNewId.call(this, body, image.imageName, itemIndex), image.imageName);
}

/**
 * Creates the image under an ID chosen here. After an attempt whose answer was lost, the image it
 * may have created is deleted (its upload URL went with the answer) and the image created again
 * under a new ID: Autoenhance may keep a deleted image's ID.
 */
async function createUnderNewId(
	this: AutoenhanceContext,
	fields: IDataObject,
	imageName: string,
	itemIndex?: number,
): Promise<ApiImage> {
	const imageId = randomUUID();
	return await apiRequest.call(this, {
		method: 'POST',
		path: IMAGES,
		body: { ...fields, image_id: imageId },
		recover: async () => {
			await deleteAt.call(this, { path: imagePath(imageId), subject: subjectOf(imageId), itemIndex, ifFound: true });
			return await createUnderNewId.call(this, fields, imageName, itemIndex);
		},
		subject: `image "${imageName}"`,
		itemIndex,
	});
}

/** Enhances an uploaded image again with the given settings; the others keep their values. */
export async function processImage(
	this: AutoenhanceContext,
	imageId: string,
	settings: IDataObject,
	itemIndex?: number,
): Promise<ApiImage> {
	return await apiRequest.call(this, {
		method: 'POST',
		path: imagePath(imageId, 'process'),
		body: settings,
		subject: subjectOf(imageId),
		itemIndex,
	});
}

export async function reportImage(
	this: AutoenhanceContext,
	imageId: string,
	report: ImageReport,
	itemIndex?: number,
): Promise<void> {
	await apiRequest.call(this, {
		method: 'POST',
		path: imagePath(imageId, 'report'),
		body: report,
		subject: subjectOf(imageId),
		itemIndex,
	});
}

export async function deleteImage(this: AutoenhanceContext, imageId: string, itemIndex?: number): Promise<void> {
	await deleteAt.call(this, { path: imagePath(imageId), subject: subjectOf(imageId), itemIndex });
}
