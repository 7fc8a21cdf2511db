// The README's Compatibility section states what the end-to-end matrix proves, and no more.
import { readFile } from 'node:fs/promises';
import { N8N_VERSIONS, OLDEST_N8N } from '../../devkit/n8n/versions.mjs';

const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('\n## ', readme.indexOf('## Compatibility') + 1));

test('the minimum n8n version is the oldest version tested', () => {
	const [, minimum] = /^\| n8n \| \*\*(\d+\.\d+) or later\*\*/m.exec(section) ?? [];
	expect(minimum).toBe(OLDEST_N8N.split('.').slice(0, 2).join('.'));
});

test('the versions said to be tested are the versions in n8n-runtime/', () => {
	const row = section.split('\n').find((line) => line.startsWith('| tested end to end in CI |'));
	expect(row.match(/\*\*(\d+\.\d+\.\d+)\*\*/g).map((version) => version.replaceAll('*', ''))).toEqual(N8N_VERSIONS);
});
