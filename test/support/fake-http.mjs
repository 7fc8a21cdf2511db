// Plain HTTP helpers for tests that talk to the fake Autoenhance server directly.
import http from 'node:http';

/** Calls the API of a running fake; parses JSON bodies; `key: null` sends no x-api-key. */
export async function apiCall(fake, path, { method = 'GET', body, key = fake.apiKey, headers = {} } = {}) {
	const response = await fetch(fake.apiUrl + path, {
		method,
		redirect: 'manual',
		headers: {
			...(key === null ? {} : { 'x-api-key': key }),
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...headers,
		},
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
	return { status: response.status, headers: response.headers, body: isJson ? JSON.parse(text) : text };
}

export const put = (url, bytes, contentType = 'application/octet-stream', headers = {}) =>
	fetch(url, { method: 'PUT', headers: { 'content-type': contentType, ...headers }, body: bytes });

/** Reads until `done(value)`, every 15 ms, for at most `timeoutMs`. */
export async function waitFor(read, done, timeoutMs = 5000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (done(value)) return value;
		if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
		await new Promise((resolve) => setTimeout(resolve, 15));
	}
}

/** A local webhook receiver recording each delivery. */
export async function startReceiver() {
	const received = [];
	const server = http.createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			received.push({ headers: req.headers, body: JSON.parse(text) });
			res.end('ok');
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/hook`;
	return { url, received, close: () => new Promise((resolve) => server.close(resolve)) };
}
