// The HTTP proxy n8n is pointed at (HTTPS_PROXY): a CONNECT to one of the stand-ins' hosts is
// tunnelled to the local TLS listener that answers as that host; anything else is refused with a
// 403 that names the host, printed and kept in `refused`, so a request meant for the internet
// fails loudly instead of leaving the machine.
import { createServer, STATUS_CODES } from 'node:http';
import { connect } from 'node:net';

function refusal(status, message) {
	return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`;
}

/** Resolves { url, port, refused, close() }; `hosts`: the names tunnelled to 127.0.0.1:tlsPort. */
export async function startStandInProxy({ hosts, tlsPort }) {
	const refused = [];
	const refuse = (target, socket) => {
		const message = `The storage stand-ins' proxy refuses ${target}: only ${hosts.join(', ')} (port 443) are served locally, and nothing may leave this machine.`;
		refused.push(target);
		socket.on('error', () => socket.destroy());
		console.error(`[storage stand-ins] ${message}`);
		socket.end(refusal(403, message));
	};
	const server = createServer((req, res) => {
		// A plain-HTTP request through the proxy (absolute URL): never served.
		refuse(req.url, res.socket);
	});
	const tunnels = new Set();
	server.on('connect', (req, client, head) => {
		const [host, port] = req.url.split(':');
		if (!hosts.includes(host.toLowerCase()) || port !== '443') return refuse(req.url, client);
		const upstream = connect(tlsPort, '127.0.0.1', () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length > 0) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		for (const socket of [client, upstream]) {
			tunnels.add(socket);
			socket.on('close', () => tunnels.delete(socket));
			socket.on('error', () => (socket === client ? upstream : client).destroy());
		}
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', resolve);
	});
	const { port } = server.address();
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		refused,
		close: () =>
			new Promise((resolve) => {
				for (const socket of tunnels) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
