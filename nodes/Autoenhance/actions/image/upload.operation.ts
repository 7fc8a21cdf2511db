import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { uploadToPresignedUrl } from '../../api/uploads';
import { readInputImage } from '../../helpers/inputImage';
import { binaryPropertyNameField, readBinaryPropertyName } from '../../fields/files';
import { outputItem } from '../../utils/outputItem';
import { requiredString } from '../../fields/parameters';
import { optionsField } from '../../fields/options';

const properties: INodeProperties[] = [
	binaryPropertyNameField,
	{
		displayName: 'Upload URL',
		name: 'uploadUrl',
		type: 'string',
		required: true,
		default: '={{ $json.upload_url ?? $json.s3PutObjectUrl }}',
		description:
			'The upload address that Create Image returned (upload_url, or s3PutObjectUrl on older API versions). If the input has the content_type the image was created with, the image is sent with exactly that type. Autoenhance starts editing once the upload is done.',
	},
	optionsField(),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['image'], operation: ['upload'] } },
	properties,
);

/** Sends the photo's bytes; passes the input on, marked `uploaded`, with its files. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
	const input = this.getInputData()[itemIndex];
	const binaryPropertyName = readBinaryPropertyName.call(this, itemIndex);
	const url = requiredString.call(this, 'uploadUrl', itemIndex, 'Upload URL');
	const photo = await readInputImage.call(this, itemIndex, binaryPropertyName);
	const { content_type: signedContentType, image_name: imageName } = input.json;
	await uploadToPresignedUrl.call(this, {
		url,
		signedContentType: typeof signedContentType === 'string' ? signedContentType : undefined,
		source: photo.source,
		subject: `image "${typeof imageName === 'string' ? imageName : photo.fileName}"`,
		itemIndex,
	});
	return [outputItem.call(this, itemIndex, { ...input.json, uploaded: true })];
}
