import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as create from './create.operation';
import * as deleteImage from './delete.operation';
import * as download from './download.operation';
import * as enhance from './enhance.operation';
import * as get from './get.operation';
import * as reprocess from './reprocess.operation';
import * as report from './report.operation';
import * as upload from './upload.operation';

export const image: Record<string, Operation> = {
	create,
	upload,
	enhance,
	get,
	reprocess,
	download,
	delete: deleteImage,
	report,
};

export const imageDescription: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['image'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register an image and get the address to upload it to; nothing is enhanced until the upload',
				action: 'Create image',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an image from Autoenhance',
				action: 'Delete image',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download the enhanced image (preview or full size) or the original as a file',
				action: 'Download image',
			},
			{
				name: 'Enhance',
				value: 'enhance',
				description:
					'Send each input image to Autoenhance, wait for the edit and download the result, all in one step',
				action: 'Enhance image',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an image with its status and settings',
				action: 'Get image',
			},
			{
				name: 'Report',
				value: 'report',
				description: 'Tell Autoenhance what is wrong with an enhanced image',
				action: 'Report problem with image',
			},
			{
				name: 'Reprocess',
				value: 'reprocess',
				description: 'Enhance an uploaded image again with changed settings',
				action: 'Reprocess image',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload the file of an image made with Create; enhancing starts after it',
				action: 'Upload image file',
			},
		],
		default: 'enhance',
	},
	...create.description,
	...upload.description,
	...enhance.description,
	...get.description,
	...reprocess.description,
	...download.description,
	...deleteImage.description,
	...report.description,
];
