import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getImage } from '../../api/images';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { optionsField } from '../../fields/options';
import { imageJson, simplifyField } from '../simplify';
import { imageIdFields } from './fields';

const properties: INodeProperties[] = [...imageIdFields, simplifyField, optionsField()];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['get'] } },
	properties,
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	const image = await getImage.call(this, imageId, itemIndex);
	return [outputItem.call(this, itemIndex, imageJson.call(this, itemIndex, image))];
}
