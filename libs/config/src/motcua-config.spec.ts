import { ConfigValidationError, loadConfig } from './motcua-config';

describe('loadConfig', () => {
  it('gives working local defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/.*:54329\//);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.TEST_CLOCK_ENABLED).toBe(false);
    expect(config.MOTCUA_SERVICES).toEqual(['api', 'workflow', 'payment', 'delivery']);
  });

  it('parses typed values', () => {
    const config = loadConfig({ HTTP_PORT: '8080', TEST_CLOCK_ENABLED: 'true', MOTCUA_SERVICES: 'workflow' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.TEST_CLOCK_ENABLED).toBe(true);
    expect(config.MOTCUA_SERVICES).toEqual(['workflow']);
  });

  it('takes a per-process test clock skew (fault suite) within a day, never in production', () => {
    expect(loadConfig({ TEST_CLOCK_SKEW_MS: '-3600000' }).TEST_CLOCK_SKEW_MS).toBe(-3600000);
    expect(() => loadConfig({ TEST_CLOCK_SKEW_MS: '90000000' })).toThrow(/TEST_CLOCK_SKEW_MS/);
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_SKEW_MS: '1000' })).toThrow(
      /TEST_CLOCK_SKEW_MS: a skewed test clock is refused/,
    );
  });

  it('takes the crash-after-send hook of the fault suite, never in production', () => {
    expect(loadConfig({ FAULT_CRASH_AFTER_SEND: 'applicant-notification' }).FAULT_CRASH_AFTER_SEND).toBe(
      'applicant-notification',
    );
    expect(() => loadConfig({ FAULT_CRASH_AFTER_SEND: 'payment' })).toThrow(/FAULT_CRASH_AFTER_SEND/);
    expect(() => loadConfig({ NODE_ENV: 'production', FAULT_CRASH_AFTER_SEND: 'applicant-notification' })).toThrow(
      /FAULT_CRASH_AFTER_SEND: refused when NODE_ENV=production/,
    );
  });

  it('refuses to boot with a message naming every bad setting', () => {
    let caught: unknown;
    try {
      loadConfig({
        DATABASE_URL: 'mysql://nope',
        HTTP_PORT: 'eighty',
        TEST_CLOCK_ENABLED: 'perhaps',
        MOTCUA_SERVICES: 'api,billing',
        JWT_SECRET: 'short',
        LOOKUP_SECRET_KEY: 'short',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const message = (caught as Error).message;
    for (const name of [
      'DATABASE_URL',
      'HTTP_PORT',
      'TEST_CLOCK_ENABLED',
      'MOTCUA_SERVICES',
      'JWT_SECRET',
      'LOOKUP_SECRET_KEY',
    ]) {
      expect(message).toContain(name);
    }
    expect((caught as ConfigValidationError).problems.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses the test clock and implicit secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_ENABLED: 'true' })).toThrow(
      /TEST_CLOCK_ENABLED: the test clock is refused[\s\S]*JWT_SECRET: must be set explicitly[\s\S]*LOOKUP_SECRET_KEY: must be set explicitly/,
    );
  });

  it('keeps the lookup secret key apart from the token secret: its own default, required alone in production', () => {
    const development = loadConfig({});
    expect(development.LOOKUP_SECRET_KEY.length).toBeGreaterThanOrEqual(32);
    expect(development.LOOKUP_SECRET_KEY).not.toBe(development.JWT_SECRET);
    expect(loadConfig({ JWT_SECRET: 'rotated-token-secret-0123456789abcdef' }).LOOKUP_SECRET_KEY).toBe(
      development.LOOKUP_SECRET_KEY,
    );
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://a:9f2c7e1b0d4a8c36e5@db:5432/motcua',
      REDIS_URL: 'redis://redis:6379',
      JWT_SECRET: '4c1e9a7f0b3d62e8a5c7194f2d0b8e6a3f5c9d1e7b2a4068',
      DOWNLOAD_LINK_SECRET: 'download-link-secret-0123456789abcdef',
      POSTAL_WEBHOOK_SECRET: 'postal-webhook-secret-0123456789abcdef',
    };
    expect(() => loadConfig(production)).toThrow(/LOOKUP_SECRET_KEY: must be set explicitly/);
    const lookupKey = 'e07c3a9f5d1b8264c0a7e3f9b5d1c8a2046e9b7f3d5a1c08';
    expect(loadConfig({ ...production, LOOKUP_SECRET_KEY: lookupKey }).LOOKUP_SECRET_KEY).toBe(lookupKey);
  });

  it('requires the download-link and postal webhook secrets explicitly in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      /DOWNLOAD_LINK_SECRET: must be set explicitly[\s\S]*POSTAL_WEBHOOK_SECRET: must be set explicitly/,
    );
    expect(() => loadConfig({ DOCUMENT_MAX_FILE_BYTES: '10' })).toThrow(/DOCUMENT_MAX_FILE_BYTES/);
  });

  it('turns the demo mailbox and the national-portal sandbox off in production unless asked (issue 14)', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://a:9f2c7e1b0d4a8c36e5@db:5432/motcua',
      REDIS_URL: 'redis://redis:6379',
      JWT_SECRET: '4c1e9a7f0b3d62e8a5c7194f2d0b8e6a3f5c9d1e7b2a4068',
      LOOKUP_SECRET_KEY: 'e07c3a9f5d1b8264c0a7e3f9b5d1c8a2046e9b7f3d5a1c08',
      DOWNLOAD_LINK_SECRET: 'download-link-secret-0123456789abcdef',
      POSTAL_WEBHOOK_SECRET: 'postal-webhook-secret-0123456789abcdef',
    };
    expect(loadConfig({})).toMatchObject({
      MAIL_EMBEDDED_SMTP_ENABLED: true,
      NATIONAL_PORTAL_SANDBOX_ENABLED: true,
      NATIONAL_PORTAL_SYNC_ENABLED: true,
    });
    expect(loadConfig(production)).toMatchObject({
      MAIL_EMBEDDED_SMTP_ENABLED: false,
      NATIONAL_PORTAL_SANDBOX_ENABLED: false,
      NATIONAL_PORTAL_SYNC_ENABLED: false,
    });
    expect(() =>
      loadConfig({ ...production, NATIONAL_PORTAL_URL: 'https://dichvucong.example.vn/api/status' }),
    ).toThrow(/NATIONAL_PORTAL_SECRET: must be set explicitly/);
    expect(
      loadConfig({
        ...production,
        NATIONAL_PORTAL_URL: 'https://dichvucong.example.vn/api/status',
        NATIONAL_PORTAL_SECRET: 'portal-shared-secret-0123456789abcdef',
      }).NATIONAL_PORTAL_SYNC_ENABLED,
    ).toBe(true);
  });
});
