import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { assertTokenConfigured, isAuthorized } from './trigger/access';
import type { TriggerEvent } from './trigger/delivery';
import { eventsOf, readDelivery } from './trigger/delivery';
import { downloadNotice } from './trigger/output';
import { webhookItems } from './trigger/webhookItems';

export class AutoenhanceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Autoenhance Trigger',
		name: 'autoenhanceTrigger',
		icon: { light: 'file:autoenhance.svg', dark: 'file:autoenhance.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: 'When images or orders finish',
		description: 'Starts the workflow when Autoenhance.ai finishes enhancing an image or an order',
		defaults: { name: 'Autoenhance Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'autoenhanceApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// n8n otherwise answers with the literal text "firstEntryJson".
				responseData: '',
				path: 'autoenhance',
			},
		],
		properties: [
			{
				displayName:
					'Autoenhance sends its events to one URL per account, set by hand: in the Autoenhance web app open the API page (app.autoenhance.ai/application-interface), paste this node\'s Production URL (above) into "Webhook URL", enter the credential\'s Webhook Token as the authentication value, and click "Update Settings". Without a Webhook Token anyone who knows the URL could start this workflow, so the node will not activate without one unless you allow it in the options. If Autoenhance cannot reach this n8n (it runs behind a firewall or NAT), use the Autoenhance Polling Trigger instead.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['imageEnhanced'],
				description: 'Which events start the workflow; Autoenhance is told "received" for all others',
				options: [
					{ name: 'Image Enhanced', value: 'imageEnhanced', description: 'An image finished processing' },
					{ name: 'Image Failed', value: 'imageFailed', description: 'Autoenhance could not process an image' },
					{
						name: 'Order Completed',
						value: 'orderCompleted',
						description: 'The last image of an order finished, whether enhanced or failed',
					},
					{
						name: 'Settings Saved (Test Ping)',
						value: 'webhookUpdated',
						description: 'The webhook settings were saved in Autoenhance: handy to test the connection',
					},
				],
			},
			{
				displayName: 'Fetch Full Details',
				name: 'fetchDetails',
				type: 'boolean',
				default: false,
				description:
					'Whether to fetch the whole image (name, status, settings) or, for Order Completed, one item per enhanced image of the order; images that failed are left out (select Image Failed to hear about them). Otherwise the item holds only what Autoenhance sends: event, image_id, order_id, error, order_is_processing.',
			},
			downloadNotice,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Accept Requests Without Token',
						name: 'acceptWithoutToken',
						type: 'boolean',
						default: false,
						description:
							'Whether to run even though the credential has no Webhook Token. Anyone who knows the URL could then start the workflow.',
					},
					{
						displayName: 'Token Header',
						name: 'headerName',
						type: 'string',
						default: 'Authorization',
						description:
							'The request header that carries the Webhook Token, either alone or after "Bearer "',
					},
				],
			},
		],
	};

	// Autoenhance has no API for its webhook setting: the user pastes the URL into its web app.
	// Setting up only checks that the trigger cannot be started by strangers.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertTokenConfigured.call(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		if (!(await isAuthorized.call(this))) return reply.call(this, 401, 'Missing or wrong webhook token');
		const request = this.getRequestObject() as { rawBody?: Buffer; body?: unknown };
		const delivery = readDelivery(request.rawBody, request.body);
		if ('status' in delivery) return reply.call(this, delivery.status, delivery.message);
		const selected = this.getNodeParameter('events', []) as TriggerEvent[];
		const events = eventsOf(delivery).filter((event) => selected.includes(event));
		const fetchDetails = this.getNodeParameter('fetchDetails', false) as boolean;
		const items = await webhookItems.call(this, delivery, events, fetchDetails);
		if (items.length === 0) return { webhookResponse: { message: 'Received; no event this trigger listens to' } };
		return { workflowData: [items], webhookResponse: { message: 'Workflow was started' } };
	}
}

/** Answers the request here, starting nothing. */
function reply(this: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	this.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}
