// Webhook deliveries, as Autoenhance sends them: a JSON POST with the configured token where
// the webhookToken variant puts it (Authorization as is, `Bearer <token>`, or its own header).
// Every delivery is recorded.
import { WEBHOOK_TOKEN_HEADER } from './variants.mjs';

const TIMEOUT_MS = 10_000;

const TOKEN_HEADERS = {
	raw: (token) => ({ authorization: token }),
	bearer: (token) => ({ authorization: `Bearer ${token}` }),
	header: (token) => ({ [WEBHOOK_TOKEN_HEADER]: token }),
};

async function deliver(core, payload) {
	const { url, token } = core.webhook;
	const entry = { url, body: payload, status: null, error: null, at: Date.now() };
	core.webhookDeliveries.push(entry);
	const headers = { 'content-type': 'application/json', ...(token ? TOKEN_HEADERS[core.variants.webhookToken](token) : {}) };
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers,
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(TIMEOUT_MS),
		});
		entry.status = response.status;
		await response.arrayBuffer();
	} catch (error) {
		entry.error = error.message;
	}
	return entry;
}

function track(core, promise) {
	core.pendingDeliveries.add(promise);
	promise.finally(() => core.pendingDeliveries.delete(promise));
	return promise;
}

/** Sets (or with no url clears) the webhook; resolves the `webhook_updated` delivery. */
export async function setWebhook(core, { url, token } = {}) {
	core.webhook = url ? { url, token } : null;
	return core.webhook ? track(core, deliver(core, { event: 'webhook_updated' })) : null;
}

export function notifyImageProcessed(core, image, orderIsProcessing) {
	if (!core.webhook) return;
	track(
		core,
		deliver(core, {
			event: 'image_processed',
			image_id: image.image_id,
			error: image.status === 'error',
			order_id: image.order_id,
			order_is_processing: orderIsProcessing,
		}),
	);
}
