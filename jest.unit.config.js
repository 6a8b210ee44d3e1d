module.exports = {
  ...require('./jest.base.config'),
  // Only the source folders: jest's file crawl then skips node_modules, dist, bench and docs (~50k files).
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  // Generous: the machines are shared and noisy; speed is measured in bench/, not by test timeouts.
  testTimeout: 60000,
};
