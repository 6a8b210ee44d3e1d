import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApiApplication } from '../../apps/api/src/bootstrap';
import { ROLES } from '../../apps/api/src/identity/access.decorator';
import { createTestDatabase, TestDatabase } from '../support/database';
import { testConfig } from '../support/test-config';

/**
 * Issue #10: the OpenAPI document the API serves (/docs-json) declares, for every operation, a summary, its
 * security (bearer + the roles from @Roles, or none for @Public), success and error answers — and
 * `redocly lint` with the recommended rules (redocly.yaml) finds nothing, warnings included.
 */
const ROOT = join(__dirname, '..', '..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

describe('OpenAPI document (issue #10)', () => {
  let database: TestDatabase;
  let api: INestApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const base = testConfig();
    database = await createTestDatabase(base.DATABASE_URL);
    ({ app: api } = await createApiApplication(testConfig({ DATABASE_URL: database.url, TEST_CLOCK_ENABLED: 'true' })));
    await api.init();
    document = (await request(api.getHttpServer()).get('/docs-json').expect(200)).body as OpenAPIObject;
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        key: `${method.toUpperCase()} ${path}`,
        operation: item[method] as NonNullable<typeof item.get> & { 'x-roles'?: string[] },
      })),
    );

  it('gives every operation a summary, security, roles or public, a success and error answers', () => {
    const problems: string[] = [];
    for (const { key, operation } of operations()) {
      if (!operation.summary) problems.push(`${key}: no summary`);
      const roles = operation['x-roles'];
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (isPublic) {
        if (roles) problems.push(`${key}: public but lists roles`);
        if (!/Public:/.test(operation.description ?? '')) problems.push(`${key}: public without saying so`);
      } else {
        if (JSON.stringify(operation.security) !== JSON.stringify([{ bearer: [] }]))
          problems.push(`${key}: no bearer security`);
        if (!roles?.length || roles.some((role) => !(ROLES as readonly string[]).includes(role)))
          problems.push(`${key}: x-roles ${JSON.stringify(roles)}`);
        if (!(operation.description ?? '').includes(`Roles: ${roles?.join(', ')}.`))
          problems.push(`${key}: roles not described`);
        for (const status of ['401', '403']) if (!operation.responses[status]) problems.push(`${key}: no ${status}`);
      }
      if (!Object.keys(operation.responses).some((status) => status.startsWith('2'))) problems.push(`${key}: no 2xx`);
      if (!Object.keys(operation.responses).some((status) => status.startsWith('4'))) problems.push(`${key}: no 4xx`);
    }
    expect(problems).toEqual([]);
    expect(operations().length).toBeGreaterThan(40);
  });

  it('takes the roles from @Roles: the desk intake lists exactly desk_officer, the citizen lookup is public', () => {
    const intake = operations().find(({ key }) => key === 'POST /dossiers')!.operation;
    expect(intake['x-roles']).toEqual(['desk_officer']);
    const lookup = operations().find(({ key }) => key === 'POST /public/dossiers/{code}')!.operation;
    expect(lookup.security).toEqual([]);
  });

  it('passes `redocly lint` with the recommended rules, no errors and no warnings', async () => {
    let cli: string;
    try {
      cli = require.resolve('@redocly/cli/bin/cli.js');
    } catch {
      throw new Error('@redocly/cli is missing: it is a devDependency since issue #10, run `npm install`');
    }
    const directory = mkdtempSync(join(tmpdir(), 'motcua-openapi-'));
    const file = join(directory, 'openapi.json');
    writeFileSync(file, JSON.stringify(document, null, 1));
    try {
      // JSON on stdout (exit code 1 when it finds errors); the CLI's banners go to stderr.
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [cli, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
        { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
      const report = JSON.parse(stdout) as {
        totals: { errors: number; warnings: number };
        problems: Array<{ ruleId: string; message: string; location: Array<{ pointer: string }> }>;
      };
      const problems = report.problems.map(
        (problem) => `${problem.ruleId} ${problem.location[0]?.pointer}: ${problem.message}`,
      );
      expect(problems).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
