// Resident memory of a process, from /proc. The peak comes from two sources, whichever is
// higher: the kernel's high-water mark VmHWM (reset before the measurement by writing 5 to
// /proc/<pid>/clear_refs, so it covers exactly the measured span) and VmRSS sampled every 5 ms.
import { readFileSync, writeFileSync } from 'node:fs';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

function status(pid) {
	const text = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
}

function resetHighWaterMark(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false; // an older kernel, or not our process: sampling alone then
	}
}

/** The PIDs of a process's direct children (n8n's task runner is one). */
export function childPids(pid) {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/**
 * Runs `work` and measures the processes' resident memory meanwhile.
 * Resolves { result, before, peak, growth } per pid, in bytes.
 */
export async function measureRss(pids, work) {
	const watched = pids.map((pid) => {
		const exact = resetHighWaterMark(pid);
		const before = status(pid).rss;
		return { pid, exact, before, peak: before };
	});
	const sample = () => {
		for (const process of watched) {
			try {
				process.peak = Math.max(process.peak, status(process.pid).rss);
			} catch {
				// the process ended; its peak so far stands
			}
		}
	};
	const timer = setInterval(sample, SAMPLE_EVERY_MS);
	try {
		const result = await work();
		sample();
		for (const process of watched) {
			if (process.exact) process.peak = Math.max(process.peak, status(process.pid).hwm);
		}
		return {
			result,
			processes: watched.map(({ pid, before, peak }) => ({ pid, before, peak, growth: peak - before })),
		};
	} finally {
		clearInterval(timer);
	}
}

export const toMB = (bytes) => bytes / MB;
