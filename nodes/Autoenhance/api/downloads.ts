import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { downloadBinary } from '../transport';
import type { Limit } from '../utils/concurrency';
import { imagePath } from './paths';

export type ImageVersion = 'preview' | 'full' | 'original';

interface ImageFile {
	imageId: string;
	version: ImageVersion;
	/** Download Options as the node names them: format, quality, maxWidth, scale, watermark. */
	options: IDataObject;
	fileName: string;
	itemIndex?: number;
	/** Runs the request to the API within the caller's limit; the file itself is fetched outside it. */
	apiLimit?: Limit;
}

const QUERY_PARAMETERS: Record<string, string> = {
	format: 'format',
	quality: 'quality',
	maxWidth: 'max_width',
	scale: 'scale',
	watermark: 'watermark',
};

/** Keys that may hold the file's URL when a download answers with JSON (undocumented; seen in clients). */
const LINK_KEYS = ['url', 'image_url', 'imageSource', 'download_url'];

function linkInJson(document: unknown): string | undefined {
	const record = typeof document === 'object' && document !== null ? (document as IDataObject) : {};
	const url = LINK_KEYS.map((key) => record[key]).find((value) => typeof value === 'string' && value !== '');
	return url as string | undefined;
}

/**
 * Streams one version of an image into n8n's binary store. Autoenhance may answer with a redirect
 * to the file, the file itself, or JSON with the file's URL (its docs disagree).
 */
export async function downloadImage(this: IExecuteFunctions, file: ImageFile): Promise<IBinaryData> {
	const qs: IDataObject = {};
	for (const [option, parameter] of Object.entries(QUERY_PARAMETERS)) {
		if (file.options[option] !== undefined) qs[parameter] = file.options[option];
	}
	if (file.version !== 'original') qs.preview = file.version === 'preview';
	return await downloadBinary.call(this, {
		path: imagePath(file.imageId, file.version === 'original' ? 'original' : 'enhanced'),
		qs,
		fileName: file.fileName,
		subject: `image "${file.imageId}"`,
		itemIndex: file.itemIndex,
		apiLimit: file.apiLimit,
		linkInJson,
	});
}
