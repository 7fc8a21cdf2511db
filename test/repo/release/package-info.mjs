// What the release tests need to know about the package: its root, its metadata, the repository
// URL everything else derives from, and the tarball npm would publish.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const packageJson = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** `git+https://github.com/o/r.git` → `https://github.com/o/r` */
export function repositoryUrl(pkg = packageJson) {
	return pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** The file paths `npm pack` would put in the tarball, without packing. */
export function packedFiles() {
	const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
	return JSON.parse(out)[0].files.map((file) => file.path);
}

/** Packs the package and extracts it; returns the folder holding the tarball's `package/`. */
export function packAndExtract() {
	const dir = mkdtempSync(path.join(tmpdir(), 'autoenhance-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
	execFileSync('tar', ['-xzf', path.join(dir, JSON.parse(out)[0].filename), '-C', dir]);
	return path.join(dir, 'package');
}
