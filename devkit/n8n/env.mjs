// The environment of every n8n process started for a home: isolated from any n8n
// configuration of the caller, quiet (no telemetry or calls home), bound to 127.0.0.1.
import { join } from 'node:path';
import { n8nVersion } from './install.mjs';
import { binaryModeFor, versionEnv } from './versions.mjs';

/** Fixed so credentials imported by one process can be decrypted by the next. */
export const ENCRYPTION_KEY = 'n8n-nodes-autoenhance-e2e-not-a-secret';

const INHERITED_N8N_SETTINGS = /^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_TIMEZONE$|WEBHOOK_URL$)/;

/**
 * @param home  from createN8nHome
 * @param ports { port, brokerPort }: n8n's HTTP port and its task-runner broker port; every
 *              n8n process needs its own pair, also headless commands (`execute` starts a broker)
 */
export function n8nEnv(home, { port, brokerPort }, extra = {}) {
	const inherited = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !INHERITED_N8N_SETTINGS.test(name)),
	);
	return {
		...inherited,
		NODE_ENV: 'production',
		N8N_USER_FOLDER: home.dir,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PORT: String(port),
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_SECURE_COOKIE: 'false',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		// n8n 2.4x fetches the list of verified community nodes from api.n8n.io for its nodes panel.
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// Read/Write Files from Disk may only touch these folders (n8n 2.x default: ~/.n8n-files).
		N8N_RESTRICT_FILE_ACCESS_TO: home.fileAccess.join(';'),
		N8N_LOG_LEVEL: 'info',
		...versionEnv(n8nVersion),
		N8N_DEFAULT_BINARY_DATA_MODE: binaryModeFor(n8nVersion),
		// Where Execution#binary reads files, on every version (1.x's default is .n8n/binaryData).
		N8N_BINARY_DATA_STORAGE_PATH: join(home.n8nFolder, 'storage'),
		...home.env,
		...extra,
	};
}

