// Every export of nodes/ and credentials/ is imported somewhere, so dead code cannot hide behind
// an `export`. The node and credential classes are the exception: n8n loads them by file name
// from package.json, not by import.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTsConfig } from 'ts-unused-exports';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const LOADED_BY_N8N = '\\.node\\.ts$;\\.credentials\\.ts$';
/** Exports that only tests import, from dist/: the fault tests check retry chains against the policy. */
const READ_BY_TESTS = new Set(['nodes/Autoenhance/transport/retry.ts: RETRY_POLICY']);

test('nodes/ and credentials/ export nothing that nothing imports', () => {
	const { unusedExports } = analyzeTsConfig(join(repoRoot, 'tsconfig.json'), [
		`--excludePathsFromReport=${LOADED_BY_N8N}`,
	]);
	const unused = Object.entries(unusedExports)
		.flatMap(([file, exports]) => exports.map(({ exportName }) => `${file.slice(repoRoot.length)}: ${exportName}`))
		.filter((entry) => !READ_BY_TESTS.has(entry));
	expect(unused).toEqual([]);
});
