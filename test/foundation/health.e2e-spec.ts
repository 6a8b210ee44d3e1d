import request from 'supertest';
import { startTestServices, TestServices } from '../support/test-services';

describe('health and API basics over HTTP', () => {
  let services: TestServices;

  beforeAll(async () => {
    services = await startTestServices({ TEST_CLOCK_ENABLED: 'true' });
  });

  afterAll(async () => {
    await services?.close();
  });

  it('answers liveness', async () => {
    const response = await request(services.api.getHttpServer()).get('/health/live').expect(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is ready only after a canary job went through a worker', async () => {
    const response = await request(services.api.getHttpServer()).get('/health/ready').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.checks.postgres.status).toBe('ok');
    expect(response.body.checks.redis.status).toBe('ok');
    expect(response.body.checks.worker.status).toBe('ok');
  });

  it('reports not ready (503) when no worker consumes the canary', async () => {
    await services.workflow.close();
    const response = await request(services.api.getHttpServer()).get('/health/ready').expect(503);
    expect(response.body.checks.worker).toMatchObject({ status: 'down' });
    expect(response.body.checks.worker.detail).toMatch(/no worker processed the canary/);
    // Bring a worker back for the other tests.
    const { createWorkflowApplication } = await import('../../apps/workflow/src/bootstrap');
    services.workflow = await createWorkflowApplication(services.config);
    await services.workflow.init();
    await request(services.api.getHttpServer()).get('/health/ready').expect(200);
  }, 30000);

  it('serves the OpenAPI document', async () => {
    const response = await request(services.api.getHttpServer()).get('/docs-json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it('echoes a request id, or makes one', async () => {
    const given = await request(services.api.getHttpServer()).get('/health/live').set('x-request-id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(services.api.getHttpServer()).get('/health/live');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 with a message for an unknown route, not a 500', async () => {
    const response = await request(services.api.getHttpServer()).get('/no/such/route');
    expect([401, 403, 404]).toContain(response.status);
  });
});
