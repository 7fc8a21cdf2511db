// The fields about files: the input binary field an image is read from, and which image is
// downloaded, how (helpers/inputImage.ts and helpers/download.ts read them and move the bytes).
import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ImageVersion } from '../api/downloads';
import { requiredString } from './parameters';

export const binaryPropertyNameField: INodeProperties = {
	displayName: 'Input Binary Field',
	name: 'binaryPropertyName',
	type: 'string',
	required: true,
	default: 'data',
	hint: 'The name of the input binary field containing the image',
	description:
		'The binary field of the input item that holds the image, e.g. "data" after a Google Drive or Dropbox download',
};

/** The Input Binary Field of an item: the one reader of the field above, trimmed and required. */
export function readBinaryPropertyName(this: IExecuteFunctions, itemIndex: number): string {
	return requiredString.call(this, 'binaryPropertyName', itemIndex, binaryPropertyNameField.displayName);
}

const VERSION_OPTIONS: Record<ImageVersion, INodePropertyOptions> = {
	preview: {
		name: 'Enhanced Preview (Free)',
		value: 'preview',
		description: 'A lower-resolution version of the enhanced image; spends no credit',
	},
	full: {
		name: 'Enhanced Full Size (Spends a Credit)',
		value: 'full',
		description:
			'The full-resolution enhanced image. The first full download of each image spends one Autoenhance credit (none in Development Mode, which watermarks it).',
	},
	original: { name: 'Original', value: 'original', description: 'The image as it was uploaded' },
};

/** The "which image" choice; `original` only where the original makes sense. */
export function imageVersionField(versions: ImageVersion[], extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Image Version',
		name: 'imageVersion',
		type: 'options',
		default: 'preview',
		description: 'Which image to download. Full size spends a credit; the preview is free.',
		options: versions.map((version) => VERSION_OPTIONS[version]).sort((a, b) => a.name.localeCompare(b.name)),
		...extra,
	};
}

export function downloadOptionsField(extra: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Download Options',
		name: 'downloadOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Format',
				name: 'format',
				type: 'options',
				default: 'jpeg',
				options: [
					{ name: 'JPEG', value: 'jpeg' },
					{ name: 'PNG', value: 'png' },
					{ name: 'WebP', value: 'webp' },
				],
				description: 'The file format to download',
			},
			{
				displayName: 'Max Width (Pixels)',
				name: 'maxWidth',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 2048,
				description: 'Scale the image down to at most this width',
			},
			{
				displayName: 'Output Binary Field',
				name: 'outputBinaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'The binary field the downloaded image is put into',
			},
			{
				displayName: 'Quality',
				name: 'quality',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 90 },
				default: 85,
				description: 'Compression quality from 1 to 90; higher is larger and sharper',
			},
			{
				displayName: 'Scale',
				name: 'scale',
				type: 'number',
				typeOptions: { minValue: 0.01, maxValue: 1, numberPrecision: 2 },
				default: 1,
				description: 'Scale factor from 0 to 1, e.g. 0.5 for half the width and height',
			},
			{
				displayName: 'Watermark',
				name: 'watermark',
				type: 'boolean',
				default: false,
				description: 'Whether to put the Autoenhance watermark on the image',
			},
		],
		...extra,
	};
}
