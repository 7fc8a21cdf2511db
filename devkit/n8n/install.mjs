#!/usr/bin/env node
// The n8n that `npm start`, the benchmark and the end-to-end tests drive: the version named by
// AUTOENHANCE_N8N_VERSION (one of the folders in n8n-runtime/), else the newest. Installs live
// in the user's cache folder (runtime-cache.mjs), shared by every clone.
//   node devkit/n8n/install.mjs          install the selected version unless cached
//   node devkit/n8n/install.mjs --all    install every tested version
import { fileURLToPath } from 'node:url';
import { installN8nVersion, installN8nVersions } from './install-version.mjs';
import { installDir, n8nBinIn } from './runtime-cache.mjs';
import { selectedVersion } from './versions.mjs';

export const n8nVersion = selectedVersion();
/** The installed version's folder (its node_modules holds n8n and everything n8n requires). */
export const runtimeDir = await installDir(n8nVersion);
export const n8nBin = n8nBinIn(runtimeDir);

/** Installs the selected version unless it is cached; resolves its n8n executable. */
export const installN8n = (options) => installN8nVersion(n8nVersion, options);

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--all')) await installN8nVersions();
	else await installN8n();
}
