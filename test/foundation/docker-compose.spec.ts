import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '@motcua/config';

const ROOT = join(__dirname, '..', '..');

describe('docker-compose.yml (no engine here: checked statically)', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  const services = compose.services as Record<string, Record<string, unknown>>;

  it('is valid YAML with postgres, redis, a one-shot migrate and one container per app', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'delivery',
      'migrate',
      'payment',
      'postgres',
      'redis',
      'workflow',
    ]);
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
      expect(service.environment.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
      expect(service.command.join(' ')).toContain(`dist/apps/${app}/src/main.js`);
    }
    expect(existsSync(join(ROOT, 'docker', 'Dockerfile'))).toBe(true);
  });

  it('gives the apps a configuration that passes production validation', () => {
    expect(() => loadConfig((services.api as { environment: Record<string, string> }).environment)).not.toThrow();
  });
});
