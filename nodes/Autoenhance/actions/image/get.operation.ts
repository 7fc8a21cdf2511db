import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requiredString } from '../../helpers/parameters';
import { apiRequest } from '../../transport';
import { imageIdField } from './fields';

const properties: INodeProperties[] = [imageIdField];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	const image = await apiRequest.call(this, {
		method: 'GET',
		path: `/v3/images/${encodeURIComponent(imageId)}`,
		subject: `image "${imageId}"`,
		itemIndex,
	});
	return [{ json: image }];
}
