// Where installed n8n versions live: outside the clone, in the user's cache folder, one folder
// per version, lockfile and Node ABI, so every clone on a machine reuses them.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runtimesDir } from './versions.mjs';

/** $AUTOENHANCE_CACHE_DIR, else $XDG_CACHE_HOME/n8n-nodes-autoenhance, else ~/.cache/n8n-nodes-autoenhance. */
export function cacheRoot(env = process.env) {
	if (env.AUTOENHANCE_CACHE_DIR) return env.AUTOENHANCE_CACHE_DIR;
	return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-autoenhance');
}

/** What native modules are built for: the Node ABI, platform and CPU. */
export const nodeAbi = `node-abi${process.versions.modules}-${process.platform}-${process.arch}`;

/** The committed package.json and lockfile of a version. */
export const sourceDir = (version) => join(runtimesDir, version);

/** <cache>/n8n-<version>-<first 12 hex of sha256(lockfile, Node ABI)>. */
export async function installDir(version) {
	const lockfile = await readFile(join(sourceDir(version), 'package-lock.json'));
	const hash = createHash('sha256').update(lockfile).update(nodeAbi).digest('hex').slice(0, 12);
	return join(cacheRoot(), `n8n-${version}-${hash}`);
}

export const n8nBinIn = (dir) => join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
