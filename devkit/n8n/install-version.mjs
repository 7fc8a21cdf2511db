#!/usr/bin/env node
// Installs n8n versions of the test matrix into the cache (see runtime-cache.mjs) exactly as their
// lockfiles say, with the Node each needs (node-runtime.mjs), and reuses an install that is already
// there. Install scripts stay off: n8n needs only sqlite3's native module (see sqlite-binary.mjs);
// the others it ships are optional, and some do not build here (n8n 1.x's isolated-vm on Node 20,
// n8n 2.4x's Kafka client).
//   node devkit/n8n/install-version.mjs            every version in n8n-runtime/
//   node devkit/n8n/install-version.mjs 1.85.4     one version
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withInstallLock } from './install-lock.mjs';
import { npm } from './npm.mjs';
import { runtimeOf, sourceDir } from './runtime-cache.mjs';
import { provideSqliteBinary } from './sqlite-binary.mjs';
import { N8N_VERSIONS } from './versions.mjs';

const COMPLETE = '.install-complete';

/** Installs `version` (and the pinned Node it needs) unless the cache has it; resolves runtimeOf(version). */
export async function installN8nVersion(version, { log = console.log } = {}) {
	const runtime = await runtimeOf(version);
	const say = (message) => log(`install n8n ${version}: ${message}`);
	if (!runtime.node.own) {
		await installLocked(runtime.node.installDir, runtime.node.executable, say, (dir) =>
			installLockfile(runtime.node.folder, dir, say),
		);
		say(`runs on Node ${runtime.node.version} (${runtime.node.executable})`);
	}
	await installLocked(runtime.dir, runtime.n8nBin, say, async (dir) => {
		await installLockfile(version, dir, say);
		await provideSqliteBinary(dir, runtime.node, say);
	});
	return runtime;
}

/** Runs `install(folder)` into a fresh folder renamed to `dir`, unless `dir` is complete already. */
async function installLocked(dir, needed, say, install) {
	const isInstalled = () => existsSync(join(dir, COMPLETE)) && existsSync(needed);
	if (isInstalled()) return say(`cached in ${dir}`);
	const started = Date.now();
	await mkdir(dirname(dir), { recursive: true });
	await withInstallLock(`${dir}.lock`, say, async () => {
		if (isInstalled()) return say(`installed meanwhile by another process in ${dir}`);
		// Built beside its final place and renamed into it, so an interrupted install is never reused.
		const partial = await mkdtemp(`${dir}.partial-`);
		try {
			await install(partial);
			await writeFile(join(partial, COMPLETE), JSON.stringify({ installedAt: new Date().toISOString() }) + '\n');
			await rm(dir, { recursive: true, force: true });
			await rename(partial, dir);
		} catch (error) {
			await rm(partial, { recursive: true, force: true });
			throw error;
		}
		say(`installed in ${dir} (${Math.round((Date.now() - started) / 1000)} s)`);
	});
}

async function installLockfile(source, dir, say) {
	for (const file of ['package.json', 'package-lock.json']) await copyFile(join(sourceDir(source), file), join(dir, file));
	say(`installing ${source} from its lockfile (minutes for n8n)`);
	await npm(['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir, say);
}

/** Installs several versions side by side (downloads overlap; sqlite3 compiles once per Node). */
export function installN8nVersions(versions = N8N_VERSIONS, options) {
	return Promise.all(versions.map((version) => installN8nVersion(version, options)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const requested = process.argv.slice(2);
	await installN8nVersions(requested.length > 0 ? requested : N8N_VERSIONS);
}
