// CPU time a process has used, from /proc: unlike wall time, it hardly moves with other load on
// the machine, so it tells what a node costs even while the figures in the table are noisy.
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ: 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** User plus system CPU time of the process so far, in ms. */
export function cpuMs(pid) {
	// The command name (field 2) may hold spaces; the fields after its closing parenthesis do not.
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
	const [utime, stime] = [fields[11], fields[12]].map(Number);
	return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}
