#!/usr/bin/env node
// Installs the n8n used end to end (n8n-runtime/) exactly as its lockfile says. A stamp in
// node_modules records what was installed, so later runs (and CI restoring a cached
// node_modules) skip the ~7 minute install when nothing changed.
//   node devkit/n8n/install.mjs          install unless the stamp matches
//   node devkit/n8n/install.mjs --force  reinstall anyway
//   node devkit/n8n/install.mjs --key    print the stamp key (a CI cache key for n8n-runtime/node_modules)
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const runtimeDir = fileURLToPath(new URL('../../n8n-runtime/', import.meta.url));
export const n8nBin = join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n');
const stampFile = join(runtimeDir, 'node_modules', '.autoenhance-install-stamp');

/** What the installed tree depends on: the lockfile and the Node ABI native modules were built for. */
export async function installKey() {
	const lockfile = await readFile(join(runtimeDir, 'package-lock.json'));
	return createHash('sha256')
		.update(lockfile)
		.update(`${process.version} ${process.platform} ${process.arch}`)
		.digest('hex');
}

async function readStamp() {
	try {
		return JSON.parse(await readFile(stampFile, 'utf8'));
	} catch {
		return undefined;
	}
}

/**
 * Node's own headers, so node-gyp builds sqlite3 without downloading them from nodejs.org
 * (unreachable from CI here). Official Node tarballs and Debian's libnode-dev both ship them.
 */
function nodeHeadersDir() {
	const prefix = dirname(dirname(process.execPath));
	return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

function npmCi(log) {
	const env = { ...process.env, SCARF_ANALYTICS: 'false' };
	const headers = nodeHeadersDir();
	if (headers && !env.npm_config_nodedir) env.npm_config_nodedir = headers;
	// Under `npm run`, the root's ignore-scripts=true arrives as npm_config_ignore_scripts,
	// which outranks n8n-runtime/.npmrc; only the command line outranks it.
	const args = ['ci', '--ignore-scripts=false', '--no-audit', '--no-fund', '--loglevel=warn'];
	log(`install-n8n: npm ${args.join(' ')} (in ${runtimeDir})`);
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, { cwd: runtimeDir, env, stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`npm ci in n8n-runtime failed (${signal ?? `exit ${code}`})`)),
		);
	});
}

/** Ensures n8n-runtime/node_modules is installed; returns the path of the n8n executable. */
export async function installN8n({ force = false, log = console.log } = {}) {
	const started = Date.now();
	const key = await installKey();
	const stamp = await readStamp();
	if (!force && stamp?.key === key && existsSync(n8nBin)) {
		log(`install-n8n: n8n already installed for this lockfile and Node ${process.version} (${elapsed(started)})`);
		return n8nBin;
	}
	log(
		stamp
			? 'install-n8n: lockfile or Node version changed, reinstalling n8n'
			: 'install-n8n: installing n8n (a few minutes: sqlite3 compiles from source)',
	);
	await npmCi(log);
	if (!existsSync(n8nBin)) throw new Error(`npm ci finished but ${n8nBin} is missing`);
	await writeFile(stampFile, JSON.stringify({ key, node: process.version, installedAt: new Date().toISOString() }) + '\n');
	log(`install-n8n: done in ${elapsed(started)}`);
	return n8nBin;
}

function elapsed(since) {
	const seconds = (Date.now() - since) / 1000;
	return seconds < 60 ? `${seconds.toFixed(1)} s` : `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (process.argv.includes('--key')) {
		console.log(await installKey());
	} else {
		await installN8n({ force: process.argv.includes('--force') });
	}
}
