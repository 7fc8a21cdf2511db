import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ApiBracket } from '../../api/brackets';
import { unflaggedAfterWait } from '../../api/brackets';
import type { WaitSettings } from '../../api/completion';
import { waitForMerge } from '../../api/completion';
import { getHdrState, processOrder } from '../../api/orders';
import { outputItem } from '../../utils/outputItem';
import type { Slot } from '../../utils/concurrency';
import { assertWholeGroups } from './brackets';
import { requiredString } from '../../fields/parameters';
import { enhancementSettingsField, readEnhancementSettings } from '../../fields/settings';
import { readWaitSettings, waitOptions } from '../../fields/wait';
import { optionsField } from '../../fields/options';
import { orderJson, simplifyField } from '../simplify';
import { bracketsPerImageField, existingOrderIdFields, readBracketsPerImage, waitForMergeField } from './fields';

const properties: INodeProperties[] = [
	...existingOrderIdFields.map((field) => ({ ...field, description: 'The order whose uploaded brackets to merge, e.g. from Create Order' })),
	bracketsPerImageField,
	enhancementSettingsField({ panorama: false }),
	{ ...waitForMergeField, default: false },
	simplifyField,
	optionsField(waitOptions),
];

export const mode = 'perItem';

/** Its Options collection has Concurrency, which the router reads. */
export const concurrency = 'option';

export const description = updateDisplayOptions(
	{ show: { resource: ['order'], operation: ['merge'] } },
	properties,
);

/** Merges brackets already uploaded to an order; outputs the order (finished, when waiting). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	slot: Slot,
): Promise<INodeExecutionData[]> {
	const orderId = requiredString.call(this, 'orderId', itemIndex, 'Order ID');
	const bracketsPerImage = readBracketsPerImage.call(this, itemIndex);
	const settings = readEnhancementSettings.call(this, itemIndex);
	const waiting = this.getNodeParameter('waitForCompletion', itemIndex, false) as boolean;
	const wait = readWaitSettings.call(this, itemIndex);
	const unmerged = await unmergedBrackets.call(this, orderId, wait, itemIndex);
	assertWholeGroups.call(this, unmerged.length, bracketsPerImage, itemIndex);
	const merging = await processOrder.call(this, { orderId, bracketsPerImage, settings, itemIndex });
	if (!waiting) return [outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, merging))];
	const bracketIds = unmerged.map((bracket) => String(bracket.bracket_id));
	const { order } = await slot.releasedWhile(async () => await waitForMerge.call(this, orderId, bracketIds, wait, itemIndex));
	return [outputItem.call(this, itemIndex, orderJson.call(this, itemIndex, order))];
}

/**
 * The order's brackets still to merge; an error that says why when there are none or some lack
 * their file. A bracket not flagged uploaded yet is waited for a little first.
 */
async function unmergedBrackets(
	this: IExecuteFunctions,
	orderId: string,
	wait: WaitSettings,
	itemIndex: number,
): Promise<ApiBracket[]> {
	const { brackets, merged } = await getHdrState.call(this, orderId, itemIndex);
	const fail = (message: string, description: string) =>
		new NodeOperationError(this.getNode(), message, { itemIndex, description });
	if (brackets.length === 0) {
		throw fail(
			`Order "${orderId}" has no brackets to merge (item ${itemIndex})`,
			'Upload the brackets to the order first, or use Enhance HDR, which creates the order, uploads the brackets and merges them in one step.',
		);
	}
	const unmerged = brackets.filter((bracket) => !merged.has(String(bracket.bracket_id)));
	if (unmerged.length === 0) {
		throw fail(
			`Every bracket of order "${orderId}" has already been merged (item ${itemIndex})`,
			'Upload new brackets to merge, or download the order\'s images.',
		);
	}
	const unflagged = unmerged.filter((bracket) => bracket.is_uploaded === false).map((bracket) => String(bracket.bracket_id));
	const { unflagged: missingFiles } = unflagged.length
		? await unflaggedAfterWait.call(this, orderId, unflagged, wait.maxWaitSeconds, itemIndex)
		: { unflagged: [] };
	if (missingFiles.length > 0) {
		throw fail(
			`${missingFiles.length} of ${unmerged.length} brackets of order "${orderId}" have no file uploaded yet (item ${itemIndex})`,
			`Upload them first: ${missingFiles.map((bracket) => `"${String(bracket.name)}"`).join(', ')}.`,
		);
	}
	return unmerged;
}
