import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { mapWithConcurrency } from '../helpers/concurrency';
import type { ImageVersion } from '../helpers/imageDownload';
import { downloadImage, downloadOptionsField, imageVersionField } from '../helpers/imageDownload';
import { imagePath } from '../helpers/imageRequests';
import { DEFAULT_CONCURRENCY } from '../helpers/options';
import { orderPath } from '../helpers/orders';
import { apiRequest } from '../transport';

export type TriggerContext = IWebhookFunctions | IPollFunctions;

const whenDownloading = { displayOptions: { show: { download: [true] } } };

/** The download choice both triggers offer, so a workflow can go straight on to Dropbox or Drive. */
export const downloadFields: INodeProperties[] = [
	{
		displayName: 'Download Enhanced Image',
		name: 'download',
		type: 'boolean',
		default: false,
		description:
			'Whether to put the enhanced photo into the item as binary data, with the whole image as JSON. For a finished order: one item per enhanced image; images that failed are left out.',
	},
	imageVersionField(['preview', 'full'], whenDownloading),
	downloadOptionsField(whenDownloading),
];

export interface OutputChoice {
	/** Fetch the whole image or order, rather than pass on the webhook's few fields. */
	fetchDetails: boolean;
	download?: { version: ImageVersion; options: IDataObject };
}

export function readOutputChoice(this: TriggerContext): OutputChoice {
	const download = this.getNodeParameter('download', false) as boolean;
	if (!download) return { fetchDetails: this.getNodeParameter('fetchDetails', false) as boolean };
	return {
		fetchDetails: true,
		download: {
			version: this.getNodeParameter('imageVersion', 'preview') as ImageVersion,
			options: this.getNodeParameter('downloadOptions', {}) as IDataObject,
		},
	};
}

/** The item for one processed image: the webhook's fields, or the whole image (with its file). */
export async function imageItems(
	this: TriggerContext,
	imageId: string,
	payload: IDataObject,
	choice: OutputChoice,
): Promise<INodeExecutionData[]> {
	if (!choice.fetchDetails) return [{ json: payload }];
	const image = await apiRequest.call(this, { method: 'GET', path: imagePath(imageId), subject: `image "${imageId}"` });
	return [await withDownload.call(this, image, choice)];
}

export async function fetchOrder(this: TriggerContext, orderId: string): Promise<IDataObject> {
	return await apiRequest.call(this, { method: 'GET', path: orderPath(orderId), subject: `order "${orderId}"` });
}

/** A finished order as one item, or, when downloading, one item per enhanced image of it. */
export async function orderItems(
	this: TriggerContext,
	order: IDataObject,
	choice: OutputChoice,
): Promise<INodeExecutionData[]> {
	if (!choice.download) return [{ json: order }];
	const images = Array.isArray(order.images) ? (order.images as IDataObject[]) : [];
	const enhanced = images.filter(isEnhanced);
	return await mapWithConcurrency(enhanced, DEFAULT_CONCURRENCY, async (image) =>
		await withDownload.call(this, image, choice),
	);
}

async function withDownload(
	this: TriggerContext,
	image: IDataObject,
	{ download }: OutputChoice,
): Promise<INodeExecutionData> {
	if (!download || !isEnhanced(image)) return { json: image };
	const binary = await downloadImage.call(this, {
		imageId: String(image.image_id),
		imageName: typeof image.image_name === 'string' ? image.image_name : undefined,
		version: download.version,
		options: download.options,
	});
	return { json: image, binary };
}

function isEnhanced(image: IDataObject): boolean {
	return image.status === 'processed';
}
