// A request n8n's SSRF protection refuses says so and names the settings that allow the address,
// rather than reading as a network failure.
import { loadNode } from '../support/package.mjs';

const { failureToError } = loadNode('transport/errors.js');
const node = { name: 'Autoenhance', type: 'n8n-nodes-autoenhance.autoenhance', typeVersion: 2, position: [0, 0], parameters: {} };

test.each([
	['The request was blocked because it resolves to a restricted IP address', 'api', 'Autoenhance'],
	['The request was blocked because the destination hostname is restricted', 'upload', 'the upload host'],
])('%s (%s host)', (message, host, named) => {
	const error = failureToError(node, { kind: 'network', code: 'EUNKNOWN', message }, { host, origin: 'http://10.0.0.5:8080' }, 1, []);
	expect(error.message).toBe(`n8n's SSRF protection blocked the request to ${named} at http://10.0.0.5:8080`);
	expect(error.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES or its address range to N8N_SSRF_ALLOWED_IP_RANGES/);
});

test('other network failures keep their own message', () => {
	const error = failureToError(node, { kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, { host: 'api', origin: 'http://10.0.0.5:8080' }, 1, []);
	expect(error.message).toBe('Could not reach Autoenhance at http://10.0.0.5:8080: the connection was refused');
});
