module.exports = {
  ...require('./jest.base.config'),
  // Only the source folders: jest's file crawl then skips node_modules, dist, bench and docs (~50k files).
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 240000,
};
