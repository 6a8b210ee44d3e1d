import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigValidationError, loadConfig } from '@motcua/config';
import { interpolateDocument, parseEnvFile } from '../support/compose-interpolation';

const ROOT = join(__dirname, '..', '..');

interface ComposeService {
  depends_on: Record<string, { condition: string }>;
  environment: Record<string, string>;
  command: string[];
  ports?: string[];
}

/** docker-compose.yml as compose would see it with this environment (the `.env` file's variables, or none). */
function composeWith(environment: Record<string, string>): Record<string, ComposeService> {
  const raw = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  return (interpolateDocument(raw, environment) as { services: Record<string, ComposeService> }).services;
}

function refusal(environment: Record<string, string>): string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

function generatedEnv(): Record<string, string> {
  const directory = mkdtempSync(join(tmpdir(), 'motcua-compose-env-'));
  try {
    const file = join(directory, '.env');
    execFileSync('bash', [join(ROOT, 'scripts', 'compose-env.sh')], {
      env: { ...process.env, MOTCUA_ENV_FILE: file },
      stdio: 'pipe',
    });
    // A second run does not replace the secrets that protect existing data.
    expect(() =>
      execFileSync('bash', [join(ROOT, 'scripts', 'compose-env.sh')], {
        env: { ...process.env, MOTCUA_ENV_FILE: file },
        stdio: 'pipe',
      }),
    ).toThrow();
    return parseEnvFile(readFileSync(file, 'utf8'));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('docker-compose.yml (no engine here: checked statically)', () => {
  const services = composeWith({});

  it('is valid YAML with postgres, redis, a one-shot migrate and one container per app', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'delivery',
      'grafana',
      'migrate',
      'payment',
      'postgres',
      'prometheus',
      'redis',
      'workflow',
    ]);
  });

  it('scrapes every app’s metrics port with Prometheus and provisions the Grafana dashboard (issue 15)', () => {
    const prometheus = readFileSync(join(ROOT, 'docker', 'prometheus', 'prometheus.yml'), 'utf8');
    for (const app of ['api', 'workflow', 'payment', 'delivery']) {
      expect(services[app].environment.METRICS_PORT).toBe('9464');
      expect(prometheus).toContain(`'${app}:9464'`);
    }
    expect(services.prometheus.ports).toEqual(['127.0.0.1:9090:9090']);
    expect(services.grafana.ports).toEqual(['127.0.0.1:3001:3000']);
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'docker', 'grafana', 'dashboards', 'motcua.json'), 'utf8'));
    const expressions = dashboard.panels.flatMap((panel: { targets: Array<{ expr: string }> }) =>
      panel.targets.map((target) => target.expr),
    );
    for (const metric of [
      'motcua_dossiers_received',
      'motcua_dossiers_resolved',
      'motcua_dossiers_open_overdue',
      'motcua_queue_jobs',
      'motcua_job_duration_seconds_bucket',
      'motcua_outbox_unconsumed',
      'motcua_subscriber_lag_events',
      'motcua_deadline_timer_lateness_seconds',
      'motcua_http_request_duration_seconds_bucket',
    ])
      expect(expressions.join('\n')).toContain(metric);
  });

  it('runs Redis with AOF and noeviction, like the local script', () => {
    const redisConf = readFileSync(join(ROOT, 'docker', 'redis.conf'), 'utf8');
    expect(redisConf).toMatch(/^appendonly yes$/m);
    expect(redisConf).toMatch(/^appendfsync everysec$/m);
    expect(redisConf).toMatch(/^maxmemory-policy noeviction$/m);
    const local = readFileSync(join(ROOT, 'scripts', 'services.sh'), 'utf8');
    expect(local).toContain('--appendfsync everysec');
    expect(local).toContain('--maxmemory-policy noeviction');
  });

  it('starts apps only after migrations, with production settings and the built entry points', () => {
    for (const app of ['api', 'workflow', 'payment', 'delivery']) {
      const service = services[app] as {
        depends_on: Record<string, { condition: string }>;
        environment: Record<string, string>;
        command: string[];
      };
      expect(service.depends_on.migrate.condition).toBe('service_completed_successfully');
      expect(service.environment.NODE_ENV).toBe('production');
      expect(service.environment.MIGRATIONS_RUN_AT_BOOT).toBe('false');
      expect(service.command.join(' ')).toContain(`dist/apps/${app}/src/main.js`);
    }
    expect(existsSync(join(ROOT, 'docker', 'Dockerfile'))).toBe(true);
  });

  it('gives every app the same data volume at DATA_DIR (stored documents and results), writable by the image user', () => {
    const raw = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8')) as { volumes: Record<string, unknown> };
    expect(Object.keys(raw.volumes)).toContain('motcua-data');
    for (const app of ['api', 'workflow', 'payment', 'delivery']) {
      const service = services[app] as ComposeService & { volumes?: string[] };
      expect(service.environment.DATA_DIR).toBe('/data');
      expect(service.volumes).toContain('motcua-data:/data');
    }
    const dockerfile = readFileSync(join(ROOT, 'docker', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/mkdir -p \/data && chown node:node \/data\n(?:.*\n)*USER node/);
  });

  it('without a generated .env, every app refuses its placeholder secrets and database password', () => {
    for (const app of ['api', 'workflow', 'payment', 'delivery', 'migrate']) {
      const problems = refusal(services[app].environment);
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^JWT_SECRET: looks like a placeholder/),
          expect.stringMatching(/^LOOKUP_SECRET_KEY: looks like a placeholder/),
          expect.stringMatching(/^DATABASE_URL: its password is a development value or placeholder/),
        ]),
      );
    }
  });

  it('publishes the API on 127.0.0.1 unless told otherwise', () => {
    expect(services.api.ports).toEqual(['127.0.0.1:3000:3000']);
    expect(composeWith({ MOTCUA_PUBLISH_ADDRESS: '0.0.0.0' }).api.ports).toEqual(['0.0.0.0:3000:3000']);
    for (const name of ['postgres', 'redis', 'workflow', 'payment', 'delivery', 'migrate'])
      expect(services[name].ports).toBeUndefined();
  });

  it('with the .env that `npm run compose:env` generates, the apps pass production validation', () => {
    const first = generatedEnv();
    const second = generatedEnv();
    expect(first.JWT_SECRET).not.toBe(second.JWT_SECRET);
    expect(first.JWT_SECRET).not.toBe(first.LOOKUP_SECRET_KEY);
    const generated = composeWith(first);
    for (const app of ['api', 'workflow', 'payment', 'delivery', 'migrate']) {
      const config = loadConfig(generated[app].environment);
      expect(config.JWT_SECRET).toBe(first.JWT_SECRET);
      expect(config.DATABASE_URL).toContain(`:${first.POSTGRES_PASSWORD}@postgres:5432/`);
    }
    expect(generated.postgres.environment.POSTGRES_PASSWORD).toBe(first.POSTGRES_PASSWORD);
    expect(generated.api.ports).toEqual(['127.0.0.1:3000:3000']);
  });

  it('keeps .env out of git', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
  });
});
