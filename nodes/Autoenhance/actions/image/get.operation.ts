import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { fetchImage } from '../../helpers/imageRequests';
import { outputItem } from '../../helpers/outputItem';
import { requiredString } from '../../helpers/parameters';
import { optionsField } from '../../helpers/options';
import { imageIdField } from './fields';

const properties: INodeProperties[] = [imageIdField, optionsField()];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	return [outputItem.call(this, itemIndex, await fetchImage.call(this, imageId, itemIndex))];
}
