/**
 * Shared jest settings: the @motcua/* path aliases, node environment, and an SWC transform (transpile only:
 * `npm run build` and `npm run typecheck` check the types). SWC mirrors tsconfig.json's emit: legacy decorators with
 * their design-type metadata (Nest DI, TypeORM, class-validator), define-semantics class fields (ES2022 target).
 */
const { pathsToModuleNameMapper } = require('ts-jest');
const { compilerOptions } = require('./tsconfig.json');

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }),
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.local'],
};
