// n8n's sqlite3 has no prebuilt binary reachable from here, so it compiles from source (minutes
// on two cores). Every tested n8n pins the same sqlite3, so the compiled module is kept in the
// cache, keyed by sqlite3 version and the Node it is built for, and copied into each install
// instead of rebuilt.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheRoot } from './runtime-cache.mjs';
import { npm } from './npm.mjs';

const BUILT = join('build', 'Release', 'node_sqlite3.node');

/** Builds happening in this process, by cache file: concurrent installs wait for one build. */
const building = new Map();

/**
 * Gives the sqlite3 in `installDir` its native module for `node` (from runtimeOf), compiling it
 * only when none is cached.
 */
export async function provideSqliteBinary(installDir, node, log) {
	const packageDir = join(installDir, 'node_modules', 'sqlite3');
	const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
	const cached = join(cacheRoot(), `sqlite3-${version}-${node.builtFor}.node`);
	if (!existsSync(cached)) {
		if (!building.has(cached)) building.set(cached, compile(installDir, packageDir, cached, node, log));
		await building.get(cached);
	}
	if (existsSync(join(packageDir, BUILT))) return;
	await mkdir(join(packageDir, 'build', 'Release'), { recursive: true });
	await copyFile(cached, join(packageDir, BUILT));
	log(`sqlite3 ${version}: compiled module reused from the cache`);
}

/** Compiles sqlite3 inside `installDir` and keeps a copy of the result in the cache. */
async function compile(installDir, packageDir, cached, node, log) {
	log('sqlite3: compiling from source (once per sqlite3 version and Node ABI)');
	await npm(['rebuild', 'sqlite3', '--ignore-scripts=false'], installDir, log);
	await mkdir(cacheRoot(), { recursive: true });
	const partial = `${cached}.${process.pid}.partial`;
	await copyFile(join(packageDir, BUILT), partial);
	await rename(partial, cached);
}
