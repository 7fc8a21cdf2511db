import type { INodeProperties } from 'n8n-workflow';

import { concurrencyOption } from '../../helpers/options';

export const imageIdField: INodeProperties = {
	displayName: 'Image ID',
	name: 'imageId',
	type: 'string',
	required: true,
	default: '={{ $json.image_id }}',
	description: 'The ID of the image in Autoenhance, e.g. from Create Image or the trigger',
};

export const binaryPropertyNameField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the photo',
	description:
		'The binary field of the input item that holds the photo, e.g. "data" after a Google Drive or Dropbox download',
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

/** An operation's Options collection: the router's concurrency first, then the operation's own. */
export function optionsField(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption, ...options],
	};
}
