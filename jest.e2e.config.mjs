// End-to-end tests: the packed package inside a real n8n (the AUTOENHANCE_N8N_VERSION of
// n8n-runtime/, installed by devkit/n8n/install.mjs; `npm run test:e2e` runs every row of
// test/e2e/matrix.mjs) against the fake Autoenhance server. Each n8n command boots n8n
// (~5 s), so tests are slow and share one machine: one file at a time.
export default {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.mjs'],
	transform: {},
	maxWorkers: 1,
	testTimeout: 300_000,
	slowTestThreshold: 60,
};
