// Work sent to the fake Autoenhance from outside n8n, as the Autoenhance web app or another
// integration would: what makes Autoenhance call the trigger's webhook.

/** API calls with the fake's key. */
export function fakeClient(fake) {
	async function call(method, path, body) {
		const response = await fetch(`${fake.apiUrl}${path}`, {
			method,
			headers: { 'x-api-key': fake.apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
		return response.json();
	}

	async function upload(created, bytes) {
		const url = created.upload_url ?? created.s3PutObjectUrl;
		const response = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
		if (!response.ok) throw new Error(`PUT ${url}: ${response.status} ${await response.text()}`);
	}

	/** Autoenhance may mark brackets uploaded some seconds after their upload (a variant of the fake). */
	async function flaggedUploaded(orderId) {
		for (;;) {
			const { brackets } = await call('GET', `/v3/orders/${orderId}/brackets`);
			if (brackets.every((bracket) => bracket.is_uploaded)) return;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	}

	return {
		/** An empty order, as made in the web app. Resolves the order. */
		async createOrder({ name }) {
			return await call('POST', '/v3/orders/', { name });
		},

		/** One photo in an order of its own, uploaded: it is enhanced at once. Resolves the image. */
		async enhancePhoto({ name, bytes }) {
			const image = await call('POST', '/v3/images/', { image_name: name });
			await upload(image, bytes);
			return image;
		},

		/** A new order with these brackets, uploaded in order and merged `perImage` at a time. Resolves the order. */
		async mergeHdrOrder({ name, brackets, perImage }) {
			const order = await this.createOrder({ name });
			for (const bracket of brackets) {
				await upload(await call('POST', '/v3/brackets/', { order_id: order.order_id, name: bracket.name }), bracket.bytes);
			}
			await flaggedUploaded(order.order_id);
			await call('POST', `/v3/orders/${order.order_id}/process`, { number_of_brackets_per_image: perImage });
			return order;
		},
	};
}
