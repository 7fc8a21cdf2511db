import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Slot } from '../../helpers/concurrency';
import { imagePath } from '../../helpers/imageRequests';
import { outputItem } from '../../helpers/outputItem';
import { requiredString } from '../../helpers/parameters';
import { enhancementSettingsField, readEnhancementSettings } from '../../helpers/settings';
import { readWaitSettings, waitForImage, waitOptions } from '../../helpers/wait';
import { optionsField } from '../../helpers/options';
import { apiRequest } from '../../transport';
import { imageIdFields, waitForCompletionField } from './fields';

const properties: INodeProperties[] = [
	...imageIdFields,
	{
		...enhancementSettingsField({ panorama: true }),
		description:
			'The settings to change. Settings left out keep the values the image was last enhanced with.',
	},
	{ ...waitForCompletionField, default: false },
	optionsField(waitOptions),
];

export const mode = 'perItem';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['reprocess'] } },
	properties,
);

/** Enhances an uploaded photo again; only the settings chosen here are sent, so the rest keep their values. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	slot: Slot,
): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	const image = await apiRequest.call(this, {
		method: 'POST',
		path: imagePath(imageId, 'process'),
		body: readEnhancementSettings.call(this, itemIndex),
		subject: `image "${imageId}"`,
		itemIndex,
	});
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	if (!wait) return [outputItem.call(this, itemIndex, image)];
	const settings = readWaitSettings.call(this, itemIndex);
	const result = await slot.releasedWhile(async () => await waitForImage.call(this, imageId, settings, itemIndex));
	return [outputItem.call(this, itemIndex, result)];
}
