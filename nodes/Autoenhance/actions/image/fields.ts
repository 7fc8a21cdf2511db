import type { INodeProperties } from 'n8n-workflow';

export const imageIdField: INodeProperties = {
	displayName: 'Image ID',
	name: 'imageId',
	type: 'string',
	required: true,
	default: '={{ $json.image_id }}',
	description: 'The ID of the image in Autoenhance, e.g. from Create Image or the trigger',
};

export const orderIdField: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	default: '',
	description:
		'Photos with the same order ID land in one order, e.g. all photos of one listing. Use an existing order ID, or any new unique text to start an order. Leave empty to give each photo an order of its own.',
};

export const waitForCompletionField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until Autoenhance has finished editing the photo (usually under a minute) before passing it on',
};
