// The check of the newest n8n release (test/e2e/newest-n8n.mjs) without the registry: where it
// reports (a fake `gh` on PATH records what it is asked), which Node it picks for a release, and
// that a release without a committed lockfile is accepted only as the unpinned version.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nodeChoiceFor } from '../../devkit/n8n/node-runtime.mjs';
import { sourceDir } from '../../devkit/n8n/runtime-cache.mjs';
import { unpinnedPackageJson } from '../../devkit/n8n/unpinned.mjs';
import { DEFAULT_N8N, selectedVersion } from '../../devkit/n8n/versions.mjs';
import { issueTitle, reportToIssue } from '../e2e/newest-n8n-issue.mjs';

/** A `gh` that answers `issue list` with `openIssues` and appends every call to a log. */
function fakeGh(openIssues) {
	const dir = mkdtempSync(path.join(tmpdir(), 'fake-gh-'));
	const gh = path.join(dir, 'gh');
	const log = path.join(dir, 'calls.jsonl');
	writeFileSync(
		gh,
		`#!/usr/bin/env node
require('fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');
if (process.argv[3] === 'list') console.log(${JSON.stringify(JSON.stringify(openIssues))});
`,
	);
	chmodSync(gh, 0o755);
	const calls = () => readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
	return { gh, calls };
}

test('a failure opens an issue named after the n8n version', () => {
	const { gh, calls } = fakeGh([{ number: 7, title: issueTitle('2.42.0', 'does not install') }]);
	const title = issueTitle('2.42.1', 'fails the end-to-end suites');
	expect(reportToIssue({ title, body: 'details', gh })).toEqual({ action: 'opened' });
	expect(title).toBe('Newest n8n check: n8n 2.42.1 fails the end-to-end suites');
	expect(calls().at(-1)).toEqual(['issue', 'create', '--title', title, '--body', 'details']);
});

test('the same failure again comments on its open issue instead of opening another', () => {
	const title = issueTitle('2.41.3', 'does not install');
	const { gh, calls } = fakeGh([{ number: 12, title }]);
	expect(reportToIssue({ title, body: 'again', gh })).toEqual({ action: 'commented', number: 12 });
	expect(calls()).toHaveLength(2);
	expect(calls()[1]).toEqual(['issue', 'comment', '12', '--body', 'again']);
});

test("a release's engines choose the Node: own, the pinned 24, or a clear refusal", () => {
	expect(nodeChoiceFor('2.42.0', '24.1.0', '>=24.0.0')).toEqual({ own: true, version: '24.1.0' });
	expect(nodeChoiceFor('2.42.0', '20.20.2', '>=24.0.0')).toMatchObject({ own: false, folder: 'node-24' });
	expect(() => nodeChoiceFor('3.0.0', '20.20.2', '>=26.0.0')).toThrow(
		/n8n 3\.0\.0 needs Node >=26\.0\.0; this is 20\.20\.2 and no pinned build in n8n-runtime\/node-\*\/ \(24\.\d+\.\d+\) satisfies it: add n8n-runtime\/node-<major>\//,
	);
});

test('a version without a committed lockfile is accepted only as the unpinned one, its lockfile in the cache', async () => {
	expect(() => selectedVersion({ AUTOENHANCE_N8N_VERSION: '2.42.0' })).toThrow(/is not tested/);
	expect(selectedVersion({ AUTOENHANCE_N8N_VERSION: '2.42.0', AUTOENHANCE_N8N_UNPINNED: '2.42.0' })).toBe('2.42.0');
	const saved = { ...process.env };
	process.env.AUTOENHANCE_N8N_UNPINNED = '2.42.0';
	process.env.AUTOENHANCE_CACHE_DIR = '/tmp/some-cache';
	try {
		expect(sourceDir('2.42.0')).toBe('/tmp/some-cache/unpinned-n8n-2.42.0');
		expect(sourceDir(DEFAULT_N8N)).toMatch(new RegExp(`n8n-runtime/${DEFAULT_N8N.replaceAll('.', '\\.')}$`));
	} finally {
		process.env = saved;
	}
	const manifest = await unpinnedPackageJson('2.42.0');
	expect(manifest.dependencies).toEqual({ n8n: '2.42.0' });
	expect(manifest.overrides).toEqual(JSON.parse(readFileSync(path.join(sourceDir(DEFAULT_N8N), 'package.json'), 'utf8')).overrides);
});
