import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as deleteOrder from './delete.operation';
import * as enhanceHdr from './enhanceHdr.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as merge from './merge.operation';
import * as update from './update.operation';

export const order: Record<string, Operation> = {
	create,
	get,
	getAll,
	update,
	delete: deleteOrder,
	merge,
	enhanceHdr,
};

export const orderDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['order'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an empty order to collect the images or brackets of one property',
				action: 'Create order',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an order and its images from Autoenhance permanently',
				action: 'Delete order',
			},
			{
				name: 'Enhance HDR',
				value: 'enhanceHdr',
				description:
					'Turn all input files into the brackets of one order, merge them into HDR images, wait and download the results, all in one step',
				action: 'Enhance HDR brackets as new order',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an order with its images and progress',
				action: 'Get order',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'Retrieve a list of orders, newest first',
				action: 'Get many orders',
			},
			{
				name: 'Merge HDR',
				value: 'merge',
				description: 'Merge the brackets already uploaded to an order into HDR images and enhance them',
				action: 'Merge HDR brackets of order',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename an order',
				action: 'Update order',
			},
		],
		default: 'enhanceHdr',
	},
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...deleteOrder.description,
	...merge.description,
	...enhanceHdr.description,
];
