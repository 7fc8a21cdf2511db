import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WaitSettings } from '../api/completion';

/** Go into an operation's Options collection beside `waitForCompletion`. */
export const waitOptions: INodeProperties[] = [
	{
		displayName: 'First Check After (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 0.2 },
		default: 1,
		description:
			'When waiting for completion: the status is checked at once, then after this long, with the gap growing to at most 10 seconds',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 600,
		description: 'When waiting for completion: how long to wait before giving up',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		default: 'fail',
		description: 'When waiting for completion: what to do if Max Wait passes first',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error naming the image or order and its last status' },
			{ name: 'Return Last State', value: 'returnLastState', description: 'Pass on the image or order as it is' },
		],
	},
];

export function readWaitSettings(this: IExecuteFunctions, itemIndex: number): WaitSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		firstIntervalSeconds: (options.pollInterval as number | undefined) ?? 1,
		maxWaitSeconds: (options.maxWait as number | undefined) ?? 600,
		onTimeout: options.onTimeout === 'returnLastState' ? 'returnLastState' : 'fail',
	};
}

