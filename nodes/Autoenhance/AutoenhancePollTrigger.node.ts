import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import type { Listed } from './trigger/orderWatch';
import { isFinished, readOrders, readWatchState, scanOrders } from './trigger/orderWatch';
import { downloadNotice, enhancedImageItems } from './trigger/output';

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
					'Checks your Autoenhance account at the times below and starts the workflow for the orders that have finished since, including orders made in the Autoenhance web app: one item per enhanced image (images that failed are left out). Orders that were already finished when the workflow was activated are not reported. If Autoenhance can reach this n8n over the internet, the Autoenhance Trigger reports each image the moment it is done.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			downloadNotice,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getMode() === 'manual') return [await sampleItems.call(this)];
		const staticData = this.getWorkflowStaticData('node');
		const { finished, state } = await scanOrders.call(this, readWatchState(staticData[STATE_KEY]));
		const items = finished.flatMap(enhancedImageItems);
		// Saved only now: a poll that fails half way leaves the state as it was, to be tried again.
		staticData[STATE_KEY] = state;
		return items.length ? [items] : null;
	}
}

/** For "Fetch Test Event": the newest finished order with an enhanced image, as real data to map. */
async function sampleItems(this: IPollFunctions): Promise<INodeExecutionData[]> {
	const hasItems = ({ order }: Listed) => isFinished(order) && enhancedImageItems(order).length > 0;
	const newest = (await readOrders.call(this, (read) => read.some(hasItems))).find(hasItems);
	if (newest) return enhancedImageItems(newest.order);
	throw new NodeOperationError(this.getNode(), 'There is no finished order with an enhanced image in this Autoenhance account yet', {
		description: 'Enhance an image in Autoenhance, wait until it is done, then fetch a test event again.',
	});
}
