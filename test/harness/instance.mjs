// What an n8n process sets up once at start (InstanceSettings, the encryption key provider, logger,
// BinaryDataService with init(), as n8n's BaseCommand does), in a temp n8n folder removed after
// the test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	Container,
	GlobalConfig,
	InstanceSettingsConfig,
	Logger,
	SSHClientsManager,
	core,
} from './n8n.mjs';

const n8nFolder = mkdtempSync(join(tmpdir(), 'n8n-harness-'));

// InstanceSettings writes its settings file into the n8n folder: keep it out of ~/.n8n.
Container.set(
	InstanceSettingsConfig,
	Object.assign(new InstanceSettingsConfig(), {
		n8nFolder,
		userHome: n8nFolder,
		encryptionKey: 'n8n-harness',
		enforceSettingsFilePermissions: false,
	}),
);

// n8n-core encrypts credentials with keys its host hands it through the EncryptionKeyProxy (n8n:
// its KeyManagerService, over a database table). Without key rotation turned on, n8n hands out
// one key for writing and for reading unprefixed data: the instance's own encryption key, wrapped
// as a data key, in the legacy format ('no-prefix', aes-256-cbc). The harness has no key store,
// so it hands out that key and knows no other.
let instanceKeyInfo;
function instanceKey() {
	instanceKeyInfo ??= {
		id: 'instance-key',
		value: Container.get(core.Cipher).encryptDEKWithInstanceKey(
			Container.get(core.InstanceSettings).encryptionKey,
		),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	return instanceKeyInfo;
}
Container.get(core.EncryptionKeyProxy).setProvider({
	getActiveKey: async () => instanceKey(),
	getLegacyKey: async () => instanceKey(),
	getKeyById: async (id) => (id === instanceKey().id ? instanceKey() : null),
});

Container.get(GlobalConfig).logging.level = process.env.N8N_LOG_LEVEL ?? 'warn';

const services = new Map();

async function createBinaryDataService(mode) {
	const config = {
		...Container.get(core.BinaryDataConfig),
		mode,
		localStoragePath: join(n8nFolder, 'storage'),
	};
	const service = new core.BinaryDataService(
		config,
		Container.get(core.ErrorReporter),
		Container.get(Logger),
	);
	await service.init();
	return service;
}

/**
 * Makes `mode` ('default' | 'filesystem') the binary data mode of this process, as
 * N8N_DEFAULT_BINARY_DATA_MODE does for n8n. n8n-core's helpers look the service up in the
 * Container on every call, so runs with different modes must not overlap in time.
 * Both services share one storage folder, so ids written in either mode stay readable.
 */
export async function useBinaryMode(mode) {
	if (!services.has(mode)) services.set(mode, createBinaryDataService(mode));
	const service = await services.get(mode);
	Container.set(core.BinaryDataService, service);
	return service;
}

export function binaryDataService() {
	return Container.get(core.BinaryDataService);
}

/** What n8n does at exit: stop n8n-core's SSH cleanup timer, and drop the temp folder. */
export function disposeInstance() {
	Container.get(SSHClientsManager).onShutdown();
	rmSync(n8nFolder, { recursive: true, force: true });
}

// Jest's afterAll where it can be added: not when the harness is first imported inside a test.
const insideTest = globalThis.expect?.getState?.().currentTestName !== undefined;
if (typeof afterAll === 'function' && !insideTest) afterAll(disposeInstance);
else process.once('exit', disposeInstance);
