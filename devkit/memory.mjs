// Resident memory of a process, from /proc. The peak comes from two sources, whichever is
// higher: the kernel's high-water mark VmHWM (reset before the measurement by writing 5 to
// /proc/<pid>/clear_refs, so it covers exactly the measured span) and VmRSS sampled every 5 ms.
// A process may end at any moment in between: its last reading stands.
import { readFileSync, writeFileSync } from 'node:fs';

const MB = 1024 * 1024;
const SAMPLE_EVERY_MS = 5;

/**
 * { rss, hwm } in bytes, or undefined once the process has ended: its entry is gone, or it is a
 * zombie not yet reaped, whose status has no memory lines.
 */
function status(pid) {
	let text;
	try {
		text = readFileSync(`/proc/${pid}/status`, 'utf8');
	} catch (error) {
		if (error.code === 'ENOENT' || error.code === 'ESRCH') return undefined;
		throw error;
	}
	const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1]) * 1024;
	const rss = kb('VmRSS');
	return Number.isNaN(rss) ? undefined : { rss, hwm: kb('VmHWM') };
}

function resetHighWaterMark(pid) {
	try {
		writeFileSync(`/proc/${pid}/clear_refs`, '5');
		return true;
	} catch {
		return false; // an older kernel, or not our process: sampling alone then
	}
}

/** The PIDs of a process's direct children whose command line contains `marker`. */
export function childPids(pid, marker) {
	try {
		const pids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
		return pids.map(Number).filter((child) => commandLine(child).includes(marker));
	} catch {
		return [];
	}
}

function commandLine(pid) {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return '';
	}
}

/**
 * Runs `work` and measures the processes' resident memory meanwhile.
 * Resolves { result, processes: [{ pid, before, peak, growth }] }, in bytes; a pid that has
 * already ended when the measurement begins is left out.
 */
export async function measureRss(pids, work) {
	const watched = pids.flatMap((pid) => {
		const exact = resetHighWaterMark(pid);
		const before = status(pid)?.rss;
		return before === undefined ? [] : [{ pid, exact, before, peak: before }];
	});
	const sample = ({ highWaterMark = false } = {}) => {
		for (const process of watched) {
			const now = status(process.pid);
			if (!now) continue;
			process.peak = Math.max(process.peak, now.rss, highWaterMark && process.exact ? now.hwm : 0);
		}
	};
	const timer = setInterval(sample, SAMPLE_EVERY_MS);
	try {
		const result = await work();
		sample({ highWaterMark: true });
		return {
			result,
			processes: watched.map(({ pid, before, peak }) => ({ pid, before, peak, growth: peak - before })),
		};
	} finally {
		clearInterval(timer);
	}
}

export const toMB = (bytes) => bytes / MB;
