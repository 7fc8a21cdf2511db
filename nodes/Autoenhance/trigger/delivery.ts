import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../utils/values';

/** The `events` values of the webhook trigger (public: saved workflows hold them). */
export type TriggerEvent = 'imageEnhanced' | 'imageFailed' | 'orderCompleted' | 'webhookUpdated';

/** A webhook body Autoenhance sends, as far as the trigger acts on it. */
export type Delivery =
	| { kind: 'webhookUpdated'; payload: IDataObject }
	| {
			kind: 'imageProcessed';
			payload: IDataObject;
			imageId: string;
			orderId?: string;
			failed: boolean;
			/** The order's last image is done: `order_is_processing` is false. */
			orderFinished: boolean;
	  }
	/** An event this version does not know; acknowledged and ignored. */
	| { kind: 'unknown'; payload: IDataObject };

interface Rejection {
	status: number;
	message: string;
}

/** Autoenhance's bodies are a few hundred bytes; anything near this is not from Autoenhance. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Reads the body from the raw bytes n8n keeps, whatever Content-Type was declared: the header
 * Autoenhance sends is undocumented. `parsedBody` is used only where n8n kept no raw bytes.
 */
export function readDelivery(rawBody: Buffer | undefined, parsedBody: unknown): Delivery | Rejection {
	if (rawBody && rawBody.length > MAX_BODY_BYTES) {
		return { status: 413, message: `The body is larger than ${MAX_BODY_BYTES} bytes` };
	}
	const body = rawBody ? parseJson(rawBody.toString('utf8')) : parsedBody;
	if (!isObject(body) || typeof body.event !== 'string') {
		return { status: 400, message: 'Expected a JSON object with an "event" field' };
	}
	if (body.event === 'webhook_updated') return { kind: 'webhookUpdated', payload: body };
	if (body.event !== 'image_processed') return { kind: 'unknown', payload: body };
	if (typeof body.image_id !== 'string' || !body.image_id) {
		return { status: 400, message: 'An image_processed event needs an "image_id"' };
	}
	const orderId = typeof body.order_id === 'string' && body.order_id ? body.order_id : undefined;
	return {
		kind: 'imageProcessed',
		payload: body,
		imageId: body.image_id,
		orderId,
		failed: body.error === true,
		orderFinished: orderId !== undefined && body.order_is_processing === false,
	};
}

/** The trigger events a delivery stands for, in the order their items are output. */
export function eventsOf(delivery: Delivery): TriggerEvent[] {
	if (delivery.kind === 'webhookUpdated') return ['webhookUpdated'];
	if (delivery.kind === 'unknown') return [];
	const imageEvent: TriggerEvent = delivery.failed ? 'imageFailed' : 'imageEnhanced';
	return delivery.orderFinished ? [imageEvent, 'orderCompleted'] : [imageEvent];
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
