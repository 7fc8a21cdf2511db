import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions, IWebhookFunctions } from 'n8n-workflow';

import { getImage } from '../api/images';
import { imagesOf } from '../api/orders';

export type TriggerContext = IWebhookFunctions | IPollFunctions;

/**
 * Triggers emit JSON only: n8n keeps the files a webhook execution writes for its first item
 * alone, so the download belongs in an action node, which stores them under its execution.
 */
export const downloadNotice: INodeProperties = {
	displayName: 'To get the enhanced images as files, add an Autoenhance node after this one: Image › Download.',
	name: 'downloadNotice',
	type: 'notice',
	default: '',
};

/** The item for one processed image: the webhook's fields, or the whole image. */
export async function imageItem(
	this: TriggerContext,
	imageId: string,
	payload: IDataObject,
	fetchDetails: boolean,
): Promise<INodeExecutionData> {
	if (!fetchDetails) return { json: payload };
	return { json: await getImage.call(this, imageId) };
}

/**
 * A finished order as one item per enhanced image (the image as the API returns it, with
 * `image_id` and `order_id`), so that Image › Download can follow. Images that failed or expired
 * are left out: there is nothing to download.
 */
export function enhancedImageItems(order: IDataObject): INodeExecutionData[] {
	const images = imagesOf(order);
	return images.filter((image) => image.status === 'processed').map((image) => ({ json: image }));
}
