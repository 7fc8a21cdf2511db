import type { INodeProperties } from 'n8n-workflow';

import { imageLocator, orderLocator } from '../locators';
import { changedInVersion2 } from '../versions';

const imageIdText: INodeProperties = {
	displayName: 'Image ID',
	name: 'imageId',
	type: 'string',
	required: true,
	default: '={{ $json.image_id }}',
	description: 'The ID of the image in Autoenhance, e.g. from Create Image or the trigger',
};

const orderIdText: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	description:
		'Images with the same order ID land in one order, e.g. all images of one listing. Use an existing order ID, or any new unique text to start an order. Leave empty to give each image an order of its own.',
};

export const imageIdFields = changedInVersion2(imageIdText, imageLocator);

/** The order new images go into (Image › Create, Enhance): optional, and it may not exist yet. */
export const targetOrderIdFields = changedInVersion2(
	orderIdText,
	orderLocator({
		description:
			'The order the images go into, e.g. one per listing: pick one, or enter the ID of an existing or a new order under By ID. Leave empty to give each image an order of its own.',
	}),
);

export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until Autoenhance has finished editing the image (usually under a minute) before passing it on',
};
