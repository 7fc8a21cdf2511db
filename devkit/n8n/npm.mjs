import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';

/**
 * Runs `npm <args>` in `cwd` under the Node at `nodeExecutable` (first on PATH, so install scripts
 * and node-gyp run on it too), its output passed through; rejects unless it exits 0. node-gyp gets
 * that Node's own headers, so native modules build without downloading them from nodejs.org
 * (unreachable here); official Node builds and Debian's libnode-dev both ship them.
 */
export function npm(args, cwd, log, nodeExecutable = process.execPath) {
	const bin = dirname(nodeExecutable);
	const prefix = dirname(bin);
	const env = { ...process.env, SCARF_ANALYTICS: 'false', PATH: `${bin}${delimiter}${process.env.PATH}` };
	if (existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
	log(`npm ${args.join(' ')} (in ${cwd})`);
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`npm ${args[0]} in ${cwd} failed (${signal ?? `exit ${code}`})`)),
		);
	});
}
