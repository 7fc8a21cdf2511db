// The n8n packages exactly as n8n-core itself loads them (CommonJS).
// - Take n8n-workflow from here, never `import 'n8n-workflow'`: an ES import gets its separate
//   ESM build, whose error classes are not the ones the nodes in dist/ and n8n-core throw.
// - @n8n/di, @n8n/config, @n8n/backend-common and @n8n/backend-network must be the copies
//   n8n-core resolves: other copies in node_modules are other versions (another Container, so
//   n8n-core would never see our setup).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const requireFromHere = createRequire(import.meta.url);
// Anchored on a file that is never loaded: under Jest, a require made from a module's own path
// makes that module its own parent, and Jest's MODULE_NOT_FOUND handling (ssh2 probes an
// optional package inside n8n-core's imports) then walks the parent chain forever.
const requireFromCore = createRequire(
	join(dirname(requireFromHere.resolve('n8n-core/package.json')), 'harness-anchor.js'),
);

export const core = requireFromCore('n8n-core');
export const n8nWorkflow = requireFromCore('n8n-workflow');
export const { Container } = requireFromCore('@n8n/di');
export const { GlobalConfig, InstanceSettingsConfig } = requireFromCore('@n8n/config');
export const { Logger } = requireFromCore('@n8n/backend-common');
// What n8n's rawBodyReader middleware runs on every request (content type, charset, disposition).
export const { parseIncomingMessage } = requireFromCore('@n8n/backend-network');
// Not exported by n8n-core's index: the service with a timer that only a process 'exit' event
// (which never reaches Jest's sandbox) would stop.
export const { SSHClientsManager } = requireFromCore(
	'n8n-core/dist/execution-engine/ssh-clients-manager',
);
