import { SubscriberRunnerService } from '@motcua/platform';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { freePort } from '../payment/support/payment-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { WorkflowHttp } from '../workflow/support/workflow-fixture';

/** Issue 15: Prometheus metrics of the process (API, workflow, payment and delivery share one registry). */
describe('Prometheus /metrics', () => {
  let services: TestServices;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    services = await startTestServices({ METRICS_PORT: String(port) });
  });

  afterAll(async () => {
    await services?.close();
  });

  async function scrape(): Promise<string> {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    return response.text();
  }

  it('exposes dossiers by channel, HTTP latency by route, queues, outbox, subscriber lag and timer lateness', async () => {
    const catalog = await seedCatalog(services.dataSource);
    const api = new WorkflowHttp(services);
    const desk = catalog.actor('000.00.12.H62', 'desk_officer');
    await api.accept(desk, catalog.procedures.get('1.000775')!.id, ['DON', 'GTNG']);
    await services.waitUntilIdle();
    await services.workflow.get(SubscriberRunnerService).runner.drain();

    const text = await scrape();
    expect(text).toContain('motcua_dossiers_received{channel="in-person"} 1');
    expect(text).toMatch(
      /motcua_http_request_duration_seconds_count\{method="POST",route="\/dossiers",status="201"\} 1/,
    );
    expect(text).toMatch(/motcua_queue_jobs\{queue="[a-z.-]+",state="waiting"\} \d+/);
    expect(text).toMatch(/motcua_outbox_unconsumed \d+/);
    expect(text).toContain('motcua_subscriber_lag_events{subscriber="indicators"} 0');
    expect(text).toMatch(/motcua_deadline_timer_lateness_seconds \d/);
    expect(text).toMatch(/motcua_dossiers_open_overdue 0/);
    expect(text).toContain('motcua_metrics_collect_errors 0');
    expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
  });
});
