#!/usr/bin/env node
// Installs n8n versions of the test matrix into the cache (see runtime-cache.mjs) exactly as their
// lockfiles say, and reuses an install that is already there. Install scripts stay off: n8n needs
// only sqlite3's native module (see sqlite-binary.mjs); the others it ships are optional, and
// n8n 1.x's isolated-vm does not build on Node 20.
//   node devkit/n8n/install-version.mjs            every version in n8n-runtime/
//   node devkit/n8n/install-version.mjs 1.85.4     one version
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withInstallLock } from './install-lock.mjs';
import { npm } from './npm.mjs';
import { installDir, n8nBinIn, sourceDir } from './runtime-cache.mjs';
import { provideSqliteBinary } from './sqlite-binary.mjs';
import { N8N_VERSIONS } from './versions.mjs';

const COMPLETE = '.install-complete';

/** Resolves the n8n executable of `version`, installing it first unless the cache has it. */
export async function installN8nVersion(version, { log = console.log } = {}) {
	const started = Date.now();
	const dir = await installDir(version);
	const say = (message) => log(`install n8n ${version}: ${message}`);
	if (isInstalled(dir)) {
		say(`cached in ${dir}`);
		return n8nBinIn(dir);
	}
	await mkdir(dirname(dir), { recursive: true });
	return await withInstallLock(`${dir}.lock`, say, async () => {
		if (isInstalled(dir)) {
			say(`installed meanwhile by another process in ${dir}`);
			return n8nBinIn(dir);
		}
		return await install(version, dir, say, started);
	});
}

function isInstalled(dir) {
	return existsSync(join(dir, COMPLETE)) && existsSync(n8nBinIn(dir));
}

async function install(version, dir, say, started) {
	// Built beside its final place and renamed into it, so an interrupted install is never reused.
	const partial = await mkdtemp(`${dir}.partial-`);
	try {
		for (const file of ['package.json', 'package-lock.json']) await copyFile(join(sourceDir(version), file), join(partial, file));
		say('installing from its lockfile (a few minutes)');
		await npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], partial, say);
		await provideSqliteBinary(partial, say);
		await writeFile(join(partial, COMPLETE), JSON.stringify({ version, installedAt: new Date().toISOString() }) + '\n');
		await rm(dir, { recursive: true, force: true });
		await rename(partial, dir);
	} catch (error) {
		await rm(partial, { recursive: true, force: true });
		throw error;
	}
	say(`installed in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
	return n8nBinIn(dir);
}

/** Installs several versions side by side (downloads overlap; sqlite3 compiles once). */
export function installN8nVersions(versions = N8N_VERSIONS, options) {
	return Promise.all(versions.map((version) => installN8nVersion(version, options)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const requested = process.argv.slice(2);
	await installN8nVersions(requested.length > 0 ? requested : N8N_VERSIONS);
}
