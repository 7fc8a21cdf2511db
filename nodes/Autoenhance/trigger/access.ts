import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../transport';
import { carriesToken } from './token';

/** The credential's Webhook Token, or '' when none is set. */
async function webhookToken(this: IWebhookFunctions | IHookFunctions): Promise<string> {
	const { webhookToken: token } = await this.getCredentials(CREDENTIAL_TYPE);
	return typeof token === 'string' ? token.trim() : '';
}

function acceptsWithoutToken(this: IWebhookFunctions | IHookFunctions): boolean {
	return this.getNodeParameter('options.acceptWithoutToken', false) as boolean;
}

/**
 * Run when the workflow is activated or the editor starts listening: a trigger anyone who knows
 * the URL can start is refused unless the user chose that knowingly.
 */
export async function assertTokenConfigured(this: IHookFunctions): Promise<void> {
	if ((await webhookToken.call(this)) || acceptsWithoutToken.call(this)) return;
	throw new NodeOperationError(
		this.getNode(),
		'The Autoenhance credential has no Webhook Token, so anyone who knows this URL could start the workflow',
		{
			description:
				'Make up a long random token, enter it as "Webhook Token" in the credential and as the authentication value beside the webhook URL on the API page of the Autoenhance web app. To accept requests without a token anyway, turn on "Accept Requests Without Token" in the options.',
		},
	);
}

/** Whether the request carries the credential's token in the chosen header (or may go without). */
export async function isAuthorized(this: IWebhookFunctions): Promise<boolean> {
	const token = await webhookToken.call(this);
	if (!token) return acceptsWithoutToken.call(this);
	const headerName = (this.getNodeParameter('options.headerName', '') as string).trim() || 'Authorization';
	return carriesToken(this.getHeaderData()[headerName.toLowerCase()], token);
}
