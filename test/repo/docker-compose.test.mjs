// docker-compose.yml, the README's queue-mode set-up, against what the queue-mode end-to-end run
// proves: the same n8n version, the same settings on every n8n process, the package where all load it.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { queueEnv } from '../../devkit/queue/cluster.mjs';
import { DEFAULT_N8N } from '../../devkit/n8n/versions.mjs';

const root = new URL('../../', import.meta.url);
const compose = parse(await readFile(new URL('docker-compose.yml', root), 'utf8'), { merge: true });
const { name: packageName } = JSON.parse(await readFile(new URL('package.json', root), 'utf8'));

const n8nServices = Object.entries(compose.services).filter(
	([name, service]) => service.image?.includes('n8nio/n8n') && name !== 'install-package',
);
const commandOf = (service) => [service.command].flat().join(' ');
const byCommand = (word) => n8nServices.filter(([, service]) => commandOf(service).split(' ')[0] === word);
const imageOfService = (service) => compose.services[service].image;

test('a main process, two workers and a webhook process, all of the n8n version tested in queue mode', () => {
	expect(byCommand('start')).toHaveLength(1);
	expect(byCommand('worker')).toHaveLength(2);
	expect(byCommand('webhook')).toHaveLength(1);
	expect(n8nServices).toHaveLength(4);
	for (const [, service] of n8nServices) expect(service.image).toMatch(new RegExp(`:${DEFAULT_N8N.replaceAll('.', '\\.')}$`));
});

test('every n8n process has the settings of the queue-mode test run, pointing at the compose services', () => {
	const tested = queueEnv({ postgres: { host: 'h', port: 1, database: 'd', user: 'u' }, redis: { host: 'h', port: 1 } });
	for (const [name, service] of n8nServices) {
		const env = service.environment;
		expect({ name, keys: Object.keys(tested).filter((key) => !(key in env)) }).toEqual({ name, keys: [] });
		for (const key of ['EXECUTIONS_MODE', 'DB_TYPE', 'N8N_DEFAULT_BINARY_DATA_MODE']) expect(env[key]).toBe(tested[key]);
		expect(imageOfService(env.QUEUE_BULL_REDIS_HOST)).toMatch(/^redis:/);
		expect(imageOfService(env.DB_POSTGRESDB_HOST)).toMatch(/^postgres:/);
		expect(env.N8N_ENCRYPTION_KEY).toBe(n8nServices[0][1].environment.N8N_ENCRYPTION_KEY);
	}
});

test('the package is installed into the user folder every n8n process shares, before any starts', () => {
	const installer = compose.services['install-package'];
	expect(commandOf(installer)).toContain(`cd /home/node/.n8n/nodes && npm install --omit=dev ${packageName}`);
	const userFolder = (service) => service.volumes.find((volume) => volume.endsWith(':/home/node/.n8n'));
	expect(userFolder(installer)).toBeDefined();
	for (const [, service] of n8nServices) {
		expect(userFolder(service)).toBe(userFolder(installer));
		expect(service.depends_on['install-package']).toEqual({ condition: 'service_completed_successfully' });
	}
});
