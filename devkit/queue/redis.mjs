// A throwaway Redis (Debian's redis-server) on 127.0.0.1: nothing saved to disk.
import { freePort } from '../n8n/ports.mjs';
import { startService } from './service.mjs';

/** Resolves { host, port, stop() }. */
export async function startRedis() {
	const port = await freePort();
	const server = await startService(
		'Redis',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ port },
	);
	return { host: '127.0.0.1', port, output: server.output, stop: server.stop };
}
