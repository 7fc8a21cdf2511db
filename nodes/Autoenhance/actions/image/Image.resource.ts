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
				description: 'Register a photo and get the address to upload it to; nothing is enhanced until the upload',
				action: 'Create an image',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an image from Autoenhance',
				action: 'Delete an image',
			},
			{
				name: 'Download',
				value: 'download',
				description: 'Download the enhanced photo (preview or full size) or the original as a file',
				action: 'Download an image',
			},
			{
				name: 'Enhance',
				value: 'enhance',
				description:
					'Send each input photo to Autoenhance, wait for the edit and download the result, all in one step',
				action: 'Enhance an image',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an image with its status and settings',
				action: 'Get an image',
			},
			{
				name: 'Report',
				value: 'report',
				description: 'Tell Autoenhance what is wrong with an enhanced photo',
				action: 'Report a problem with an image',
			},
			{
				name: 'Reprocess',
				value: 'reprocess',
				description: 'Enhance an uploaded photo again with changed settings',
				action: 'Reprocess an image',
			},
			{
				name: 'Upload',
				value: 'upload',
				description: 'Upload the photo file of an image made with Create; enhancing starts after it',
				action: 'Upload an image',
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
