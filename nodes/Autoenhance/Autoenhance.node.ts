import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { imageDescription } from './actions/image/Image.resource';
import { orderDescription } from './actions/order/Order.resource';
import { router } from './actions/router';
import { subtitleInWords } from './actions/subtitle';
import { searchImages, searchOrders } from './methods/listSearch';

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Order', value: 'order' },
		],
		default: 'image',
	},
	...imageDescription,
	...orderDescription,
];

export class Autoenhance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autoenhance',
		name: 'autoenhance',
		icon: { light: 'file:autoenhance.svg', dark: 'file:autoenhance.dark.svg' },
		group: ['transform'],
		// Version 2: orders and images picked from lists, Simplify on by default. Version 1 stays
		// as it was for the workflows saved with it.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: subtitleInWords(properties),
		description:
			'Enhance real-estate images with Autoenhance.ai: single shots, HDR brackets and 360° panoramas',
		defaults: { name: 'Autoenhance' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoenhanceApi', required: true }],
		properties,
	};

	methods = { listSearch: { searchOrders, searchImages } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
