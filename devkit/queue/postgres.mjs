// A private PostgreSQL cluster for one test run: Debian's server binaries, a fresh data folder,
// 127.0.0.1 only, trust authentication. PostgreSQL refuses to run as root, so as root it runs
// as the `postgres` user that Debian's package creates.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../n8n/ports.mjs';
import { runProcess, tail } from '../process.mjs';
import { startService } from './service.mjs';

const DEBIAN_POSTGRES = '/usr/lib/postgresql';

/** The bin folder of the newest PostgreSQL Debian installed. */
export function postgresBin() {
	const versions = existsSync(DEBIAN_POSTGRES) ? readdirSync(DEBIAN_POSTGRES).sort((a, b) => b - a) : [];
	if (versions.length === 0) throw new Error(`PostgreSQL is not installed (${DEBIAN_POSTGRES} is missing): apt-get install postgresql`);
	return join(DEBIAN_POSTGRES, versions[0], 'bin');
}

/** [command, args] running a PostgreSQL program as `postgres` when this process is root. */
function asPostgresUser(program, args) {
	return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
}

/** Resolves { host, port, user, database, stop() }; stop() also deletes the data. */
export async function startPostgres() {
	const bin = postgresBin();
	const dir = await mkdtemp(join(tmpdir(), 'autoenhance-postgres-'));
	if (userInfo().uid === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres']));
		const gid = Number(execFileSync('id', ['-g', 'postgres']));
		await chown(dir, uid, gid);
	}
	await chmod(dir, 0o700);
	const data = join(dir, 'data');
	const initdb = await runProcess(...asPostgresUser(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync']));
	if (initdb.code !== 0) throw new Error(`initdb failed:\n${tail(initdb.stdout, initdb.stderr)}`);
	const port = await freePort();
	const server = await startService(
		'PostgreSQL',
		...asPostgresUser(join(bin, 'postgres'), [
			'-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off',
		]),
		{ port, stopSignal: 'SIGINT' },
	);
	return {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'postgres',
		output: server.output,
		stop: async () => {
			await server.stop();
			await rm(dir, { recursive: true, force: true });
		},
	};
}
