import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { isFinished, readWatchState, scanOrders } from './trigger/orderWatch';
import { listOrders } from './helpers/orderList';
import type { OutputChoice } from './trigger/output';
import { downloadFields, orderItems, readOutputChoice } from './trigger/output';

const STATE_KEY = 'orderWatch';

export class AutoenhancePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autoenhance Polling Trigger',
		name: 'autoenhancePollTrigger',
		icon: { light: 'file:autoenhance.svg', dark: 'file:autoenhance.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'When orders finish',
		description:
			'Starts the workflow when an Autoenhance.ai order finishes, by checking the account regularly; for n8n instances Autoenhance cannot reach',
		defaults: { name: 'Autoenhance Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoenhanceApi', required: true }],
		properties: [
			{
				displayName:
					'Checks your Autoenhance account at the times below and starts the workflow once for every order that has finished since, including orders made in the Autoenhance web app. Orders that were already finished when the workflow was activated are not reported. If Autoenhance can reach this n8n over the internet, the Autoenhance Trigger reports each image the moment it is done.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			...downloadFields,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const choice = readOutputChoice.call(this);
		if (this.getMode() === 'manual') return [await sampleItems.call(this, choice)];
		const staticData = this.getWorkflowStaticData('node');
		const { finished, state } = await scanOrders.call(this, readWatchState(staticData[STATE_KEY]));
		const items: INodeExecutionData[] = [];
		for (const order of finished) items.push(...(await orderItems.call(this, order, choice)));
		// Saved only now: a poll that fails half way leaves the state as it was, to be tried again.
		staticData[STATE_KEY] = state;
		return items.length ? [items] : null;
	}
}

/** For "Fetch Test Event": the newest finished order, so the user sees real data to map. */
async function sampleItems(this: IPollFunctions, choice: OutputChoice): Promise<INodeExecutionData[]> {
	for await (const order of listOrders.call(this)) {
		if (!isFinished(order)) continue;
		const items = await orderItems.call(this, order, choice);
		return items.length ? items : [{ json: order }];
	}
	throw new NodeOperationError(this.getNode(), 'There is no finished order in this Autoenhance account yet', {
		description: 'Enhance a photo in Autoenhance, wait until it is done, then fetch a test event again.',
	});
}
