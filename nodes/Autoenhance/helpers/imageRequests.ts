import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { apiRequest } from '../transport';

export function imagePath(imageId: string, action = ''): string {
	return `/v3/images/${encodeURIComponent(imageId)}${action ? `/${action}` : ''}`;
}

/** The image as Autoenhance has it now: status, settings, name. */
export async function fetchImage(this: IExecuteFunctions, imageId: string, itemIndex: number): Promise<IDataObject> {
	return await apiRequest.call(this, {
		method: 'GET',
		path: imagePath(imageId),
		subject: `image "${imageId}"`,
		itemIndex,
	});
}
