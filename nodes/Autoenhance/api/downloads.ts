import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { downloadBinary } from '../transport';
import { imagePath } from './paths';

export type ImageVersion = 'preview' | 'full' | 'original';

interface ImageFile {
	imageId: string;
	version: ImageVersion;
	/** Download Options as the node names them: format, quality, maxWidth, scale, watermark. */
	options: IDataObject;
	fileName: string;
	itemIndex?: number;
}

const QUERY_PARAMETERS: Record<string, string> = {
	format: 'format',
	quality: 'quality',
	maxWidth: 'max_width',
	scale: 'scale',
	watermark: 'watermark',
};

/** Streams one version of an image into n8n's binary store. */
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
	});
}
