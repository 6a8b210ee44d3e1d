/** Benchmarks run through ts-jest (same aliases as the tests); each writes a report to bench/reports/. */
module.exports = {
  ...require('../jest.base.config'),
  rootDir: require('node:path').join(__dirname, '..'),
  displayName: 'bench',
  testMatch: ['<rootDir>/bench/**/*.bench.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30 * 60 * 1000,
};
