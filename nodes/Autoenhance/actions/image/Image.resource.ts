import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as get from './get.operation';

export const image: Record<string, Operation> = { get };

export const imageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get an image with its status and settings',
				action: 'Get an image',
			},
		],
		default: 'get',
	},
	...get.description,
];
