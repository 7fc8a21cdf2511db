// One HTTP listener (api, upload or asset): records every request, applies fault rules,
// then hands the request to its handler. Control routes (/__fake/) bypass both.
import { createServer } from 'node:http';
import { cutResponse, faultLabel, paceResponse, replaceResponse } from './faults.mjs';
import { s3ErrorBody, sendListenerError, sendRedirect } from './http.mjs';

function newRecord(name, req, url) {
	return {
		listener: name,
		method: req.method,
		path: url.pathname,
		query: Object.fromEntries(url.searchParams),
		headers: { ...req.headers },
		status: null,
		bytesIn: 0,
		bytesOut: 0,
		fault: null,
		at: Date.now(),
	};
}

/** Fills the record's status (when headers go out) and bytesOut (body bytes written). */
function observeResponse(res, record) {
	const { writeHead, write, end } = res;
	res.writeHead = (status, ...rest) => {
		record.status = status;
		return writeHead.call(res, status, ...rest);
	};
	const count = (chunk, encoding) => {
		if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') {
			record.bytesOut += Buffer.byteLength(chunk, typeof encoding === 'string' ? encoding : undefined);
		}
	};
	res.write = (chunk, ...rest) => {
		count(chunk, rest[0]);
		return write.call(res, chunk, ...rest);
	};
	res.end = (chunk, ...rest) => {
		count(chunk, rest[0]);
		return end.call(res, chunk, ...rest);
	};
}

/** What a client whose request could not be parsed gets (e.g. a body shorter than its Content-Length). */
function clientErrorResponse(name, error) {
	const incomplete = error.code === 'HPE_INVALID_EOF_STATE';
	const body =
		name === 'api'
			? JSON.stringify({ message: 'Bad Request', detail: {} })
			: s3ErrorBody(
					400,
					incomplete ? 'IncompleteBody' : 'BadRequest',
					incomplete
						? 'You did not provide the number of bytes specified by the Content-Length HTTP header'
						: 'Bad Request',
				);
	const type = name === 'api' ? 'application/json' : 'application/xml';
	return (
		`HTTP/1.1 400 Bad Request\r\nContent-Type: ${type}\r\n` +
		`Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
	);
}

export async function startListener(core, { name, port = 0, handle, control }) {
	const inFlight = new WeakMap(); // socket → record of the request it carries

	/** Applies the faults drawn for this request; true when one has answered it already. */
	async function applyFaults(req, res, record) {
		for (const rule of core.faults.draw(name, req.method, record.path)) {
			record.fault = faultLabel(rule);
			const sendStatus = () => {
				const headers = rule.retryAfter !== undefined ? { 'retry-after': String(rule.retryAfter) } : {};
				record.retryAfter = rule.retryAfter ?? null;
				sendListenerError(res, name, rule.status, headers);
			};
			if (rule.kind === 'latency') await core.timers.sleep(rule.delayMs);
			if (rule.kind === 'slowBody') paceResponse(res, rule.delayMs, (ms) => core.timers.sleep(ms));
			if (rule.after) {
				if (rule.kind === 'drop') cutResponse(res);
				else replaceResponse(res, sendStatus);
				return false;
			}
			if (rule.kind === 'drop') {
				req.socket.destroy();
				return true;
			}
			if (rule.kind === 'status') {
				sendStatus();
				return true;
			}
			if (rule.kind === 'redirect') {
				sendRedirect(res, rule.location ?? `http://${req.headers.host}${req.url}`);
				return true;
			}
		}
		return false;
	}

	async function onRequest(req, res) {
		const url = new URL(req.url, 'http://127.0.0.1');
		const controlHandler = control?.(url);
		if (controlHandler) return controlHandler(req, res, url);

		const record = newRecord(name, req, url);
		core.requests.push(record);
		inFlight.set(req.socket, record);
		observeResponse(res, record);
		const settle = () => {
			if (res.headersSent) record.status = res.statusCode;
			if (inFlight.get(req.socket) === record) inFlight.delete(req.socket);
		};
		res.on('finish', settle);
		res.on('close', settle);

		if (await applyFaults(req, res, record)) return;
		await handle(req, res, { url, record });
	}

	const server = createServer((req, res) => {
		onRequest(req, res).catch((error) => {
			console.error(`[fake-autoenhance] ${name} ${req.method} ${req.url}:`, error);
			if (!res.headersSent) sendListenerError(res, name, 500);
			else res.destroy();
		});
	});
	server.on('clientError', (error, socket) => {
		const record = inFlight.get(socket);
		if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
			socket.destroy();
			return;
		}
		if (record) record.status = 400;
		socket.end(clientErrorResponse(name, error));
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', resolve);
	});

	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
