// A stand-in for n8n's webhook server, for one trigger node of an active workflow: each request
// runs the node's webhook() in a real WebhookContext and is answered as n8n's webhook helpers
// (packages/cli/src/webhooks/webhook-helpers.ts, response mode "onReceived") answer it.
import { createServer } from 'node:http';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { core, n8nWorkflow } from './n8n.mjs';
import { useBinaryMode } from './instance.mjs';
import { buildWorkflow } from './workflow.mjs';
import {
	HttpError,
	asExpressRequest,
	asExpressResponse,
	parseBody,
	readRawBody,
} from './http-request.mjs';

const { NodeHelpers, NodeOperationError, WorkflowConfigurationError } = n8nWorkflow;

/** The IWebhookData n8n registers for the node (WebhookService.getNodeWebhooks). */
function nodeWebhooks(workflow, node, additionalData) {
	const { webhooks = [] } = workflow.nodeTypes.getByNameAndVersion(
		node.type,
		node.typeVersion,
	).description;
	const value = (parameter, fallback) =>
		workflow.expression.getSimpleParameterValue(
			node,
			parameter,
			'internal',
			{},
			undefined,
			fallback,
		);
	return webhooks.flatMap((webhookDescription) => {
		const path = NodeHelpers.getNodeWebhookPath(
			workflow.id,
			node,
			String(value(webhookDescription.path)).replace(/^\/|\/$/g, ''),
			value(webhookDescription.isFullPath, false),
			value(webhookDescription.restartWebhook, false),
		);
		return String(value(webhookDescription.httpMethod, 'GET'))
			.split(',')
			.filter(Boolean)
			.map((httpMethod) => ({
				httpMethod: httpMethod.trim(),
				node: node.name,
				path,
				webhookDescription,
				workflowId: workflow.id,
				workflowExecuteAdditionalData: additionalData,
			}));
	});
}

function sendError(res, status, body) {
	if (!res.headersSent) res.status(status).json(body);
}

function send(res, code, body) {
	res.status(code);
	if (body instanceof Readable) body.pipe(res);
	else if (typeof body === 'string') res.send(body);
	else res.json(body);
}

/**
 * @param {object} options same node, parameters, credentials, credentialTypes, binaryMode as runNode
 * @param {object} [options.staticData] the node's static data when the workflow is activated
 * @param {number} [options.payloadSizeMax] body size limit in MiB (n8n's N8N_PAYLOAD_SIZE_MAX, default 16)
 * @param {boolean} [options.activate] run the node's webhookMethods as n8n does on activation
 *   (checkExists, then create) and on deactivation (delete, in close())
 * @returns {Promise<{ url: string, urls: Record<string, string>, deliveries: object[],
 *   staticData: () => object, close: () => Promise<void> }>}
 */
export async function startWebhookHost({
	node: nodeType,
	parameters,
	credentials,
	credentialTypes,
	staticData,
	binaryMode = 'filesystem',
	payloadSizeMax = 16,
	activate = false,
}) {
	await useBinaryMode(binaryMode);
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const baseUrl = `http://127.0.0.1:${server.address().port}`;

	let workflow, node, additionalData, webhooks;
	const callWebhookMethod = async (webhookData, method, mode, activation) => {
		const fn = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
		if (!fn) return undefined;
		return await fn.call(
			new core.HookContext(workflow, node, additionalData, mode, activation, webhookData),
		);
	};
	try {
		({ workflow, node, additionalData } = await buildWorkflow({
			nodeType,
			parameters,
			credentials,
			credentialTypes,
			staticData,
			baseUrl,
		}));
		webhooks = nodeWebhooks(workflow, node, additionalData);
		for (const webhookData of webhooks) {
			const responseMode = workflow.expression.getSimpleParameterValue(
				node,
				webhookData.webhookDescription.responseMode,
				'webhook',
				{},
				undefined,
				'onReceived',
			);
			if (responseMode !== 'onReceived') {
				throw new Error(
					`Response mode "${responseMode}" needs a whole workflow: the harness answers "onReceived" only`,
				);
			}
			// n8n's WebhookService.createWebhookIfNotExists, on activation
			if (
				activate &&
				!(await callWebhookMethod(webhookData, 'checkExists', 'trigger', 'activate'))
			) {
				await callWebhookMethod(webhookData, 'create', 'trigger', 'activate');
			}
		}
	} catch (error) {
		server.close();
		throw error;
	}

	const deliveries = [];

	async function deliver(req, res, webhookData, delivery) {
		const mode = 'webhook';
		const { webhookDescription } = webhookData;
		const evaluate = (parameter, fallback) =>
			workflow.expression.getComplexParameterValue(node, parameter, mode, {}, undefined, fallback);
		const responseCode = evaluate(webhookDescription.responseCode, 200);

		try {
			await readRawBody(req, payloadSizeMax * 1024 * 1024);
			parseBody(req);
		} catch (error) {
			delivery.error = error;
			if (error instanceof HttpError) return sendError(res, error.status, error.body);
			return sendError(res, 500, {
				code: 0,
				message: 'There was a problem executing the workflow',
			});
		}

		let result;
		const closeFunctions = [];
		try {
			const context = new core.WebhookContext(
				workflow,
				node,
				{ ...additionalData, httpRequest: req, httpResponse: res },
				mode,
				webhookData,
				closeFunctions,
				null,
			);
			result = await nodeType.webhook.call(context);
		} catch (error) {
			delivery.error = error;
			const known =
				(error instanceof NodeOperationError && error.type === 'manual-form-test') ||
				error instanceof WorkflowConfigurationError;
			const message = known
				? error.message
				: 'Workflow Webhook Error: Workflow could not be started!';
			return sendError(res, 500, { code: 0, message });
		} finally {
			// n8n 2.41's WebhookService.runWebhook: what the node registered runs, failures are only logged
			await Promise.allSettled(closeFunctions.map(async (close) => await close()));
		}

		delivery.workflowData = result.workflowData;
		if (result.noWebhookResponse === true) return;
		if (result.workflowData === undefined) {
			return send(
				res,
				responseCode,
				result.webhookResponse ?? { message: 'Webhook call received' },
			);
		}
		// onReceived, exactly as n8n 2.8 and 2.41 do it: note that a description without
		// `responseData` evaluates to 'firstEntryJson', which n8n then sends as the body.
		const responseData = evaluate(webhookDescription.responseData, 'firstEntryJson');
		let body = { message: 'Workflow was started' };
		if (responseData === 'noData') body = undefined;
		else if (responseData) body = responseData;
		else if (result.webhookResponse !== undefined) body = result.webhookResponse;
		return send(res, responseCode, body);
	}

	async function handle(rawReq, res) {
		const url = new URL(rawReq.url, baseUrl);
		const req = asExpressRequest(rawReq, url);
		const webhookData = webhooks.find(
			(w) => w.httpMethod === req.method && url.pathname === `/webhook/${w.path}`,
		);
		if (!webhookData) {
			return sendError(res, 404, {
				code: 404,
				message: `The requested webhook "${req.method} ${url.pathname}" is not registered.`,
			});
		}
		const delivery = {
			method: req.method,
			headers: req.headers,
			status: undefined,
			workflowData: undefined,
			error: undefined,
		};
		deliveries.push(delivery);
		res.on('finish', () => {
			delivery.status = res.statusCode;
		});
		try {
			await useBinaryMode(binaryMode);
			await deliver(req, res, webhookData, delivery);
		} catch (error) {
			delivery.error ??= error;
			throw error;
		}
	}

	server.on('request', (rawReq, rawRes) => {
		const res = asExpressResponse(rawRes);
		// A fault of the harness itself still answers, rather than leaving the client waiting.
		handle(rawReq, res).catch((error) => sendError(res, 500, { code: 0, message: error.message }));
	});

	const urlOf = (webhookData) => `${baseUrl}/webhook/${webhookData.path}`;
	return {
		url: urlOf(webhooks.find((w) => w.webhookDescription.name === 'default') ?? webhooks[0]),
		urls: Object.fromEntries(
			webhooks.map((w) => [`${w.webhookDescription.name} ${w.httpMethod}`, urlOf(w)]),
		),
		deliveries,
		staticData: () => JSON.parse(JSON.stringify(workflow.getStaticData('node', node))),
		async close() {
			if (activate) {
				for (const webhookData of webhooks)
					await callWebhookMethod(webhookData, 'delete', 'internal', 'update');
			}
			server.closeAllConnections();
			server.close();
			await once(server, 'close');
		},
	};
}
