/**
 * Redis Cluster runs (issue 16 acceptance 3), not part of `npm test`: `npm run test:cluster`. Built processes like the
 * fault suite (transpile-only here; `npm run typecheck` checks types).
 */
const base = require('../../jest.base.config');

module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..', '..'),
  displayName: 'cluster',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json', isolatedModules: true }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30 * 60 * 1000,
};
