import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { imagePath } from '../../helpers/imageRequests';
import { outputItem } from '../../helpers/outputItem';
import { requiredString } from '../../helpers/parameters';
import { optionsField } from '../../helpers/options';
import { apiRequest } from '../../transport';
import { imageIdFields } from './fields';

const properties: INodeProperties[] = [...imageIdFields, optionsField()];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['delete'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	await apiRequest.call(this, {
		method: 'DELETE',
		path: imagePath(imageId),
		subject: `image "${imageId}"`,
		itemIndex,
	});
	return [outputItem.call(this, itemIndex, { deleted: true, image_id: imageId })];
}
