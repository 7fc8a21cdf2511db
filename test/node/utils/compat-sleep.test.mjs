// The cancellable wait behind Wait for Completion and retries: n8n's own sleepWithAbort where the
// host n8n-workflow has it (1.98 to 2.33), else a wait built from the plain sleep every one has.
import { jest } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadNode } from '../../support/package.mjs';

const require = createRequire(import.meta.url);
const { sleepUnlessStopped } = loadNode('utils/sleep.js');

/** The wait as the node picks it when the host's n8n-workflow is `host`. */
function waitOn(host) {
	let wait;
	jest.isolateModules(() => {
		jest.doMock('n8n-workflow', () => host);
		wait = require('../../../dist/nodes/Autoenhance/utils/sleep.js').sleepUnlessStopped;
	});
	jest.dontMock('n8n-workflow');
	return wait;
}

const timed = async (promise) => {
	const started = Date.now();
	const outcome = await promise.then(
		() => 'resolved',
		(error) => error,
	);
	return { outcome, ms: Date.now() - started };
};

test('on an n8n-workflow with sleepWithAbort (1.98 to 2.33), the node uses it', () => {
	const hostSleepWithAbort = async () => {};
	const wait = waitOn({ ...require('n8n-workflow'), sleepWithAbort: hostSleepWithAbort });
	expect(wait).toBe(hostSleepWithAbort);
});

describe('on an n8n-workflow without sleepWithAbort (before 1.98, and from 2.34), the node waits with its own', () => {
	// The n8n-workflow installed here (the default n8n's, 2.41.0) is one of those.
	const fallback = sleepUnlessStopped;

	test('which is what it loads with here', () => {
		expect('sleepWithAbort' in require('n8n-workflow')).toBe(false);
		expect(typeof fallback).toBe('function');
	});

	test('waits the time asked, with or without a signal', async () => {
		for (const signal of [undefined, new AbortController().signal]) {
			const { outcome, ms } = await timed(fallback(200, signal));
			expect(outcome).toBe('resolved');
			expect(ms).toBeGreaterThanOrEqual(190);
		}
	});

	test('ends at once when the execution is stopped during the wait', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const { outcome, ms } = await timed(fallback(2_000, controller.signal));
		expect(outcome).toBeInstanceOf(Error);
		expect(ms).toBeLessThan(1_000);
	});

	test('does not start when the execution was already stopped', async () => {
		const controller = new AbortController();
		controller.abort(new Error('stopped by the user'));
		const { outcome, ms } = await timed(fallback(2_000, controller.signal));
		expect(outcome.message).toBe('stopped by the user');
		expect(ms).toBeLessThan(100);
	});
});

test('no other module takes sleepWithAbort from n8n-workflow, where n8n before 1.101 has none', () => {
	const nodesDir = new URL('../../../nodes/', import.meta.url);
	const direct = readdirSync(nodesDir, { recursive: true })
		.filter((file) => file.endsWith('.ts') && !file.endsWith(join('utils', 'sleep.ts')))
		.filter((file) => /\bsleepWithAbort\b/.test(readFileSync(new URL(file, nodesDir), 'utf8')));
	expect(direct).toEqual([]);
});
