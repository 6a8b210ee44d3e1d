import { loadConfig, MotcuaConfig, processEnvironment } from '@motcua/config';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Configuration for a test: the local services from the environment (or defaults), a private queue prefix
 * so test files never consume each other's jobs, quiet logs, and the given overrides.
 */
export function testConfig(overrides: Record<string, string> = {}): MotcuaConfig {
  const environment = processEnvironment();
  return loadConfig({
    DATABASE_URL: environment.DATABASE_URL,
    REDIS_URL: environment.REDIS_URL,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    QUEUE_PREFIX: `t${randomBytes(4).toString('hex')}`,
    MIGRATIONS_RUN_AT_BOOT: 'false',
    OUTBOX_POLL_INTERVAL_MS: '20',
    // Each test's documents in a folder of its own.
    DATA_DIR: join(tmpdir(), `motcua-test-data-${randomBytes(6).toString('hex')}`),
    // Each test's mailbox (embedded SMTP server, test/support/test-services.ts) in a folder of its own.
    MAILBOX_DIR: join(tmpdir(), `motcua-test-mailbox-${randomBytes(6).toString('hex')}`),
    // The portal sync posts to the API's own sandbox URL, known only to suites that fix HTTP_PORT: they opt in.
    NATIONAL_PORTAL_SYNC_ENABLED: 'false',
    // Suites fire hundreds of requests a minute as one user; the per-user limit has its own suite.
    USER_THROTTLE_LIMIT: '1000000',
    ...overrides,
  });
}

export async function waitFor<T>(
  description: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30000,
  intervalMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
