#!/usr/bin/env node
// `npm run test:newest-n8n`: the end-to-end suites of the default version (every suite, and queue
// mode) on the newest n8n release, resolved from the registry when it runs, on the Node that
// release's `engines` asks for. The weekly workflow .github/workflows/newest-n8n.yml runs this.
// The release needs no folder in n8n-runtime/: its lockfile is resolved into the cache.
//   npm run test:newest-n8n                               n8n@latest
//   npm run test:newest-n8n -- 2.42.0                     that release
//   npm run test:newest-n8n -- --resolve-only             print the release and its Node, then stop
//   npm run test:newest-n8n -- --report-issue             on failure, open or comment on a GitHub issue (gh)
// Exit status: 0 passed (or resolved), 1 failed; the outcome line names the n8n version.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { installN8nVersion } from '../../devkit/n8n/install-version.mjs';
import { nodeChoiceFor } from '../../devkit/n8n/node-runtime.mjs';
import { sourceDir } from '../../devkit/n8n/runtime-cache.mjs';
import { DoesNotInstall, latestN8n, lockUnpinned, registryEngines } from '../../devkit/n8n/unpinned.mjs';
import { N8N_VERSIONS } from '../../devkit/n8n/versions.mjs';
import { issueTitle, reportToIssue } from './newest-n8n-issue.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const requested = args.find((arg) => !arg.startsWith('--'));

/** Describes the Node that runs `version`, or throws naming the range nothing here satisfies. */
export function describeNode(version, range, ownVersion = process.versions.node) {
	const choice = nodeChoiceFor(version, ownVersion, range);
	return choice.own ? `this machine's Node ${choice.version}` : `the pinned Node ${choice.version} (n8n-runtime/${choice.folder}/)`;
}

function step(command, commandArgs, env) {
	console.log(`\n=== ${command} ${commandArgs.join(' ')}`);
	return spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;
}

/** Resolves, installs and tests; resolves { version, outcome, detail } (outcome null: passed). */
async function check() {
	const version = requested ?? (await latestN8n());
	console.log(`n8n ${version}${requested ? '' : ' (the registry\'s latest)'}`);
	const range = await registryEngines(version);
	let node;
	try {
		node = describeNode(version, range);
	} catch (error) {
		return { version, outcome: 'has no Node to run on', detail: error.message };
	}
	console.log(`needs Node ${range}: runs on ${node}`);
	if (flag('--resolve-only')) return { version, outcome: null, detail: 'resolved only' };

	process.env.AUTOENHANCE_N8N_UNPINNED = version;
	try {
		if (!N8N_VERSIONS.includes(version)) await lockUnpinned(version, sourceDir(version));
		await installN8nVersion(version);
	} catch (error) {
		const message = error instanceof DoesNotInstall ? error.message : `n8n ${version} does not install: ${error.message}`;
		return { version, outcome: 'does not install', detail: message };
	}
	if (!step('node', ['devkit/system-packages.mjs']) || !step('npm', ['run', 'build'])) {
		return { version, outcome: 'could not be tested', detail: 'the system packages or the build of this package failed (see the log)' };
	}
	if (!step('node', ['test/e2e/matrix.mjs'], { AUTOENHANCE_N8N_UNPINNED: version })) {
		return { version, outcome: 'fails the end-to-end suites', detail: `the default version's suites fail on n8n ${version} (Node: ${node}); the matrix summary is at the end of the log` };
	}
	return { version, outcome: null, detail: `every suite of the default version passes on n8n ${version}` };
}

const result = await check();
if (!result.outcome) {
	console.log(`\nnewest n8n: ${result.detail} (n8n ${result.version})`);
} else {
	const title = issueTitle(result.version, result.outcome);
	console.error(`\nnewest n8n: ${title}\n${result.detail}`);
	if (flag('--report-issue')) {
		const run = process.env.RUN_URL ? `\n\nRun: ${process.env.RUN_URL}` : '';
		const body = `${result.detail}${run}\n\nReproduce: \`npm run test:newest-n8n -- ${result.version}\`.`;
		const { action, number } = reportToIssue({ title, body });
		console.error(`issue ${action}${number ? ` #${number}` : ''}: ${title}`);
	}
	process.exitCode = 1;
}
