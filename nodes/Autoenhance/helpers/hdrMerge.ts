import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { apiRequest } from '../transport';
import { mergeStarted } from './hdrProgress';
import { orderPath } from './orders';

export interface HdrMerge {
	orderId: string;
	/** 0: Autoenhance groups the brackets itself. */
	bracketsPerImage: number;
	/** Enhancement settings as API fields, applied to every merged image. */
	settings: IDataObject;
	itemIndex?: number;
}

/**
 * Starts merging the order's uploaded brackets into photos and enhancing them; answers with the
 * order, now merging. `/process` rather than the older `/merge` (both live, autoenhance-api.md
 * §9.2): it is what the current HDR guide, the bracket-grouping page and the newest official SDK
 * call, and the trigger of the `/brackets` flow the brackets were registered with.
 * Automatic grouping leaves `number_of_brackets_per_image` out, as those docs do.
 */
export async function startHdrMerge(this: IExecuteFunctions, merge: HdrMerge): Promise<IDataObject> {
	const grouping = merge.bracketsPerImage > 0 ? { number_of_brackets_per_image: merge.bracketsPerImage } : {};
	return await apiRequest.call(this, {
		method: 'POST',
		path: orderPath(merge.orderId, '/process'),
		body: { ...merge.settings, ...grouping },
		recover: async () => await mergeStarted.call(this, merge.orderId, merge.itemIndex),
		subject: `order "${merge.orderId}"`,
		itemIndex: merge.itemIndex,
	});
}

/** A fixed group size that does not divide the brackets evenly almost always means one is missing. */
export function assertWholeGroups(
	this: IExecuteFunctions,
	bracketCount: number,
	bracketsPerImage: number,
	itemIndex?: number,
): void {
	if (bracketsPerImage === 0 || bracketCount % bracketsPerImage === 0) return;
	throw new NodeOperationError(
		this.getNode(),
		`${bracketCount} brackets do not make whole photos of ${bracketsPerImage} brackets each`,
		{
			itemIndex,
			description: `Check that no bracket is missing (the last photo would get only ${bracketCount % bracketsPerImage}), or set Brackets per Image to 0 to let Autoenhance group them.`,
		},
	);
}
