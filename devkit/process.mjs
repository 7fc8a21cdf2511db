import { spawn } from 'node:child_process';

/**
 * Runs a command to completion in its own process group (n8n starts a task-runner child)
 * and resolves { code, signal, stdout, stderr }. It rejects only when the command cannot
 * start or outlives timeoutMs; callers judge the exit code.
 */
export function runProcess(command, args, { cwd, env, timeoutMs = 120_000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout = [];
		const stderr = [];
		const text = (chunks) => Buffer.concat(chunks).toString();
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(new Error(`${command} ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(text(stdout), text(stderr))}`));
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout: text(stdout), stderr: text(stderr) });
		});
	});
}

/** Signals a child started with `detached: true` together with everything it spawned. */
export function killGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch (error) {
		if (error.code !== 'ESRCH') throw error;
	}
}

/** The last lines of some command output, for error messages. */
export function tail(...texts) {
	return texts.join('\n').split('\n').slice(-40).join('\n');
}

/** Makes sure a detached child (and its children) does not outlive this process. */
export function killWithParent(child) {
	const kill = () => killGroup(child, 'SIGKILL');
	process.once('exit', kill);
	child.once('exit', () => process.removeListener('exit', kill));
}
