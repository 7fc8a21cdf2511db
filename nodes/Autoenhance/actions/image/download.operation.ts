import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { getImage } from '../../api/images';
import { downloadChosenImage } from '../../helpers/download';
import { downloadOptionsField, imageVersionField } from '../../fields/files';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { optionsField } from '../../fields/options';
import { imageIdFields } from './fields';

const properties: INodeProperties[] = [
	...imageIdFields,
	imageVersionField(['preview', 'full', 'original']),
	downloadOptionsField(),
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['download'] } },
	properties,
);

/** Downloads the photo as a file; the output JSON is the image as Autoenhance had it just before. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	const image = await getImage.call(this, imageId, itemIndex);
	const wantsOriginal = this.getNodeParameter('imageVersion', itemIndex, 'preview') === 'original';
	if (!wantsOriginal && image.status !== 'processed') {
		throw new NodeOperationError(
			this.getNode(),
			`Image "${imageId}" is not enhanced yet (status "${String(image.status)}")`,
			{
				itemIndex,
				description:
					'Download it once its status is "processed": turn on Wait for Completion where the image was sent, or start from the Autoenhance Trigger.',
			},
		);
	}
	const file = await downloadChosenImage.call(this, image, itemIndex);
	return [outputItem.call(this, itemIndex, image, file)];
}
