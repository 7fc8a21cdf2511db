// n8n in queue mode on one machine, the way it spreads over several: PostgreSQL shared by all,
// Redis carrying executions from the main process to workers, a separate webhook process. Every
// process has the same user folder and encryption key and ports of its own.
//
//   const services = await startQueueServices();
//   const home = await createN8nHome({ packageTgz, env: services.env });  // CLI imports go to Postgres
//   const cluster = await startQueueCluster(home, { workers: 2 });
//   cluster.main.url, cluster.webhook.url, cluster.workers[i].pid
//   await cluster.stop(); await services.stop();
import { readFile } from 'node:fs/promises';
import { freePort } from '../n8n/ports.mjs';
import { startN8n } from '../n8n/server.mjs';
import { startPostgres } from './postgres.mjs';
import { startRedis } from './redis.mjs';

/** The n8n settings that put a process in queue mode on these PostgreSQL and Redis servers. */
export function queueEnv({ postgres, redis }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		// Queue mode's default in n8n 2.x: whole files in a PostgreSQL table, visible to every process.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		// Manual executions on the workers, as n8n 3.0 always runs them.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/**
 * PostgreSQL and Redis; `env` holds the n8n settings that point every process at them. If either
 * cannot start, the other is stopped before the error is thrown: nothing is left running.
 */
export async function startQueueServices() {
	const started = await Promise.allSettled([startPostgres(), startRedis()]);
	const failure = started.find((result) => result.status === 'rejected');
	if (failure) {
		await Promise.all(started.filter((result) => result.status === 'fulfilled').map((result) => result.value.stop()));
		throw failure.reason;
	}
	const [postgres, redis] = started.map((result) => result.value);
	return {
		postgres,
		redis,
		env: queueEnv({ postgres, redis }),
		stop: () => Promise.all([postgres.stop(), redis.stop()]),
	};
}

/** Starts a worker; `url` is its health-check server. */
export async function startWorker(home, { concurrency = 10 } = {}) {
	const port = await freePort();
	return startN8n(home, {
		args: ['worker', `--concurrency=${concurrency}`],
		port,
		readyPath: '/healthz',
		env: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(port) },
	});
}

/**
 * The main process first (it migrates the database and registers published webhooks), then the
 * workers and the webhook process. Resolves { main, workers, webhook, restartMain(), stop() }.
 */
export async function startQueueCluster(home, { workers = 2, concurrency } = {}) {
	const cluster = { main: await startN8n(home), workers: [], webhook: undefined };
	try {
		[cluster.webhook, ...cluster.workers] = await Promise.all([
			startN8n(home, { args: ['webhook'], readyPath: '/healthz' }),
			...Array.from({ length: workers }, () => startWorker(home, { concurrency })),
		]);
	} catch (error) {
		await stopAll(cluster);
		throw error;
	}
	cluster.restartMain = async () => {
		await cluster.main.stop();
		cluster.main = await startN8n(home);
	};
	cluster.stop = () => stopAll(cluster);
	return cluster;
}

function stopAll({ main, workers, webhook }) {
	return Promise.all([main, webhook, ...workers].filter(Boolean).map((process) => process.stop()));
}

/** A process's peak resident memory so far (VmHWM), in MiB; read it before the process ends. */
export async function peakMemoryMiB(pid) {
	const status = await readFile(`/proc/${pid}/status`, 'utf8');
	const kib = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)[1]);
	return Math.round(kib / 1024);
}
