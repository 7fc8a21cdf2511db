import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { API_VERSION, OLDEST_API_VERSION } from '../nodes/Autoenhance/transport/apiVersion';

export class AutoenhanceApi implements ICredentialType {
	name = 'autoenhanceApi';

	displayName = 'Autoenhance API';

	icon: Icon = {
		light: 'file:../nodes/Autoenhance/autoenhance.svg',
		dark: 'file:../nodes/Autoenhance/autoenhance.dark.svg',
	};

	documentationUrl = 'https://docs.autoenhance.ai/getting-started/quickstart/single-bracket';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Autoenhance API key, from the API page of the Autoenhance web app (app.autoenhance.ai → API)',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.autoenhance.ai',
			required: true,
			description:
				'Where the Autoenhance API lives. Keep the default unless you use a sandbox or a proxy; only http(s) URLs are accepted.',
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: '',
			placeholder: API_VERSION,
			description: `Sent as the x-api-version header. Empty: ${API_VERSION}, the version this node is written and tested for. Another date makes Autoenhance answer as that version did; dates before ${OLDEST_API_VERSION} are refused, as the preview download worked differently then.`,
		},
		{
			displayName: 'Development Mode',
			name: 'devMode',
			type: 'boolean',
			default: false,
			description:
				'Whether to send x-dev-mode: true, so full-size downloads are watermarked and spend no credits. Use it while building a workflow.',
		},
		{
			displayName: 'Webhook Token',
			name: 'webhookToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional. The authentication value you entered beside the webhook URL in Autoenhance; the Autoenhance Trigger rejects deliveries that do not carry it.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-api-key': '={{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v3/orders/',
			headers: { 'x-api-version': `={{$credentials.apiVersion?.trim() || "${API_VERSION}"}}` },
			qs: { per_page: 1 },
			method: 'GET',
		},
	};
}
