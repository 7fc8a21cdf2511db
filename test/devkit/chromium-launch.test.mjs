// A Chromium that cannot start fails the browser test at once with what it printed, and leaves
// no process behind.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../devkit/browser/chromium.mjs';

let folder;
let savedPath;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'planted-chromium-'));
	savedPath = process.env.CHROMIUM_PATH;
});
afterEach(async () => {
	if (savedPath === undefined) delete process.env.CHROMIUM_PATH;
	else process.env.CHROMIUM_PATH = savedPath;
	await rm(folder, { recursive: true, force: true });
});

async function plantChromium(script) {
	const path = join(folder, 'chromium');
	await writeFile(path, `#!/bin/sh\n${script}\n`);
	await chmod(path, 0o755);
	process.env.CHROMIUM_PATH = path;
	return path;
}

const processesRunning = (path) =>
	execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
		.split('\n')
		.filter((line) => line.includes(path));

test('a Chromium that exits at start fails within seconds, saying what it printed', async () => {
	const path = await plantChromium('echo "planted: cannot open display" >&2; exit 1');
	const started = Date.now();
	const failure = await launchChromium().then(
		() => undefined,
		(error) => error,
	);
	expect(Date.now() - started).toBeLessThan(10_000);
	expect(failure?.message).toBe(`Chromium (${path}) failed to start (exit code 1, signal null); it printed:\nplanted: cannot open display`);
	expect(processesRunning(path)).toEqual([]);
});

test('a Chromium that hangs at start fails at the launch timeout, saying what it printed, and is killed', async () => {
	const path = await plantChromium('echo "planted: hanging" >&2; exec sleep 600');
	const failure = await launchChromium({ timeoutMs: 2_000 }).then(
		() => undefined,
		(error) => error,
	);
	expect(failure?.message).toMatch(new RegExp(`^Chromium \\(${path}\\) failed to start`));
	expect(failure?.message).toContain('planted: hanging');
	expect(processesRunning(path)).toEqual([]);
});
