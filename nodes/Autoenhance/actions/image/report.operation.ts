import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ImageReport } from '../../api/images';
import { reportImage } from '../../api/images';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { optionsField } from '../../fields/options';
import { imageIdFields } from './fields';

const properties: INodeProperties[] = [
	...imageIdFields,
	{
		displayName: 'Problems',
		name: 'categories',
		type: 'multiOptions',
		required: true,
		default: [],
		description: 'What is wrong with the enhanced image. Pick No Complaints to say it came out well.',
		options: [
			{ name: 'Auto Privacy', value: 'AUTO_PRIVACY', description: 'Faces or number plates blurred wrongly, or not at all' },
			{ name: 'Colour', value: 'COLOUR' },
			{ name: 'Contrast', value: 'CONTRAST' },
			{ name: 'Download', value: 'DOWNLOAD', description: 'The image could not be downloaded' },
			{ name: 'Dynamic Range', value: 'DYNAMIC_RANGE', description: 'Shadows or highlights lost' },
			{ name: 'Exposure', value: 'EXPOSURE', description: 'Too dark or too bright' },
			{ name: 'HDR Merge', value: 'HDR', description: 'Brackets merged badly, e.g. ghosting' },
			{ name: 'Image Quality', value: 'IMAGE_QUALITY' },
			{ name: 'Item Removal', value: 'ITEM_REMOVAL' },
			{ name: 'Lens Correction', value: 'LENS_CORRECTION' },
			{ name: 'No Complaints', value: 'NO_COMPLAINTS' },
			{ name: 'Noise', value: 'NOISE', description: 'Grain or speckles' },
			{ name: 'Other', value: 'OTHER' },
			{ name: 'Perspective Correction', value: 'PERSPECTIVE_CORRECTION', description: 'Walls or verticals not straight' },
			{ name: 'Privacy', value: 'PRIVACY' },
			{ name: 'Processing', value: 'PROCESSING', description: 'The image failed or took too long to process' },
			{ name: 'Sharpness', value: 'SHARPNESS' },
			{ name: 'Sky Replacement', value: 'SKY_REPLACEMENT' },
			{ name: 'White Balance', value: 'WHITE_BALANCE', description: 'Colours too warm, too cold or tinted' },
			{ name: 'Window Pull', value: 'WINDOW_PULL', description: 'The view through the windows' },
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Comment',
				name: 'comment',
				type: 'string',
				typeOptions: { rows: 3 },
				default: '',
				description: 'What you would like the Autoenhance team to know, in your own words',
			},
			{
				displayName: 'Score',
				name: 'score',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 5 },
				default: 3,
				description: 'How good the edit is, from 0 (unusable) to 5 (perfect)',
			},
		],
	},
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['report'] } },
	properties,
);

/** Sends feedback on an enhanced photo to Autoenhance; the output repeats what was reported. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const imageId = requiredString.call(this, 'imageId', itemIndex, 'Image ID');
	const categories = this.getNodeParameter('categories', itemIndex, []) as string[];
	if (categories.length === 0) {
		throw new NodeOperationError(this.getNode(), `Problems is empty (item ${itemIndex})`, {
			itemIndex,
			description: 'Pick at least one problem, or No Complaints.',
		});
	}
	const { comment, score } = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const report: ImageReport = { categories, source: 'API' };
	if (typeof comment === 'string' && comment.trim()) report.comment = comment.trim();
	if (typeof score === 'number') report.score = score;
	await reportImage.call(this, imageId, report, itemIndex);
	return [outputItem.call(this, itemIndex, { reported: true, image_id: imageId, ...report })];
}
