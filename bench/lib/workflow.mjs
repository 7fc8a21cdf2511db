// A small builder for the benchmark's workflows: nodes in a row, wired by name.
import { randomUUID } from 'node:crypto';

// Workflows name their credentials; n8n fills in the ids when it saves them.
const AUTOENHANCE_CREDENTIAL = { id: null, name: 'Autoenhance (bench)' };
const HEADER_AUTH_CREDENTIAL = { id: null, name: 'x-api-key (bench)' };

/** The two credentials the workflows use: ours, and the Header Auth an HTTP Request user sets up. */
export function benchCredentials(fake) {
	return [
		{
			name: AUTOENHANCE_CREDENTIAL.name,
			type: 'autoenhanceApi',
			data: { apiKey: fake.apiKey, baseUrl: fake.apiUrl, apiVersion: '', devMode: false, webhookToken: '' },
		},
		{ name: HEADER_AUTH_CREDENTIAL.name, type: 'httpHeaderAuth', data: { name: 'x-api-key', value: fake.apiKey } },
	];
}

/**
 * A workflow started by a POST to /webhook/<path>, answering once its last node has run.
 * `nodes`: [{ name, type, typeVersion, parameters, ... }]; `links`: [[from, to, fromOutput = 0, toInput = 0]].
 */
export function webhookWorkflow({ name, path, nodes, links }) {
	const webhook = {
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'noData', options: {} },
	};
	const all = [webhook, ...nodes].map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node }));
	const connections = {};
	for (const [from, to, fromOutput = 0, toInput = 0] of links) {
		const outputs = (connections[from] ??= { main: [] }).main;
		while (outputs.length <= fromOutput) outputs.push([]);
		outputs[fromOutput].push({ node: to, type: 'main', index: toInput });
	}
	return { name, nodes: all, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

export function autoenhance(name, parameters, { typeVersion = 1 } = {}) {
	return {
		name,
		type: 'n8n-nodes-autoenhance.autoenhance',
		typeVersion,
		parameters,
		credentials: { autoenhanceApi: AUTOENHANCE_CREDENTIAL },
	};
}

/**
 * n8n's HTTP Request node as a user sets it up for the Autoenhance API: Header Auth (x-api-key)
 * for API calls, no credential for the presigned upload.
 */
export function httpRequest(name, { method, url, headers, jsonBody, binaryBody, fileResponse, authenticated = true, executeOnce }) {
	const parameters = { method, url, options: {} };
	if (headers) {
		const parameter = Object.entries(headers).map(([name, value]) => ({ name, value }));
		Object.assign(parameters, { sendHeaders: true, headerParameters: { parameters: parameter } });
	}
	if (authenticated) Object.assign(parameters, { authentication: 'genericCredentialType', genericAuthType: 'httpHeaderAuth' });
	if (jsonBody) Object.assign(parameters, { sendBody: true, specifyBody: 'json', jsonBody });
	if (binaryBody) Object.assign(parameters, { sendBody: true, contentType: 'binaryData', inputDataFieldName: binaryBody });
	if (fileResponse) parameters.options.response = { response: { responseFormat: 'file', outputPropertyName: 'data' } };
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters,
		...(authenticated ? { credentials: { httpHeaderAuth: HEADER_AUTH_CREDENTIAL } } : {}),
		...(executeOnce ? { executeOnce: true } : {}),
	};
}

export function readFiles(name, fileSelector) {
	return { name, type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, parameters: { fileSelector, options: {} } };
}

export function splitOut(name, field) {
	return { name, type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: field, options: {} } };
}

/** Merge v3: 'combineByPosition' (item i with item i) or 'combineAll' (every pair). */
export function merge(name, combineBy) {
	return { name, type: 'n8n-nodes-base.merge', typeVersion: 3, parameters: { mode: 'combine', combineBy, options: {} } };
}

/** IF: output 0 when the expression is true, output 1 otherwise. */
export function ifTrue(name, expression) {
	return {
		name,
		type: 'n8n-nodes-base.if',
		typeVersion: 2.2,
		parameters: {
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{ id: randomUUID(), leftValue: expression, rightValue: '', operator: { type: 'boolean', operation: 'true', singleValue: true } },
				],
				combinator: 'and',
			},
			options: {},
		},
	};
}

export function waitSeconds(name, seconds) {
	return { name, type: 'n8n-nodes-base.wait', typeVersion: 1.1, webhookId: randomUUID(), parameters: { amount: seconds, unit: 'seconds' } };
}
