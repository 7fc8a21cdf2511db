// Headless Chromium for the scripts that take pictures: Debian's `chromium` (no browser
// download) driven by playwright-core.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

// What works headless on these machines (and in containers without a GPU or user namespaces).
// Playwright adds --headless and a fresh profile (a temp --user-data-dir, removed on close).
const FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--hide-scrollbars',
];

/** The Chromium to use: CHROMIUM_PATH, else the usual install locations; a clear error if none. */
export function findChromium() {
	const explicit = process.env.CHROMIUM_PATH;
	if (explicit && !existsSync(explicit)) throw new Error(`CHROMIUM_PATH is ${explicit}, which does not exist.`);
	const found = explicit || CANDIDATES.find((path) => existsSync(path));
	if (!found) {
		throw new Error(
			'Chromium is missing. Install it (Debian/Ubuntu: `sudo apt-get update && sudo apt-get install -y chromium`) ' +
				'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
		);
	}
	return found;
}

/** Playwright's launch error says what the browser printed, among its whole command line: keep that. */
function launchFailure(executablePath, error) {
	const log = error.message.replace(/\x1b\[[0-9;]*m/g, '');
	const printed = [...new Set([...log.matchAll(/\[pid=\d+\]\[err\] (.*)$/gm)].map((match) => match[1]))];
	const exit = log.match(/process did exit: exitCode=(\S+), signal=(\S+)>/);
	const how = exit ? ` (exit code ${exit[1]}, signal ${exit[2]})` : '';
	const said = printed.length > 0 ? `; it printed:\n${printed.slice(-10).join('\n')}` : `: ${error.message.split('\n')[0]}`;
	return new Error(`Chromium (${executablePath}) failed to start${how}${said}`, { cause: error });
}

/**
 * Starts a headless Chromium with a fresh profile; resolves playwright's Browser. One that hangs
 * at start fails after `timeoutMs` (playwright's default is 3 minutes).
 */
export async function launchChromium({ timeoutMs = 30_000 } = {}) {
	const executablePath = findChromium();
	try {
		return await chromium.launch({ executablePath, headless: true, args: FLAGS, timeout: timeoutMs });
	} catch (error) {
		throw launchFailure(executablePath, error);
	}
}
