import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WaitSettings } from '../../api/completion';
import { waitForImage } from '../../api/completion';
import type { ApiImage } from '../../api/images';
import { createOrder } from '../../api/orders';
import type { OrderWaiter } from '../../api/orderWaiter';
import { createOrderWaiter } from '../../api/orderWaiter';
import { requiredString } from '../../fields/parameters';
import { perRun } from '../../utils/perRun';
import { newInVersion2 } from '../versions';
import { targetOrderIdFields } from './fields';

type Grouping = 'runOrder' | 'existingOrder' | 'orderPerImage';

const [version1OrderId, version2OrderId] = targetOrderIdFields;

/** Where Enhance puts its photos. Version 1 has only the Order ID: empty, an order per photo. */
export const orderGroupingFields: INodeProperties[] = [
	version1OrderId,
	newInVersion2({
		displayName: 'Put Images Into',
		name: 'orderGrouping',
		type: 'options',
		default: 'runOrder',
		description: 'Which Autoenhance order the images go into. One order per listing keeps a shoot together in the Autoenhance web app.',
		options: [
			{ name: 'Existing Order', value: 'existingOrder', description: 'The images go into an order you choose' },
			{
				name: 'One New Order for This Run',
				value: 'runOrder',
				description: 'All images of this run go into one new order (one per Order Name, if the name differs between items)',
			},
			{ name: 'One Order per Image', value: 'orderPerImage', description: 'Each image gets an order of its own, as in version 1' },
		],
	}),
	newInVersion2({
		displayName: 'Order Name',
		name: 'orderName',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.listing }}',
		description:
			'The name of the new order in the Autoenhance web app, such as the listing or the folder. Items with different names go into different orders.',
		displayOptions: { show: { orderGrouping: ['runOrder'] } },
	}),
	{
		...version2OrderId,
		required: true,
		description: 'The order the images go into: pick one, or enter the ID of an existing or a new order under By ID',
		displayOptions: { ...version2OrderId.displayOptions, show: { orderGrouping: ['existingOrder'] } },
	},
];

/** The order the item's photo goes into; empty for an order of its own. `shared`: other photos of the run may share it. */
export async function orderForPhoto(this: IExecuteFunctions, itemIndex: number): Promise<{ orderId: string; shared: boolean }> {
	// Version 1 has no such field: the Order ID it has, or an order per photo.
	const grouping = this.getNodeParameter('orderGrouping', itemIndex, 'version1') as Grouping | 'version1';
	if (grouping === 'orderPerImage') return { orderId: '', shared: false };
	if (grouping === 'existingOrder') return { orderId: requiredString.call(this, 'orderId', itemIndex, 'Order'), shared: true };
	if (grouping === 'runOrder') {
		const name = (this.getNodeParameter('orderName', itemIndex, '') as string).trim();
		return { orderId: await runOrderId.call(this, name, itemIndex), shared: true };
	}
	return { orderId: (this.getNodeParameter('orderId', itemIndex, '', { extractValue: true }) as string).trim(), shared: false };
}

/**
 * The run's order of that name, created by the first item that needs it. A failed creation is
 * forgotten, so the next item tries again rather than inheriting the failure.
 */
async function runOrderId(this: IExecuteFunctions, name: string, itemIndex: number): Promise<string> {
	const orders = perRun(this, 'runOrders', () => new Map<string, Promise<string>>());
	let created = orders.get(name);
	if (!created) {
		created = createOrder.call(this, { name }, itemIndex).then((order) => String(order.order_id));
		orders.set(name, created);
		void created.catch(() => orders.delete(name));
	}
	return await created;
}

/**
 * Waits for the photo: with the other photos of its order when the order is shared (one order
 * read a check for all of them), else on its own, as version 1 does.
 */
export async function waitForPhoto(
	this: IExecuteFunctions,
	photo: { imageId: string; orderId: string; shared: boolean; created: ApiImage; settings: WaitSettings; itemIndex: number },
): Promise<ApiImage> {
	const { imageId, orderId, settings, itemIndex } = photo;
	if (!photo.shared) return await waitForImage.call(this, imageId, settings, itemIndex);
	const waiters = perRun(this, 'orderWaiters', () => new Map<string, OrderWaiter>());
	let waiter = waiters.get(orderId);
	if (!waiter) {
		waiter = createOrderWaiter(this, orderId);
		waiters.set(orderId, waiter);
	}
	return await waiter.waitFor({ imageId, image: photo.created, settings, itemIndex });
}
