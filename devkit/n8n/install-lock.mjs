// One install of a version at a time, across processes: CI starts the installs early in the
// background, and the test run that needs them later waits for them instead of installing again.
// The lock is a folder holding its holder's pid. It is written aside and renamed into place, so
// it never exists without its pid: a lock whose pid is missing or dead is left over, and taken.
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_MS = 1_000;

/** Runs `work` holding the lock folder `lock`; waits while a live process holds it. */
export async function withInstallLock(lock, say, work) {
	let announced = false;
	while (!(await tryLock(lock))) {
		if (!(await holderIsAlive(lock))) {
			await rm(lock, { recursive: true, force: true });
			continue;
		}
		if (!announced) say('another process is installing it; waiting for that install');
		announced = true;
		await sleep(POLL_MS);
	}
	try {
		return await work();
	} finally {
		await rm(lock, { recursive: true, force: true });
	}
}

async function tryLock(lock) {
	const prepared = await mkdtemp(join(dirname(lock), '.lock-'));
	try {
		await writeFile(join(prepared, 'pid'), String(process.pid));
		await rename(prepared, lock);
		return true;
	} catch (error) {
		if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
		return false;
	} finally {
		await rm(prepared, { recursive: true, force: true });
	}
}

async function holderIsAlive(lock) {
	let pid;
	try {
		pid = Number(await readFile(join(lock, 'pid'), 'utf8'));
	} catch {
		return false;
	}
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}
