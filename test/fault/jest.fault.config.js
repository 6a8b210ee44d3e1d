/**
 * The fault-injection suite (issue 17), not part of `npm test`: `npm run test:fault` (quick mode, CI) and
 * `npm run test:fault:full`. SWC transpile-only like the other tiers (jest.base.config.js; the harness drives built processes; `npm run typecheck` checks types).
 */
const base = require('../../jest.base.config');

module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..', '..'),
  displayName: 'fault',
  testMatch: ['<rootDir>/test/fault/**/*.fault-spec.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30 * 60 * 1000,
};
