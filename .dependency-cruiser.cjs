// Import rules of the repository, checked by test/imports.test.mjs (and by
// `npx depcruise --config .dependency-cruiser.cjs nodes credentials devkit test scripts bench`).
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'An import cycle: these modules cannot be read, tested or loaded one at a time.',
			severity: 'error',
			from: {},
			to: { circular: true },
		},
		{
			name: 'devkit-imports-none-of-its-users',
			comment: 'devkit/ is the shared development kit: test/, scripts/ and bench/ import it, never the other way.',
			severity: 'error',
			from: { path: '^devkit/' },
			to: { path: '^(test|scripts|bench)/' },
		},
		{
			name: 'test-scripts-bench-import-only-themselves-and-devkit',
			comment: 'What two of test/, scripts/ and bench/ share belongs in devkit/.',
			severity: 'error',
			from: { path: '^(test|scripts|bench)/' },
			to: { path: '^(test|scripts|bench)/', pathNot: '^$1/' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^(dist|node_modules|n8n-runtime)/' },
		tsConfig: { fileName: 'tsconfig.json' },
		tsPreCompilationDeps: true,
	},
};
