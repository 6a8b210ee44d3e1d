import { ConfigValidationError, loadConfig } from './motcua-config';

describe('loadConfig', () => {
  it('gives working local defaults', () => {
    const config = loadConfig({});
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\/.*:54329\//);
    expect(config.HTTP_PORT).toBe(3000);
    expect(config.TEST_CLOCK_ENABLED).toBe(false);
    expect(config.MOTCUA_SERVICES).toEqual(['api', 'workflow']);
  });

  it('parses typed values', () => {
    const config = loadConfig({ HTTP_PORT: '8080', TEST_CLOCK_ENABLED: 'true', MOTCUA_SERVICES: 'workflow' });
    expect(config.HTTP_PORT).toBe(8080);
    expect(config.TEST_CLOCK_ENABLED).toBe(true);
    expect(config.MOTCUA_SERVICES).toEqual(['workflow']);
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
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigValidationError);
    const message = (caught as Error).message;
    for (const name of ['DATABASE_URL', 'HTTP_PORT', 'TEST_CLOCK_ENABLED', 'MOTCUA_SERVICES', 'JWT_SECRET']) {
      expect(message).toContain(name);
    }
    expect((caught as ConfigValidationError).problems.length).toBeGreaterThanOrEqual(5);
  });

  it('refuses the test clock and implicit secrets in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', TEST_CLOCK_ENABLED: 'true' })).toThrow(
      /TEST_CLOCK_ENABLED: the test clock is refused[\s\S]*JWT_SECRET: must be set explicitly/,
    );
  });
});
