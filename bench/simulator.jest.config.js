/** The simulator benchmark is pure TypeScript: no database, so no global setup (see bench/jest.config.js). */
module.exports = {
  ...require('../jest.base.config'),
  rootDir: require('node:path').join(__dirname, '..'),
  displayName: 'bench-simulator',
  testMatch: ['<rootDir>/bench/simulator.bench.ts', '<rootDir>/bench/late-risk-backtest.bench.ts'],
  testTimeout: 60 * 60 * 1000,
};
