// The benchmark's memory reading: a process that ends while it is watched (n8n runs short
// commands, such as `python3 --version` as it starts its task runners) must not end the case.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { measureRss } from '../lib/memory.mjs';

test('a watched process that ends during the measurement keeps the peak seen before it ended', async () => {
	const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 200)']);
	await once(child, 'spawn');

	const { result, processes } = await measureRss([process.pid, child.pid], async () => {
		await once(child, 'exit');
		return 'done';
	});

	expect(result).toBe('done');
	const [self, ended] = processes;
	expect(self.peak).toBeGreaterThanOrEqual(self.before);
	expect(ended.pid).toBe(child.pid);
	expect(ended.peak).toBeGreaterThan(0);
});

test('a process that ended before the measurement began is left out', async () => {
	const child = spawn(process.execPath, ['-e', '']);
	await once(child, 'exit');

	const { processes } = await measureRss([process.pid, child.pid], async () => 'done');

	expect(processes.map((watched) => watched.pid)).toEqual([process.pid]);
});
