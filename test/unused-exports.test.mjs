// Every export of nodes/ and credentials/ is imported somewhere, so dead code cannot hide behind
// an `export`. The node and credential classes are the exception: n8n loads them by file name
// from package.json, not by import.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeTsConfig } from 'ts-unused-exports';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const LOADED_BY_N8N = '\\.node\\.ts$;\\.credentials\\.ts$';

test('nodes/ and credentials/ export nothing that nothing imports', () => {
	const { unusedExports } = analyzeTsConfig(join(repoRoot, 'tsconfig.json'), [
		`--excludePathsFromReport=${LOADED_BY_N8N}`,
	]);
	const unused = Object.entries(unusedExports).map(
		([file, exports]) => `${file.slice(repoRoot.length)}: ${exports.map(({ exportName }) => exportName).join(', ')}`,
	);
	expect(unused).toEqual([]);
});
