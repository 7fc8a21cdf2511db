import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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
			placeholder: '2025-05-08',
			description:
				'Optional date of the API behaviour to use, sent as the x-api-version header. Empty uses the version your account is pinned to.',
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
			qs: { per_page: 1 },
			method: 'GET',
		},
	};
}
