import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getImage } from '../../api/images';
import { withGivenName } from '../../api/names';
import { createAndUploadImage } from '../../api/uploads';
import { readInputImage } from '../../helpers/inputImage';
import { binaryPropertyNameField, downloadOptionsField, readBinaryPropertyName, imageVersionField } from '../../fields/files';
import type { Slot } from '../../utils/concurrency';
import { downloadChosenImage } from '../../helpers/download';
import { outputItem } from '../../utils/outputItem';
import { enhancementSettingsField, readEnhancementSettings } from '../../fields/settings';
import { readWaitSettings, waitOptions } from '../../fields/wait';
import { optionsField } from '../../fields/options';
import { imageJson, simplifyField } from '../simplify';
import { waitForCompletionField } from './fields';
import { orderForPhoto, orderGroupingFields, waitForPhoto } from './orderGrouping';

const whenDownloading = { displayOptions: { show: { waitForCompletion: [true], download: [true] } } };

const properties: INodeProperties[] = [
	binaryPropertyNameField,
	...orderGroupingFields,
	waitForCompletionField,
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: true,
		displayOptions: { show: { waitForCompletion: [true] } },
		description: 'Whether to download the enhanced image into the output item as a file',
	},
	imageVersionField(['preview', 'full'], whenDownloading),
	downloadOptionsField(whenDownloading),
	enhancementSettingsField({ panorama: true }),
	simplifyField,
	optionsField([
		{
			displayName: 'Image Name',
			name: 'imageName',
			type: 'string',
			default: '',
			description: 'The name of the image in Autoenhance. Leave empty to use the file name.',
		},
		...waitOptions,
	]),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['enhance'] } },
	properties,
);

/**
 * Registers the item's photo, uploads it and, when asked, waits for the edit and downloads it.
 * The output JSON is the image as Autoenhance has it at the end.
 */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	slot: Slot,
): Promise<INodeExecutionData[]> {
	const binaryPropertyName = readBinaryPropertyName.call(this, itemIndex);
	const photo = await readInputImage.call(this, itemIndex, binaryPropertyName);
	const imageName = (this.getNodeParameter('options.imageName', itemIndex, '') as string).trim() || photo.fileName;
	const { orderId, shared } = await orderForPhoto.call(this, itemIndex);
	const created = await createAndUploadImage.call(
		this,
		{ imageName, orderId, fields: readEnhancementSettings.call(this, itemIndex) },
		photo.source,
		itemIndex,
	);
	const imageId = String(created.image_id);
	if (!this.getNodeParameter('waitForCompletion', itemIndex, true)) {
		const uploaded = await getImage.call(this, imageId, itemIndex);
		return [outputItem.call(this, itemIndex, imageJson.call(this, itemIndex, withGivenName(uploaded, imageName)))];
	}
	const settings = readWaitSettings.call(this, itemIndex);
	const image = await slot.releasedWhile(
		async () => await waitForPhoto.call(this, { imageId, orderId, shared, created, settings, itemIndex }),
	);
	// A wait that ran out and returned the last state has nothing to download yet.
	const wanted = this.getNodeParameter('download', itemIndex, true) && image.status === 'processed';
	const enhanced = wanted ? await downloadChosenImage.call(this, image, itemIndex) : {};
	return [outputItem.call(this, itemIndex, imageJson.call(this, itemIndex, withGivenName(image, imageName)), enhanced)];
}
