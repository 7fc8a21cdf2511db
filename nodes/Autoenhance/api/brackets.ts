import type { IDataObject } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest } from '../transport';
import { deleteAt } from './deletion';
import { BRACKETS, bracketPath, orderPath } from './paths';

/** A bracket as the API lists it; `image_id` appears once it has been merged into an image. */
export interface ApiBracket extends IDataObject {
	bracket_id?: string;
	name?: string;
	image_id?: string;
	upload_url?: string;
	s3PutObjectUrl?: string;
}

const subjectOf = (name: string) => `bracket "${name}"`;

export async function listBrackets(this: AutoenhanceContext, orderId: string, itemIndex?: number): Promise<ApiBracket[]> {
	const response = await apiRequest.call(this, {
		method: 'GET',
		path: orderPath(orderId, 'brackets'),
		subject: `order "${orderId}"`,
		itemIndex,
	});
	return Array.isArray(response.brackets) ? (response.brackets as ApiBracket[]) : [];
}

/**
 * Registers a bracket with an order; the answer carries its ID and upload URL. A registration
 * takes no client ID, and its answer carries the only upload URL: after an attempt whose answer
 * was lost, the bracket it may have registered is found by its name (unique in the order) and
 * removed, so that registering again leaves exactly one.
 */
export async function createBracket(this: AutoenhanceContext, orderId: string, name: string): Promise<ApiBracket> {
	return await apiRequest.call(this, {
		method: 'POST',
		path: BRACKETS,
		body: { order_id: orderId, name },
		recover: async () => await removeRegistered.call(this, orderId, name),
		subject: subjectOf(name),
	});
}

async function removeRegistered(this: AutoenhanceContext, orderId: string, name: string): Promise<undefined> {
	const registered = (await listBrackets.call(this, orderId)).filter((listed) => listed.name === name);
	for (const { bracket_id: bracketId } of registered) {
		await deleteAt.call(this, { path: bracketPath(String(bracketId)), subject: subjectOf(name), ifFound: true });
	}
	return undefined;
}
