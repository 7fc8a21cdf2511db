import type {
	IAdditionalCredentialOptions,
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_VERSION, apiVersionProblem, OLDEST_API_VERSION } from './apiVersion';

export const CREDENTIAL_TYPE = 'autoenhanceApi';

/** Every kind of n8n context our two nodes call the API from. */
export type AutoenhanceContext =
	| IExecuteFunctions
	| IPollFunctions
	| IWebhookFunctions
	| IHookFunctions
	| ILoadOptionsFunctions;

export interface Connection {
	/** The API origin and path prefix from the credential, without a trailing slash. */
	baseUrl: string;
	/** Headers every API request carries besides the API key, which n8n adds itself. */
	headers: Record<string, string>;
	/** Values that must never appear in an error message. */
	secrets: string[];
	/**
	 * The credential as read here, handed to httpRequestWithAuthentication, which then applies it
	 * as the credential type says instead of reading and decrypting it again for every request.
	 */
	authentication: IAdditionalCredentialOptions;
}

/**
 * One per execution context: n8n reads and decrypts the credential from its database on every
 * getCredentials call, which was a fifth of the time of a Get over 1000 items.
 */
const connections = new WeakMap<AutoenhanceContext, Promise<Connection>>();

export async function getConnection(this: AutoenhanceContext): Promise<Connection> {
	let connection = connections.get(this);
	if (!connection) {
		connection = loadConnection.call(this);
		connections.set(this, connection);
	}
	return await connection;
}

async function loadConnection(this: AutoenhanceContext): Promise<Connection> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return {
		baseUrl: parseBaseUrl.call(this, credentials.baseUrl),
		headers: apiHeaders.call(this, credentials),
		secrets: [credentials.apiKey, credentials.webhookToken].filter(
			(secret): secret is string => typeof secret === 'string' && secret.length > 0,
		),
		authentication: {
			credentialsDecrypted: { ...credentialOfNode(this), type: CREDENTIAL_TYPE, data: credentials },
		},
	};
}

function credentialOfNode(context: AutoenhanceContext): { id: string; name: string } {
	const { id, name } = context.getNode().credentials?.[CREDENTIAL_TYPE] ?? {};
	return { id: id ?? '', name: name ?? CREDENTIAL_TYPE };
}

export function parseHttpUrl(text: string): URL | undefined {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
	} catch {
		return undefined;
	}
}

function parseBaseUrl(this: AutoenhanceContext, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!parseHttpUrl(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`The Base URL in the Autoenhance credential is not an http(s) URL: "${text}"`,
			{ description: 'Use https://api.autoenhance.ai, or the http(s) address of your sandbox.' },
		);
	}
	return text.replace(/\/+$/, '');
}

function apiHeaders(this: AutoenhanceContext, credentials: ICredentialDataDecryptedObject): Record<string, string> {
	const chosen = typeof credentials.apiVersion === 'string' ? credentials.apiVersion.trim() : '';
	const problem = apiVersionProblem(chosen);
	if (problem) {
		throw new NodeOperationError(this.getNode(), problem, {
			description: `Leave API Version empty to use ${API_VERSION}, the version this node is written for, or enter a date from ${OLDEST_API_VERSION} on.`,
		});
	}
	const headers: Record<string, string> = { 'x-api-version': chosen || API_VERSION };
	if (credentials.devMode === true) headers['x-dev-mode'] = 'true';
	return headers;
}
