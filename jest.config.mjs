// Tests are ES modules that drive the compiled package in dist/, exactly what n8n loads.
// `npm run test:unit`: the node, its transport and triggers, the fake server and the dev kit.
// The exception, test/pure/*.test.ts: pure helpers (subtitle, versions, option readers) tested
// straight from the TypeScript source through ts-jest, type-checked, no build needed
// (`npm run test:pure` runs only them).
// The repository checks in test/repo/ (imports, exports, release, README, compose; they pack the
// package and run n8n's scanner) run by `npm run test:repo`, with jest.repo.config.mjs.
export default {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/bench'],
	testMatch: ['**/*.test.mjs', '**/test/pure/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/repo/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/pure/tsconfig.json' }] },
	testTimeout: 60000,
};
