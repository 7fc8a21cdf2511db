// The lock that keeps two processes from installing the same n8n version at once.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withInstallLock } from '../../devkit/n8n/install-lock.mjs';

let folder;
let lock;
beforeEach(async () => {
	folder = await mkdtemp(join(tmpdir(), 'install-lock-'));
	lock = join(folder, 'n8n-0.0.0.lock');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

const quiet = () => {};

test('a second holder waits until the first is done, then runs', async () => {
	const order = [];
	let release;
	const first = withInstallLock(lock, quiet, async () => {
		order.push('first starts');
		await new Promise((resolve) => (release = resolve));
		order.push('first ends');
	});
	await new Promise((resolve) => setTimeout(resolve, 50));
	const waited = [];
	const second = withInstallLock(lock, (message) => waited.push(message), async () => order.push('second runs'));
	await new Promise((resolve) => setTimeout(resolve, 200));
	release();
	await Promise.all([first, second]);

	expect(order).toEqual(['first starts', 'first ends', 'second runs']);
	expect(waited).toEqual(['another process is installing it; waiting for that install']);
	expect(await readdir(folder)).toEqual([]);
});

test('a lock left by a process that has ended is taken', async () => {
	const ended = spawn(process.execPath, ['-e', '']);
	await once(ended, 'exit');
	await mkdir(lock);
	await writeFile(join(lock, 'pid'), String(ended.pid));

	await expect(withInstallLock(lock, quiet, async () => 'installed')).resolves.toBe('installed');
});

test('a lock folder with no pid in it, left by a process killed while taking it, is taken', async () => {
	await mkdir(lock);

	await expect(withInstallLock(lock, quiet, async () => 'installed')).resolves.toBe('installed');
}, 5_000);
