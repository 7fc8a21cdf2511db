import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadSource } from '../transport';

export interface InputImage {
	fileName: string;
	source: UploadSource;
}

/** Photo and camera RAW file extensions, trusted where a server typed the file oddly. */
const PHOTO_EXTENSIONS = new Set([
	'jpg', 'jpeg', 'png', 'tif', 'tiff', 'heic', 'heif', 'avif', 'webp',
	'dng', 'cr2', 'cr3', 'crw', 'nef', 'nrw', 'arw', 'srf', 'sr2', 'raf', 'orf', 'rw2', 'pef', '3fr', 'iiq',
]);

/**
 * An item's binary as something to upload: streamed from n8n's binary store when it lives there
 * (filesystem or S3 mode), taken from memory otherwise.
 */
export async function readInputImage(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
): Promise<InputImage> {
	const binary = assertBinary.call(this, itemIndex, propertyName);
	const fileName = binary.fileName || `${propertyName}-${itemIndex + 1}`;
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (!looksLikePhoto(fileName, mimeType)) {
		throw new NodeOperationError(
			this.getNode(),
			`The file "${fileName}" in "${propertyName}" of item ${itemIndex} is not an image (${mimeType})`,
			{ itemIndex, description: 'Autoenhance takes JPEG, PNG, TIFF, HEIC and camera RAW files.' },
		);
	}
	const source = binary.id
		? await streamedSource.call(this, binary.id)
		: bufferedSource.call(this, itemIndex, propertyName, binary);
	if (source.contentLength === 0) {
		throw new NodeOperationError(
			this.getNode(),
			`The file "${fileName}" in "${propertyName}" of item ${itemIndex} is empty`,
			{ itemIndex, description: 'The node before this one passed on a file with no bytes.' },
		);
	}
	return { fileName, source };
}

function assertBinary(this: IExecuteFunctions, itemIndex: number, propertyName: string): IBinaryData {
	const binary = this.getInputData()[itemIndex]?.binary?.[propertyName];
	if (!binary) {
		const present = Object.keys(this.getInputData()[itemIndex]?.binary ?? {});
		throw new NodeOperationError(
			this.getNode(),
			`Item ${itemIndex} has no binary property "${propertyName}"`,
			{
				itemIndex,
				description: present.length
					? `Its binary properties are: ${present.join(', ')}. Set "Input Binary Field" to one of them.`
					: 'The item carries no file. Put a node that reads or downloads the image before this one.',
			},
		);
	}
	return binary;
}

async function streamedSource(this: IExecuteFunctions, binaryId: string): Promise<UploadSource> {
	const { fileSize } = await this.helpers.getBinaryMetadata(binaryId);
	return { contentLength: fileSize, open: async () => await this.helpers.getBinaryStream(binaryId) };
}

/**
 * A binary held in memory is base64 text: its size is known without decoding it, and it is decoded
 * only when the upload starts, so files waiting their turn (Enhance HDR's brackets) are not all
 * held decoded at once.
 */
function bufferedSource(
	this: IExecuteFunctions,
	itemIndex: number,
	propertyName: string,
	binary: IBinaryData,
): UploadSource {
	return {
		contentLength: Buffer.byteLength(binary.data, 'base64'),
		open: async () => await this.helpers.getBinaryDataBuffer(itemIndex, propertyName),
	};
}

/** Untyped files pass: storage services often send photos, RAW ones above all, untyped. */
const UNTYPED = new Set(['application/octet-stream', 'binary/octet-stream']);

function looksLikePhoto(fileName: string, mimeType: string): boolean {
	if (mimeType.startsWith('image/') || UNTYPED.has(mimeType)) return true;
	return PHOTO_EXTENSIONS.has(fileName.toLowerCase().split('.').pop() ?? '');
}
