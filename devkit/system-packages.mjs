#!/usr/bin/env node
// The Debian packages the test command drives besides n8n: Chromium (the editor tests and the
// screenshots, through playwright-core), PostgreSQL and Redis (queue mode). `npm test` runs this
// first: it installs what is missing as root or with passwordless sudo, and otherwise stops at
// once, before any n8n starts, naming the packages and the command that installs them.
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findChromium } from './browser/chromium.mjs';
import { postgresBin } from './queue/postgres.mjs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const found = (probe) => {
	try {
		probe();
		return true;
	} catch {
		return false;
	}
};

/** Each package and how to tell it is there. */
export const SYSTEM_PACKAGES = [
	{ name: 'chromium', present: () => found(findChromium) },
	{ name: 'postgresql', present: () => found(postgresBin) },
	{ name: 'redis-server', present: () => onPath('redis-server') },
];

export const missingPackages = (packages = SYSTEM_PACKAGES) => packages.filter((pkg) => !pkg.present()).map((pkg) => pkg.name);

/** How this process may install: 'root', 'sudo' (passwordless), or null. */
function detectInstaller() {
	if (process.getuid?.() === 0) return 'root';
	return spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0 ? 'sudo' : null;
}

export const installCommand = (missing) => `sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`;

/** Installs what is missing; throws (without installing) when this user cannot (`as` null). */
export function ensureSystemPackages({ log = console.log, as = detectInstaller() } = {}) {
	const missing = missingPackages();
	if (missing.length === 0) return [];
	if (!as || !onPath('apt-get')) {
		throw new Error(
			`The tests need these packages, which are missing: ${missing.join(', ')}. ` +
				`Install them (Debian/Ubuntu: \`${installCommand(missing)}\`), then run the tests again. ` +
				'(Chromium may be any Chromium or Chrome: point CHROMIUM_PATH at it.)',
		);
	}
	log(`Installing ${missing.join(', ')} with apt-get (as ${as})`);
	const run = (args) =>
		execFileSync(as === 'root' ? args[0] : 'sudo', as === 'root' ? args.slice(1) : ['-n', ...args], {
			stdio: ['ignore', 'inherit', 'inherit'],
			env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
		});
	run(['apt-get', 'update', '-qq']);
	run(['apt-get', 'install', '-y', '-qq', ...missing]);
	return missing;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	try {
		ensureSystemPackages();
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}
