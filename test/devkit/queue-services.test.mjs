// Queue mode's PostgreSQL and Redis: a service that cannot start fails at once with the reason,
// and the one that did start is stopped, so nothing is left running.
import { execFileSync } from 'node:child_process';
import { runProcess } from '../../devkit/process.mjs';
import { createServer } from 'node:net';
import { startService } from '../../devkit/queue/service.mjs';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * startQueueServices() in a process of its own with `PATH`, its temporary folders (PostgreSQL's
 * data among them) under `bin`; resolves { code, stderr }.
 */
const startServicesWith = (PATH) =>
	runProcess(process.execPath, ['--input-type=module', '-e', "await (await import('./devkit/queue/cluster.mjs')).startQueueServices()"], {
		env: { ...process.env, PATH, TMPDIR: bin },
		timeoutMs: 60_000,
	});

/** The PostgreSQL processes whose data folder is under `folder` (other test runs have their own). */
const postgresProcessesIn = (folder) =>
	execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line.includes(`${folder}/autoenhance-postgres-`));

let bin;
beforeEach(async () => {
	bin = await mkdtemp(join(tmpdir(), 'planted-bin-'));
	await chmod(bin, 0o755); // PostgreSQL's data folder goes under it, and its server runs as `postgres`
});
afterEach(() => rm(bin, { recursive: true, force: true }));

async function pathWithRedisServer(script) {
	await writeFile(join(bin, 'redis-server'), `#!/bin/sh\n${script}\n`);
	await chmod(join(bin, 'redis-server'), 0o755);
	return `${bin}:${process.env.PATH}`;
}

test('a redis-server that exits at once fails within seconds, and PostgreSQL is stopped', async () => {
	const started = Date.now();
	const { code, stderr } = await startServicesWith(await pathWithRedisServer('echo "planted: cannot start" >&2; exit 1'));
	expect(Date.now() - started).toBeLessThan(30_000);
	expect(code).not.toBe(0);
	expect(stderr).toMatch(/Redis exited during startup \(exit 1\)[\s\S]*planted: cannot start/);
	expect(postgresProcessesIn(bin)).toEqual([]);
});

test('no redis-server at all fails at once with the reason, and PostgreSQL is stopped', async () => {
	// Only what starting PostgreSQL needs is on this PATH.
	for (const command of ['id', 'runuser']) {
		await symlink(execFileSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).trim(), join(bin, command));
	}
	const { code, stderr } = await startServicesWith(bin);
	expect(code).not.toBe(0);
	expect(stderr).toMatch(/Redis could not start: spawn redis-server ENOENT/);
	expect(postgresProcessesIn(bin)).toEqual([]);
});

test('a port taken by another process fails at once with the reason, and the server is not started', async () => {
	const other = createServer().listen(0, '127.0.0.1');
	await new Promise((resolve) => other.once('listening', resolve));
	const { port } = other.address();
	const marker = join(bin, 'started');
	try {
		const started = Date.now();
		await expect(startService('Redis', 'sh', ['-c', `touch ${marker}; exec sleep 600`], { port })).rejects.toThrow(
			`Redis could not start: port ${port} on 127.0.0.1 is taken by another process`,
		);
		expect(Date.now() - started).toBeLessThan(5_000);
		expect(existsSync(marker)).toBe(false);
	} finally {
		other.close();
	}
});
