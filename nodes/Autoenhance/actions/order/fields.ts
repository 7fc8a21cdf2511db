import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { orderLocator } from '../locators';
import { changedInVersion2 } from '../versions';

const orderIdText: INodeProperties = {
	displayName: 'Order ID',
	name: 'orderId',
	type: 'string',
	required: true,
	default: '={{ $json.order_id }}',
	description: 'The ID of the order in Autoenhance, e.g. from Create Order or the trigger',
};

/**
 * The order an Order operation acts on: required, and it exists. Like version 1, it starts out as
 * the order ID of the input item; From List is one click away.
 */
export const existingOrderIdFields = changedInVersion2(
	orderIdText,
	orderLocator({ required: true, default: { mode: 'id', value: '={{ $json.order_id }}' } }),
);

export const orderNameField: INodeProperties = {
	displayName: 'Order Name',
	name: 'orderName',
	type: 'string',
	default: '',
	placeholder: 'e.g. 12 High Street',
	description: 'A name to find the order by in the Autoenhance web app, such as the property address',
};

/** The most brackets Autoenhance merges into one photo. */
const MAX_BRACKETS_PER_IMAGE = 9;

export const bracketsPerImageField: INodeProperties = {
	displayName: 'Brackets per Image',
	name: 'numberOfBracketsPerImage',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: MAX_BRACKETS_PER_IMAGE },
	default: 0,
	description:
		'How many brackets make one image, e.g. 3 for −2/0/+2 EV. Autoenhance takes them in capture order. 0 groups them automatically, from capture time, exposure and what they show.',
};

/** 0 for automatic grouping, else the fixed group size (2 to 9). */
export function readBracketsPerImage(this: IExecuteFunctions, itemIndex: number): number {
	const value = this.getNodeParameter('numberOfBracketsPerImage', itemIndex, 0) as number;
	const valid = value === 0 || (Number.isInteger(value) && value >= 2 && value <= MAX_BRACKETS_PER_IMAGE);
	if (!valid) {
		throw new NodeOperationError(this.getNode(), `Brackets per Image is ${value} (item ${itemIndex})`, {
			itemIndex,
			description: `Use 0 to group the brackets automatically, or a whole number from 2 to ${MAX_BRACKETS_PER_IMAGE}.`,
		});
	}
	return value;
}

export const waitForMergeField: INodeProperties = {
	displayName: 'Wait for Completion',
	name: 'waitForCompletion',
	type: 'boolean',
	default: true,
	description:
		'Whether to wait until Autoenhance has merged the brackets and enhanced every image (usually a few minutes) before passing the result on',
};
