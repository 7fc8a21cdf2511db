import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createImage } from '../../api/images';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { enhancementSettingsField, readEnhancementSettings } from '../../fields/settings';
import { optionsField } from '../../fields/options';
import { targetOrderIdFields } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Image Name',
		name: 'imageName',
		type: 'string',
		required: true,
		default: '={{ $binary.data?.fileName ?? "" }}',
		description:
			'The name of the image in Autoenhance, usually its file name, e.g. living-room.jpg. By default the file name of the input item\'s "data" file.',
	},
	...targetOrderIdFields,
	enhancementSettingsField({ panorama: true }),
	optionsField([
		{
			displayName: 'Content Type',
			name: 'contentType',
			type: 'string',
			default: '',
			placeholder: 'e.g. image/jpeg',
			description:
				'The MIME type of the file, for integrations that need it. When set, the upload must be sent with exactly this type, which the Upload operation does by itself. Leave empty to upload as application/octet-stream.',
		},
	]),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['create'] } },
	properties,
);

/** Registers an image without its bytes; the output carries the URL the Upload operation sends them to. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageName = requiredString.call(this, 'imageName', itemIndex, 'Image Name');
	const orderId = (this.getNodeParameter('orderId', itemIndex, '', { extractValue: true }) as string).trim();
	const contentType = (this.getNodeParameter('options.contentType', itemIndex, '') as string).trim();
	const created = await createImage.call(
		this,
		{ imageName, orderId, contentType, fields: readEnhancementSettings.call(this, itemIndex) },
		itemIndex,
	);
	// Upload reads content_type from its input to send the type the URL was signed for.
	return [outputItem.call(this, itemIndex, contentType ? { content_type: contentType, ...created } : created)];
}
