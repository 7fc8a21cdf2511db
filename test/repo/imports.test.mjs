// The repository's import rules (.dependency-cruiser.cjs): no import cycle anywhere, and test/,
// scripts/ and bench/ share code only through devkit/, which imports none of them.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS = ['nodes', 'credentials', 'devkit', 'test', 'scripts', 'bench'];

/** One line per violation: the rule, then the import (or the whole cycle) that breaks it. */
function describe({ rule, from, to, cycle }) {
	const path = cycle ? [from, ...cycle.map(({ name }) => name)] : [from, to];
	return `${rule.name}: ${path.join(' → ')}`;
}

test('no import cycle, and test/, scripts/ and bench/ import only themselves and devkit/', async () => {
	const options = await extractDepcruiseOptions(join(repoRoot, '.dependency-cruiser.cjs'));
	const tsConfig = extractTSConfig(join(repoRoot, 'tsconfig.json'));
	const { output } = await cruise(FOLDERS, { ...options, baseDir: repoRoot, validate: true }, undefined, { tsConfig });

	expect(output.summary.totalCruised).toBeGreaterThan(100);
	expect(output.summary.violations.map(describe)).toEqual([]);
});
