// The README is read on the npm page, from the tarball alone: its links must work there, and
// the tarball must hold exactly what n8n loads plus the README and licence.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageJson, packedFiles, repositoryUrl, root } from './release/package-info.mjs';

const repo = repositoryUrl();
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const links = [...readme.matchAll(/\]\(([^)\s]+)/g), ...readme.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
const isAbsolute = (link) => /^[a-z]+:/i.test(link);
const repoFile = (link) => link.replace(/[#?].*$/, '').replace(new RegExp(`^${repo}/(blob|tree|raw)/main/?`), '');

test('the README has links to check', () => {
	expect(links.length).toBeGreaterThan(5);
});

test('every README link and image is absolute, so it works on the npm page', () => {
	expect(links.filter((link) => !isAbsolute(link) && !link.startsWith('#'))).toEqual([]);
});

test('every link into the repository is built from repository.url and names a file that exists', () => {
	const githubLinks = links.filter((link) => /github(usercontent)?\.com/.test(link));
	const intoRepo = githubLinks.filter((link) => link.startsWith(`${repo}/`) || link === repo);
	expect(githubLinks.filter((link) => !intoRepo.includes(link))).toEqual([]);
	const missing = intoRepo
		.filter((link) => /\/(blob|tree|raw)\/main\//.test(link))
		.filter((link) => !existsSync(path.join(root, repoFile(link))));
	expect(missing).toEqual([]);
});

test('bugs, homepage and the codex documentation links derive from repository.url', () => {
	expect(packageJson.bugs.url).toBe(`${repo}/issues`);
	expect(packageJson.homepage).toBe(`${repo}#readme`);
	for (const codex of ['Autoenhance', 'AutoenhanceTrigger', 'AutoenhancePollTrigger']) {
		const file = path.join(root, `nodes/Autoenhance/${codex}.node.json`);
		const resources = JSON.parse(readFileSync(file, 'utf8')).resources;
		for (const { url } of [...resources.credentialDocumentation, ...resources.primaryDocumentation]) {
			expect(url.startsWith(`${repo}#`)).toBe(true);
		}
	}
});

test('the tarball holds README.md, LICENSE.md, package.json and dist/ only', () => {
	const files = packedFiles();
	expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(['LICENSE.md', 'README.md', 'package.json']);
	expect(files).toEqual(expect.arrayContaining(packageJson.n8n.nodes.concat(packageJson.n8n.credentials)));
});
