import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { imagesOf } from '../api/orders';
import { newInVersion2 } from './versions';

export const simplifyField: INodeProperties = newInVersion2({
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description: 'Whether to return a simplified version of the response instead of the raw data',
});

/** Version 1 has no Simplify switch and returns the raw object. */
function wantsSimplified(this: IExecuteFunctions, itemIndex: number): boolean {
	return this.getNodeParameter('simplify', itemIndex, false) as boolean;
}

/** The fields of an image a workflow acts on, most used first. */
function simplifyImage(image: IDataObject): IDataObject {
	const status = image.status;
	return {
		image_id: image.image_id,
		image_name: image.image_name,
		order_id: image.order_id,
		status,
		enhanced: image.enhanced ?? status === 'processed',
		error: status === 'error' ? (image.status_reason ?? 'not enhanced') : null,
		downloaded: image.downloaded,
		scene: image.scene,
		enhance_type: image.enhance_type,
		date_added: image.date_added,
	};
}

/** The fields of an order a workflow acts on; its images by ID and how many there are. */
function simplifyOrder(order: IDataObject): IDataObject {
	const images = imagesOf(order);
	return {
		order_id: order.order_id,
		name: order.name,
		status: order.status,
		is_processing: order.is_processing,
		is_merging: order.is_merging,
		image_count: order.total_images ?? images.length,
		image_ids: images.map((image) => image.image_id),
		created_at: order.created_at,
		last_updated_at: order.last_updated_at,
	};
}

/** An image as the operation outputs it: simplified when the node asks for it. */
export function imageJson(this: IExecuteFunctions, itemIndex: number, image: IDataObject): IDataObject {
	return wantsSimplified.call(this, itemIndex) ? simplifyImage(image) : image;
}

/** An order as the operation outputs it: simplified when the node asks for it. */
export function orderJson(this: IExecuteFunctions, itemIndex: number, order: IDataObject): IDataObject {
	return wantsSimplified.call(this, itemIndex) ? simplifyOrder(order) : order;
}
