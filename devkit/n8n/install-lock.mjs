// One install of a version at a time, across processes: CI starts the installs early in the
// background, and the test run that needs them later waits for them instead of installing again.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 1_000;

/** Runs `work` holding the lock folder `lock`; waits while a live process holds it. */
export async function withInstallLock(lock, say, work) {
	let announced = false;
	for (;;) {
		try {
			await mkdir(lock);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			if (!(await holderIsAlive(lock))) {
				await rm(lock, { recursive: true, force: true });
				continue;
			}
			if (!announced) say('another process is installing it; waiting for that install');
			announced = true;
			await sleep(POLL_MS);
		}
	}
	try {
		await writeFile(join(lock, 'pid'), String(process.pid));
		return await work();
	} finally {
		await rm(lock, { recursive: true, force: true });
	}
}

/** A lock whose holder has not written its pid yet counts as held: it was made a moment ago. */
async function holderIsAlive(lock) {
	let pid;
	try {
		pid = Number(await readFile(join(lock, 'pid'), 'utf8'));
	} catch {
		return true;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}
