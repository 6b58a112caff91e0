/** End-to-end tests: the built package inside a real n8n (see test/e2e/). */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	forceExit: true,
};
