// ESLint flat config: typescript-eslint's recommended rules plus the import directions of docs/ARCHITECTURE.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const frameworkPackages = ['@nestjs/*', 'typeorm', 'pg', 'ioredis', 'bullmq', 'express', 'pino*', 'nestjs-pino'];
const apps = ['api', 'workflow', 'launcher', 'payment', 'delivery', 'web'];

/** Forbids importing another app from inside `app` (apps talk through queues and Postgres, not imports). */
const appBoundary = (app) => ({
  files: [`apps/${app}/**/*.ts`],
  ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: apps
          .filter((other) => other !== app && !(app === 'launcher'))
          .map((other) => ({
            group: [`**/apps/${other}/**`, `../../${other}/**`],
            message: `apps/${app} must not import apps/${other}`,
          })),
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.local/**', 'coverage/**', 'apps/web/dist/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // libs/domain is plain TypeScript: no framework, no database, no queue, no other lib.
    files: ['libs/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkPackages, message: 'libs/domain imports no framework or I/O package' },
            { group: ['@motcua/*', '!@motcua/domain'], message: 'libs/domain depends on no other lib' },
          ],
        },
      ],
    },
  },
  {
    // Libraries never import apps; persistence never imports queue runtime (types only).
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/apps/**'], message: 'libraries never import apps' }] },
      ],
    },
  },
  {
    files: ['libs/persistence/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'libraries never import apps' },
            {
              group: ['@motcua/queues', '@motcua/queues/*', 'bullmq'],
              message: 'persistence is I/O on Postgres: queue runtime stays out (type imports allowed)',
              allowTypeImports: true,
            },
            {
              group: ['@motcua/platform', '@motcua/platform/*', '@motcua/application', '@motcua/application/*'],
              message: 'persistence is below platform and application: it imports neither',
            },
          ],
        },
      ],
    },
  },
  {
    // Queue contracts are leaves: names, job payload types, options. No Postgres, no Nest, no other lib but domain.
    files: ['libs/queues/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.integration-spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'libraries never import apps' },
            {
              group: ['@motcua/*', '!@motcua/domain', 'typeorm', '@nestjs/*'],
              message: 'libs/queues holds contracts only (the outbox writer, relay and consumer live in libs/platform)',
            },
          ],
        },
      ],
    },
  },
  {
    // Platform (Nest infrastructure, outbox) sits below the application use cases.
    files: ['libs/platform/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/apps/**'], message: 'libraries never import apps' },
            { group: ['@motcua/application', '@motcua/application/*'], message: 'platform never imports application' },
          ],
        },
      ],
    },
  },
  ...apps.filter((app) => app !== 'launcher').map(appBoundary),
  {
    // Issue #10: class-validator's IsOptional lets null through and its ISO 8601 checks accept compact and
    // impossible dates; apps/api/src/common/validation has the strict versions (see dto-rules.spec.ts).
    files: ['apps/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional', 'IsISO8601', 'IsDateString', 'IsDate'],
              message: 'use IsOptional / IsNullable / IsIsoDate / IsIsoInstant from apps/api/src/common/validation',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
