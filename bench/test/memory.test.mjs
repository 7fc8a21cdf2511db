// The benchmark's memory reading: a process that ends while it is watched (n8n runs short
// commands, such as `python3 --version` as it starts its task runners) must not end the case.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { measureRss } from '../../devkit/memory.mjs';

const readStatus = (pid) => readFileSync(`/proc/${pid}/status`, 'utf8');

const lingering = async () => {
	const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
	await once(child, 'spawn');
	return child;
};

test('a watched process that ends during the measurement keeps the peak seen before it ended', async () => {
	const child = await lingering();

	const { result, processes } = await measureRss([process.pid, child.pid], async () => {
		await new Promise((resolve) => setTimeout(resolve, 100));
		child.kill();
		await once(child, 'exit');
		return 'done';
	});

	expect(result).toBe('done');
	const [self, ended] = processes;
	expect(self.peak).toBeGreaterThanOrEqual(self.before);
	expect(ended.pid).toBe(child.pid);
	expect(ended.peak).toBeGreaterThan(0);
	expect(ended.growth).toBeGreaterThanOrEqual(0);
});

test('a process that has ended but is not yet reaped (a zombie) counts as ended, not as NaN', async () => {
	const child = await lingering();

	const { processes } = await measureRss([process.pid, child.pid], async () => {
		process.kill(child.pid, 'SIGKILL');
		// Until this process reaps it, the child is a zombie: its status has no memory lines.
		const until = Date.now() + 2_000;
		while (Date.now() < until && !/^State:\s+Z/m.test(readStatus(child.pid))) {
			// a busy wait: yielding to the event loop would let Node reap the child
		}
		return 'done';
	});

	expect(processes[1].pid).toBe(child.pid);
	expect(processes[1].peak).toBeGreaterThan(0);
	expect(Number.isNaN(processes[1].growth)).toBe(false);
	await once(child, 'exit');
});

test('a process that ended before the measurement began is left out', async () => {
	const child = spawn(process.execPath, ['-e', '']);
	await once(child, 'exit');

	const { processes } = await measureRss([process.pid, child.pid], async () => 'done');

	expect(processes.map((watched) => watched.pid)).toEqual([process.pid]);
});
