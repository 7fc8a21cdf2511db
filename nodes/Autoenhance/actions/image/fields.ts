import type { INodeProperties } from 'n8n-workflow';

export const imageIdField: INodeProperties = {
	displayName: 'Image ID',
	name: 'imageId',
	type: 'string',
	required: true,
	default: '={{ $json.image_id }}',
	description: 'The ID of the image in Autoenhance, e.g. from Create Image or the trigger',
};
