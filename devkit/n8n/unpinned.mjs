// An n8n release with no folder in n8n-runtime/, tried as it is (the check of the newest release):
// what the registry calls latest, the Node range it declares, and a lockfile resolved now into the
// cache folder runtime-cache.mjs names for it, never into the repository. Its package.json is the
// default version's with this version, so it keeps the same overrides.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_N8N, runtimesDir } from './versions.mjs';

const run = promisify(execFile);
const npmEnv = { ...process.env, npm_config_ignore_scripts: 'true', npm_config_update_notifier: 'false' };

/** Runs npm with its output kept; rejects with an Error whose message is npm's own errors. */
async function npmOutput(args, cwd) {
	try {
		const { stdout } = await run('npm', args, { cwd, env: npmEnv, maxBuffer: 64 * 1024 * 1024 });
		return stdout;
	} catch (error) {
		// npm's own error lines, without its generic advice and the path of its debug log.
		const lines = String(error.stderr ?? '')
			.split('\n')
			.filter((line) => /^npm (error|ERR!)/.test(line) && !/A complete log|In most cases|^npm (error|ERR!)\s*$/.test(line));
		throw new Error(lines.slice(0, 12).join('\n') || error.message);
	}
}

/** The version the registry's `latest` tag names now. */
export async function latestN8n() {
	return (await npmOutput(['view', 'n8n@latest', 'version'])).trim();
}

/** The `engines.node` range the registry lists for an n8n version ('*' when none). */
export async function registryEngines(version) {
	const out = (await npmOutput(['view', `n8n@${version}`, 'engines', '--json'])).trim();
	return (out && JSON.parse(out).node) || '*';
}

/** An n8n release that npm cannot install (a dependency it pins is missing from the registry, …). */
export class DoesNotInstall extends Error {
	constructor(version, reason) {
		super(`n8n ${version} does not install: ${reason}`);
		this.name = 'DoesNotInstall';
	}
}

/** The package.json of an unpinned version: the default version's, naming this one. */
export async function unpinnedPackageJson(version) {
	const manifest = JSON.parse(await readFile(join(runtimesDir, DEFAULT_N8N, 'package.json'), 'utf8'));
	return {
		...manifest,
		description: `n8n ${version}, tried without a committed lockfile (the check of the newest n8n release).`,
		dependencies: { n8n: version },
	};
}

/** Writes package.json and a freshly resolved lockfile into `dir`; throws DoesNotInstall. */
export async function lockUnpinned(version, dir, log = console.log) {
	await rm(dir, { recursive: true, force: true });
	await mkdir(dir, { recursive: true });
	await writeFile(join(dir, 'package.json'), JSON.stringify(await unpinnedPackageJson(version), null, 2) + '\n');
	log(`n8n ${version}: resolving its lockfile into ${dir}`);
	try {
		await npmOutput(['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], dir);
	} catch (error) {
		throw new DoesNotInstall(version, error.message);
	}
}
