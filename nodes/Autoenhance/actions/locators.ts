import type { INodeProperties } from 'n8n-workflow';

/** An order's page in the Autoenhance web app; the first group is the order ID. */
const ORDER_URL_PATTERN = '^https?://app\\.autoenhance\\.ai/orders/([^/?#]+)';

export function orderUrl(orderId: string): string {
	return `https://app.autoenhance.ai/orders/${encodeURIComponent(orderId)}`;
}

/** Where version 2 takes an order: picked from the account's orders, typed as an ID, or pasted as a web app URL. */
export function orderLocator(overrides: Partial<INodeProperties>): INodeProperties {
	return {
		displayName: 'Order',
		name: 'orderId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The Autoenhance order, picked from the list, given by its ID or by the URL of its page in the Autoenhance web app',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an order…',
				typeOptions: { searchListMethod: 'searchOrders', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: 'e.g. https://app.autoenhance.ai/orders/3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
				validation: [
					{
						type: 'regex',
						properties: { regex: ORDER_URL_PATTERN, errorMessage: 'Not the URL of an order in the Autoenhance web app' },
					},
				],
				extractValue: { type: 'regex', regex: ORDER_URL_PATTERN },
			},
		],
		...overrides,
	};
}

/**
 * Where version 2 takes an image: picked from the images of recent orders, or typed as an ID. Like
 * version 1 it starts out with the image ID of the input item, which is what a trigger or an
 * earlier Autoenhance node passes on; From List is one click away.
 */
export const imageLocator: INodeProperties = {
	displayName: 'Image',
	name: 'imageId',
	type: 'resourceLocator',
	required: true,
	default: { mode: 'id', value: '={{ $json.image_id }}' },
	description: 'The Autoenhance image, picked from the images of recent orders (search by image or order name) or given by its ID',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select an image…',
			typeOptions: { searchListMethod: 'searchImages', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
		},
	],
};
