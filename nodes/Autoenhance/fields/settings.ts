import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { byDisplayName } from './options';
import { ENHANCEMENT_SETTING_FIELDS, withWindowPullKeys } from '../api/settings';

/**
 * The one "Enhancement Settings" collection shared by create, enhance, reprocess, merge and
 * enhanceHdr. Each option's `name` maps to the API field in `ENHANCEMENT_SETTING_FIELDS` (api/settings.ts).
 */
export function enhancementSettingsField(options: { panorama: boolean }): INodeProperties {
	return {
		displayName: 'Enhancement Settings',
		name: 'settings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'How Autoenhance edits the images. Settings left out use the defaults of your Autoenhance account.',
		options: [
			...(options.panorama ? [panoramaOption] : []),
			...settingOptions,
		].sort(byDisplayName),
	};
}

const panoramaOption: INodeProperties = {
	displayName: '360° Panorama',
	name: 'threesixty',
	type: 'boolean',
	default: false,
	description: 'Whether the image is an equirectangular 360° panorama, enhanced as one',
};

const settingOptions: INodeProperties[] = [
	{
		displayName: 'AI Version',
		name: 'aiVersion',
		type: 'options',
		default: '5.x',
		description:
			'Which generation of the Autoenhance AI edits the image. Styles Warm and Neutral need 4.0 or later; Property and Property USA belong to versions before 4.0.',
		options: [
			{ name: 'Latest 3 (3.x)', value: '3.x' },
			{ name: 'Latest 4 (4.x)', value: '4.x' },
			{ name: 'Latest 5 (5.x)', value: '5.x' },
		],
	},
	{
		displayName: 'Auto Privacy',
		name: 'privacy',
		type: 'boolean',
		default: false,
		description: 'Whether to blur faces and number plates',
	},
	{
		displayName: 'Cloud Type',
		name: 'cloudType',
		type: 'options',
		default: 'CLEAR',
		description: 'The sky put in when Sky Replacement is on',
		options: [
			{ name: 'Clear Blue Sky', value: 'CLEAR' },
			{ name: 'High Clouds', value: 'HIGH_CLOUD' },
			{ name: 'Low Clouds', value: 'LOW_CLOUD' },
			{ name: 'Low Clouds, Natural Saturation', value: 'LOW_CLOUD_LOW_SAT' },
		],
	},
	{
		displayName: 'Enhancement Style',
		name: 'enhanceType',
		type: 'options',
		default: 'warm',
		description: 'The look of the edit. Warm and Neutral need AI version 4.0 or later; Property and Property USA need a version before 4.0.',
		options: [
			{ name: 'Neutral (AI 4+)', value: 'neutral' },
			{ name: 'Property (AI < 4)', value: 'property' },
			{ name: 'Property USA (AI < 4)', value: 'property_usa' },
			{ name: 'Warm (AI 4+)', value: 'warm' },
		],
	},
	{
		displayName: 'Lens Correction',
		name: 'lensCorrection',
		type: 'boolean',
		default: true,
		description: 'Whether to straighten the curves a wide-angle lens puts into straight lines',
	},
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'json',
		default: '{}',
		description: 'Your own JSON kept with the image, e.g. a listing ID, returned with the image later',
	},
	{
		displayName: 'Other Settings (JSON)',
		name: 'rawSettings',
		type: 'json',
		default: '{}',
		description:
			'Further API fields as JSON, sent as they are and winning over the fields above, e.g. {"restage": {"tvs": "BLACK_OUT"}, "preset_id": "…"}',
	},
	{
		displayName: 'Rating',
		name: 'rating',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 5 },
		default: 0,
		description: 'Your own 0–5 star rating of the image',
	},
	{
		displayName: 'Sky Replacement',
		name: 'skyReplacement',
		type: 'boolean',
		default: true,
		description: 'Whether to replace a dull sky with the chosen Cloud Type',
	},
	{
		displayName: 'Upscale',
		name: 'upscale',
		type: 'boolean',
		default: false,
		description: 'Whether to enlarge the image with AI upscaling',
	},
	{
		displayName: 'Vertical Correction',
		name: 'verticalCorrection',
		type: 'boolean',
		default: true,
		description: 'Whether to make walls and door frames stand straight',
	},
	{
		displayName: 'Window Pull',
		name: 'windowPull',
		type: 'boolean',
		default: false,
		description: 'Whether to balance bright windows so the view outside shows (AI 4.0 or later)',
	},
	{
		displayName: 'Window Pull Type',
		name: 'windowPullType',
		type: 'options',
		default: 'ONLY_WINDOWS',
		description: 'What Window Pull brings back: the view only, or the view with a replaced sky (AI 5.1 or later)',
		options: [
			{ name: 'None', value: 'NONE' },
			{ name: 'Only Windows', value: 'ONLY_WINDOWS' },
			{ name: 'Windows With Skies', value: 'WINDOWS_WITH_SKIES' },
		],
	},
];

/** The chosen settings as API fields; only what the user set is sent, so the rest keeps its value. */
export function readEnhancementSettings(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const chosen = this.getNodeParameter('settings', itemIndex, {}) as IDataObject;
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(chosen)) {
		if (name === 'rawSettings') continue;
		const field = ENHANCEMENT_SETTING_FIELDS[name];
		if (field) body[field] = name === 'metadata' ? parseJsonObject.call(this, value, 'Metadata', itemIndex) : value;
	}
	return withWindowPullKeys({ ...body, ...parseJsonObject.call(this, chosen.rawSettings, 'Other Settings (JSON)', itemIndex) });
}

/** A JSON field, typed or given as text, that must hold an object. */
function parseJsonObject(
	this: IExecuteFunctions,
	value: unknown,
	label: string,
	itemIndex: number,
): IDataObject {
	if (value === undefined || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `${label} is not valid JSON (item ${itemIndex})`, {
				itemIndex,
				description: (error as Error).message,
			});
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new NodeOperationError(this.getNode(), `${label} must be a JSON object (item ${itemIndex})`, {
			itemIndex,
			description: 'Write it as {"field": value, …}.',
		});
	}
	return parsed as IDataObject;
}
