/**
 * Redis Cluster runs (issue 16 acceptance 3), not part of `npm test`: `npm run test:cluster`. Built processes like the
 * fault suite (SWC transpile-only like the other tiers; `npm run typecheck` checks types).
 */
const base = require('../../jest.base.config');

module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..', '..'),
  displayName: 'cluster',
  testMatch: ['<rootDir>/test/cluster/**/*.cluster-spec.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30 * 60 * 1000,
};
