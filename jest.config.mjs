// Tests are ES modules that drive the compiled package in dist/, exactly what n8n loads.
// `npm run test:unit`: the node, its transport and triggers, the fake server and the dev kit.
// The repository checks in test/repo/ (imports, exports, release, README, compose; they pack the
// package and run n8n's scanner) run by `npm run test:repo`, with jest.repo.config.mjs.
export default {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/bench'],
	testMatch: ['**/*.test.mjs'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/repo/'],
	transform: {},
	testTimeout: 60000,
};
