import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { Slot } from '../../utils/concurrency';
import { waitForImage } from '../../api/completion';
import { processImage } from '../../api/images';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { enhancementSettingsField, readEnhancementSettings } from '../../fields/settings';
import { readWaitSettings, waitOptions } from '../../fields/wait';
import { optionsField } from '../../fields/options';
import { imageJson, simplifyField } from '../simplify';
import { imageIdFields, waitForCompletionField } from './fields';

const properties: INodeProperties[] = [
	...imageIdFields,
	{
		...enhancementSettingsField({ panorama: true }),
		description:
			'The settings to change. Settings left out keep the values the image was last enhanced with.',
	},
	{ ...waitForCompletionField, default: false },
	simplifyField,
	optionsField(waitOptions),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

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
	const image = await processImage.call(this, imageId, readEnhancementSettings.call(this, itemIndex), itemIndex);
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	if (!wait) return [outputItem.call(this, itemIndex, imageJson.call(this, itemIndex, image))];
	const settings = readWaitSettings.call(this, itemIndex);
	const result = await slot.releasedWhile(async () => await waitForImage.call(this, imageId, settings, itemIndex));
	return [outputItem.call(this, itemIndex, imageJson.call(this, itemIndex, result))];
}
