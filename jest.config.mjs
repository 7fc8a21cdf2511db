// Tests are ES modules that drive the compiled package in dist/, exactly what n8n loads.
export default {
	testEnvironment: 'node',
	roots: ['<rootDir>/test', '<rootDir>/bench'],
	testMatch: ['**/*.test.mjs'],
	transform: {},
	testTimeout: 60000,
};
