#!/usr/bin/env node
// `npm run test:e2e`: the end-to-end suites once per row of the n8n version matrix, each row a
// separate Jest run against its own n8n (installed first, or taken from the cache).
//   AUTOENHANCE_N8N_VERSION=1.85.4 npm run test:e2e    only that version's rows
//   npm run test:e2e -- examples                        only the suites whose name contains this
//   AUTOENHANCE_N8N_UNPINNED=2.42.0 npm run test:e2e   the default version's rows on that release,
//                                                       which has no lockfile in n8n-runtime/ (newest-n8n.mjs)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installN8nVersions } from '../../devkit/n8n/install-version.mjs';
import { DEFAULT_N8N, N8N_VERSIONS, OLDEST_N8N, unpinnedVersion } from '../../devkit/n8n/versions.mjs';

/** What a user's workflow meets on every version: the examples, the webhook trigger, loading. */
const EVERY_VERSION = ['smoke', 'examples', 'webhook'];

/** Run in a set-up of their own (queue mode); every other suite runs on the default version. */
const QUEUE_SUITES = ['queue', 'storage-queue'];
const ALL_SUITES = readdirSync(dirname(fileURLToPath(import.meta.url)))
	.filter((file) => file.endsWith('.e2e.mjs'))
	.map((file) => file.slice(0, -'.e2e.mjs'.length));

const LAST_1X = N8N_VERSIONS.filter((version) => version.startsWith('1.')).at(-1);
/** The 2.x before the default: the last that runs on Node 20. */
const PREVIOUS_2X = N8N_VERSIONS.filter((version) => version.startsWith('2.') && version !== DEFAULT_N8N).at(-1);

/** binaryMode: n8n's N8N_DEFAULT_BINARY_DATA_MODE (`default` keeps files in memory, 1.x's default). */
export const MATRIX = [
	{ version: OLDEST_N8N, binaryMode: 'default', suites: EVERY_VERSION },
	{ version: LAST_1X, binaryMode: 'default', suites: EVERY_VERSION },
	{ version: LAST_1X, binaryMode: 'filesystem', suites: EVERY_VERSION },
	{ version: PREVIOUS_2X, binaryMode: 'filesystem', suites: EVERY_VERSION },
	{ version: DEFAULT_N8N, binaryMode: 'filesystem', suites: ALL_SUITES.filter((suite) => !QUEUE_SUITES.includes(suite)) },
	// PostgreSQL, Redis, main, two workers and a webhook process (see devkit/queue/).
	{ version: DEFAULT_N8N, binaryMode: 'database', suites: QUEUE_SUITES },
];

/** The rows of the default version (every suite, and queue mode), on another version. */
export const rowsOfDefaultOn = (version) => MATRIX.filter((row) => row.version === DEFAULT_N8N).map((row) => ({ ...row, version }));

function rowsToRun(suiteFilter) {
	const only = process.env.AUTOENHANCE_N8N_VERSION;
	const unpinned = unpinnedVersion();
	return (unpinned ? rowsOfDefaultOn(unpinned) : MATRIX.filter((row) => !only || row.version === only))
		.map((row) => ({ ...row, suites: row.suites.filter((suite) => !suiteFilter || suite.includes(suiteFilter)) }))
		.filter((row) => row.suites.length > 0);
}

function runRow(row) {
	const name = `n8n ${row.version}, binary data ${row.binaryMode}`;
	const pattern = `/(${row.suites.join('|')})\\.e2e\\.mjs$`;
	console.log(`\n=== e2e on ${name}: ${row.suites.join(', ')}`);
	const started = Date.now();
	const result = spawnSync(
		'npx',
		['jest', '-c', 'jest.e2e.config.mjs', '--testPathPattern', pattern],
		{
			stdio: 'inherit',
			env: {
				...process.env,
				NODE_OPTIONS: '--experimental-vm-modules',
				AUTOENHANCE_N8N_VERSION: row.version,
				AUTOENHANCE_E2E_BINARY_MODE: row.binaryMode,
			},
		},
	);
	return { name, passed: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

async function main() {
	const rows = rowsToRun(process.argv[2]);
	if (rows.length === 0) throw new Error('no matrix row matches AUTOENHANCE_N8N_VERSION and the suite given');
	await installN8nVersions([...new Set(rows.map((row) => row.version))]);
	const results = rows.map(runRow);
	console.log('\n=== e2e matrix');
	for (const { name, passed, seconds } of results) console.log(`${passed ? 'pass' : 'FAIL'}  ${name}  (${seconds} s)`);
	if (results.some((result) => !result.passed)) process.exitCode = 1;
}
