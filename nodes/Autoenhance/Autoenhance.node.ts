import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { imageDescription } from './actions/image/Image.resource';
import { orderDescription } from './actions/order/Order.resource';
import { router } from './actions/router';

export class Autoenhance implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autoenhance',
		name: 'autoenhance',
		icon: { light: 'file:autoenhance.svg', dark: 'file:autoenhance.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Enhance real-estate photos with Autoenhance.ai: single shots, HDR brackets and 360° panoramas',
		defaults: { name: 'Autoenhance' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoenhanceApi', required: true }],
		properties: [
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
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
