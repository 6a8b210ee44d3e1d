module.exports = {
  ...require('./jest.base.config'),
  displayName: 'unit',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
};
