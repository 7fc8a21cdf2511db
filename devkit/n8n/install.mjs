#!/usr/bin/env node
// The n8n that `npm start`, the benchmark and the end-to-end tests drive: the version named by
// AUTOENHANCE_N8N_VERSION (one of the folders in n8n-runtime/, or AUTOENHANCE_N8N_UNPINNED), else
// the newest. Installs live in the user's cache folder (runtime-cache.mjs), shared by every clone.
//   node devkit/n8n/install.mjs          install the selected version unless cached
//   node devkit/n8n/install.mjs --all    install every tested version
import { fileURLToPath } from 'node:url';
import { installN8nVersion, installN8nVersions } from './install-version.mjs';
import { runtimeOf } from './runtime-cache.mjs';
import { selectedVersion } from './versions.mjs';

export const n8nVersion = selectedVersion();
const runtime = await runtimeOf(n8nVersion);
/** The installed version's folder (its node_modules holds n8n and everything n8n requires). */
export const runtimeDir = runtime.dir;
export const n8nBin = runtime.n8nBin;
/** The Node executable that runs this n8n: the machine's own, or the pinned build it needs. */
export const n8nNode = runtime.node.executable;

/** Installs the selected version unless it is cached; resolves runtimeOf(version). */
export const installN8n = (options) => installN8nVersion(n8nVersion, options);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--all')) await installN8nVersions();
	else await installN8n();
}
