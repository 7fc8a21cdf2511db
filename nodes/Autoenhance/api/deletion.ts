import type { IDataObject } from 'n8n-workflow';

import type { AutoenhanceContext } from '../transport';
import { apiRequest, apiRequestIfFound } from '../transport';

interface Deletion {
	path: string;
	subject: string;
	itemIndex?: number;
	/** Nothing to delete is as good as deleted: a 404 answers undefined instead of failing. */
	ifFound?: boolean;
}

/**
 * Autoenhance may keep what was deleted, answering a GET with it marked `is_deleted: true`: that
 * counts as not found, as when it is removed.
 */
export const isDeleted = (object: IDataObject): boolean => object.is_deleted === true;

/**
 * Deletes what `path` names. After an unclear failure the thing is looked up: gone means that
 * attempt deleted it (a repeat would say "not found"), still there means the DELETE is repeated.
 */
export async function deleteAt(this: AutoenhanceContext, deletion: Deletion): Promise<IDataObject | undefined> {
	const { path, subject, itemIndex } = deletion;
	const gone = async () =>
		(await apiRequestIfFound.call(this, { method: 'GET', path, subject, itemIndex, isGone: isDeleted })) ? undefined : {};
	const request = { method: 'DELETE' as const, path, subject, itemIndex, recover: gone };
	return deletion.ifFound ? await apiRequestIfFound.call(this, request) : await apiRequest.call(this, request);
}
