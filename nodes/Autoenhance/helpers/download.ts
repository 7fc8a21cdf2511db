import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ImageVersion } from '../api/downloads';
import { downloadImage } from '../api/downloads';
import type { Limit } from '../utils/concurrency';

/** Downloads an image (an API object) as the `imageVersion` and `downloadOptions` fields ask. */
export async function downloadChosenImage(
	this: IExecuteFunctions,
	image: IDataObject,
	itemIndex: number,
	apiLimit?: Limit,
): Promise<IBinaryKeyData> {
	const imageId = String(image.image_id);
	const version = this.getNodeParameter('imageVersion', itemIndex, 'preview') as ImageVersion;
	const options = readDownloadOptions.call(this, itemIndex);
	const imageName = typeof image.image_name === 'string' ? image.image_name : undefined;
	const fileName = fileNameFor(imageName?.trim() || imageId, version, options);
	const binary = await downloadImage.call(this, { imageId, version, options, fileName, itemIndex, apiLimit });
	const property = (options.outputBinaryPropertyName as string | undefined)?.trim() || 'data';
	return { [property]: binary };
}

interface Range {
	label: string;
	min: number;
	max?: number;
	whole: boolean;
}

/** The editor keeps these within range, but an expression or an imported workflow need not. */
const RANGES: Record<string, Range> = {
	quality: { label: 'Quality', min: 1, max: 90, whole: true },
	maxWidth: { label: 'Max Width (Pixels)', min: 1, whole: true },
	scale: { label: 'Scale', min: 0.01, max: 1, whole: false },
};

const FORMATS = ['jpeg', 'png', 'webp'];

/** The item's Download Options, checked: a value out of range is an error naming the field and item. */
function readDownloadOptions(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = { ...(this.getNodeParameter('downloadOptions', itemIndex, {}) as IDataObject) };
	const fail = (label: string, value: unknown, allowed: string) =>
		new NodeOperationError(
			this.getNode(),
			`${label} in Download Options is ${JSON.stringify(value)} (item ${itemIndex})`,
			{ itemIndex, description: `Use ${allowed}.` },
		);
	for (const [name, range] of Object.entries(RANGES)) {
		if (options[name] === undefined) continue;
		const value = Number(options[name]);
		if (!isWithin(value, range)) throw fail(range.label, options[name], describeRange(range));
		options[name] = value;
	}
	if (options.format !== undefined && !FORMATS.includes(String(options.format))) {
		throw fail('Format', options.format, FORMATS.join(', '));
	}
	return options;
}

function isWithin(value: number, range: Range): boolean {
	return (
		Number.isFinite(value) &&
		value >= range.min &&
		(range.max === undefined || value <= range.max) &&
		(!range.whole || Number.isInteger(value))
	);
}

function describeRange({ min, max, whole }: Range): string {
	const kind = whole ? 'a whole number' : 'a number';
	return max === undefined ? `${kind} of at least ${min}` : `${kind} from ${min} to ${max}`;
}

const EXTENSIONS: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

function fileNameFor(name: string, version: ImageVersion, options: IDataObject): string {
	if (version === 'original' && options.format === undefined) return name;
	const base = name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
	const extension = EXTENSIONS[(options.format as string | undefined) ?? 'jpeg'] ?? 'jpg';
	return `${base}.${extension}`;
}
