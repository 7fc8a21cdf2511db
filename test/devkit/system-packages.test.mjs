// The test command's first step: the Debian packages it needs, installed or named at once.
import { spawnSync } from 'node:child_process';
import { chmod, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../devkit/n8n/index.mjs';
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

/**
 * The step's files where `nobody` can read them: a clone of root's (say in /root) is not readable
 * by another user, as a user's own clone is by that user.
 */
async function readableCopyOfTheStep() {
	const dir = await mkdtemp(join(tmpdir(), 'system-packages-'));
	await chmod(dir, 0o755);
	await cp(join(repoRoot, 'devkit'), join(dir, 'devkit'), { recursive: true });
	await cp(join(repoRoot, 'node_modules', 'playwright-core'), join(dir, 'node_modules', 'playwright-core'), { recursive: true });
	return dir;
}

const isRoot = process.getuid?.() === 0;
(isRoot ? test : test.skip)('as a user without root or sudo, `npm test`’s first step stops within seconds', async () => {
	const dir = await readableCopyOfTheStep();
	try {
		const started = Date.now();
		const result = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, 'devkit/system-packages.mjs'], {
			cwd: dir,
			encoding: 'utf8',
			env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
			timeout: 30_000,
		});
		expect(result.status).toBe(1);
		expect(result.stderr).toMatch(/missing: chromium.*sudo apt-get install -y chromium/);
		expect(Date.now() - started).toBeLessThan(10_000);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
