// The test command's first step: the Debian packages it needs, installed or named at once.
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages, installCommand } from '../../devkit/system-packages.mjs';

const chromiumPath = process.env.CHROMIUM_PATH;
afterEach(() => {
	if (chromiumPath === undefined) delete process.env.CHROMIUM_PATH;
	else process.env.CHROMIUM_PATH = chromiumPath;
});

test('a user who cannot install gets one message naming the missing packages and the command', () => {
	process.env.CHROMIUM_PATH = '/nonexistent/chromium';
	expect(() => ensureSystemPackages({ as: null })).toThrow(
		/^The tests need these packages, which are missing: chromium\b.*`sudo apt-get update && sudo apt-get install -y chromium\b/,
	);
});

test('the install command names every missing package', () => {
	expect(installCommand(['chromium', 'redis-server'])).toBe('sudo apt-get update && sudo apt-get install -y chromium redis-server');
});

const isRoot = process.getuid?.() === 0;
(isRoot ? test : test.skip)('as a user without root or sudo, `npm test`’s first step stops within seconds', () => {
	const started = Date.now();
	const result = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, 'devkit/system-packages.mjs'], {
		encoding: 'utf8',
		env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
		timeout: 30_000,
	});
	expect(result.status).toBe(1);
	expect(result.stderr).toMatch(/missing: chromium.*sudo apt-get install -y chromium/);
	expect(Date.now() - started).toBeLessThan(10_000);
});
