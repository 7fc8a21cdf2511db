import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Node's own headers, so node-gyp builds native modules without downloading them from nodejs.org
 * (unreachable from CI here). Official Node tarballs and Debian's libnode-dev both ship them.
 */
function nodeHeadersDir() {
	const prefix = dirname(dirname(process.execPath));
	return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : undefined;
}

/** Runs `npm <args>` in `cwd`, its output passed through; rejects unless it exits 0. */
export function npm(args, cwd, log) {
	const env = { ...process.env, SCARF_ANALYTICS: 'false' };
	const headers = nodeHeadersDir();
	if (headers && !env.npm_config_nodedir) env.npm_config_nodedir = headers;
	log(`npm ${args.join(' ')} (in ${cwd})`);
	return new Promise((resolve, reject) => {
		const child = spawn('npm', args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
		child.on('error', reject);
		child.on('exit', (code, signal) =>
			code === 0 ? resolve() : reject(new Error(`npm ${args[0]} in ${cwd} failed (${signal ?? `exit ${code}`})`)),
		);
	});
}
