// n8n's community-package scanner (its own analyzePackage and ESLint configuration, run by
// release/scan.mjs) on the source and on the extracted tarball, and on a copy with planted violations to show it can fail.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { packAndExtract, root } from './release/package-info.mjs';

// eslint-plugin-n8n-nodes-base reads its own test fixtures' names when NODE_ENV is `test`, as jest sets it.
const scannerEnv = { ...process.env, NODE_ENV: 'production' };

function analyzePackage(folder, kind) {
	const script = path.join(root, 'test/repo/release/scan.mjs');
	const out = execFileSync(process.execPath, [script, folder, kind], { encoding: 'utf8', env: scannerEnv });
	return JSON.parse(out);
}

test('the source passes the scanner', () => {
	const result = analyzePackage(root, 'source');
	expect(result.details).toBe('');
	expect(result.passed).toBe(true);
});

test('the packed tarball passes the scanner', () => {
	const result = analyzePackage(packAndExtract(), 'tarball');
	expect(result.details).toBe('');
	expect(result.passed).toBe(true);
});

describe('planted violations are reported', () => {
	let copy;
	beforeAll(() => {
		copy = mkdtempSync(path.join(tmpdir(), 'autoenhance-scan-'));
		for (const entry of ['package.json', 'nodes', 'credentials']) {
			cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
		}
	});

	const plantInNode = (line) => {
		const file = path.join(copy, 'nodes/Autoenhance/Autoenhance.node.ts');
		writeFileSync(file, `${line}\n${readFileSync(file, 'utf8')}`);
	};

	function scanCopy() {
		return analyzePackage(copy, 'source').details;
	}

	test('an fs import', () => {
		plantInNode("import { readFileSync } from 'fs';\nexport const planted = readFileSync;");
		expect(scanCopy()).toMatch(/community-nodes\/no-restricted-imports/);
	});

	test('a process.env read', () => {
		plantInNode('export const plantedKey = process.env.AUTOENHANCE_KEY;');
		expect(scanCopy()).toMatch(/community-nodes\/no-restricted-globals/);
	});

	test('a runtime dependency', () => {
		const pkg = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8'));
		pkg.dependencies = { 'left-pad': '1.3.0' };
		writeFileSync(path.join(copy, 'package.json'), JSON.stringify(pkg, null, 2));
		expect(scanCopy()).toMatch(/community-nodes\/no-runtime-dependencies/);
	});
});
