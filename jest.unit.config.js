module.exports = {
  ...require('./jest.base.config'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // Generous: the machines are shared and noisy; speed is measured in bench/, not by test timeouts.
  testTimeout: 60000,
};
