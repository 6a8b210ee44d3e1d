import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { percentile } from '../bench-timing';
import { AppProcess } from './app-process';
import { Desk, intakeBody } from './system-runs';
import { LIFECYCLE_STEPS } from './lifecycle-definition';

export { LIFECYCLE_STEPS };

/**
 * The full lifecycle of a dossier, driven from outside the way people and the citizen's browser would: desk intake
 * (accept) → the desk hands over (task) → the land registry approves (task) → the tax office's system answers
 * (connector, the embedded sandbox) → the applicant pays online (payment step, the embedded VNPay sandbox page:
 * pay → signed IPN) → the desk hands the result over (delivery). Five steps per dossier.
 *
 * Open loop: dossiers arrive at a fixed rate whatever the system's state; each one's next action is taken as soon
 * as the bench sees its step open (a poll of the run's active dossiers every POLL_MS). Per-step latency is the
 * engine's part only, from the database: a step's row creation minus the completion of the step before it (the
 * intake's commit for the first step) — what routing, the connector and the payment callback took, not the bench.
 */
const POLL_MS = 100;

export interface LifecycleActors {
  desk: Desk;
  landOfficerToken: string;
}

export interface Latency {
  count: number;
  p50: number;
  p99: number;
}

export interface LifecycleResult {
  offeredPerSecond: number;
  arrivals: number;
  completed: number;
  /** Dossiers that reached 'returned' per second (completions over their spread, at least the arrival window). */
  dossiersPerSecond: number;
  stepsPerSecond: number;
  /** Every arrival completed before the drain time ran out, at ≥ 90 % of the offered rate. */
  keptUp: boolean;
  seconds: number;
  stepLatency: Record<string, Latency>;
  allSteps: Latency;
  /** Arrival to 'returned' as seen by the bench (includes the bench's own reaction time per step). */
  endToEnd: Latency;
  errors: number;
  errorSamples: string[];
  retries: number;
  appCpuPercent: number;
  appCpuMsPerDossier: number;
  appRssMiB: number;
}

interface Active {
  id: string;
  code: string;
  secret: string;
  arrivedAt: number;
}

function latency(values: number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: sorted.length ? percentile(sorted, 50) : NaN,
    p99: sorted.length ? percentile(sorted, 99) : NaN,
  };
}

/** What the citizen's browser does on the sandbox page: read the checked order, press "pay" (the sandbox sends the IPN). */
async function payOnSandbox(base: string, paymentUrl: string): Promise<void> {
  const url = new URL(paymentUrl);
  const page = await fetch(`${base}/sandbox/vnpay/pay-page${url.search}`);
  const text = await page.text();
  if (page.status !== 200) throw new Error(`sandbox page → ${page.status}: ${text.slice(0, 200)}`);
  const { fields, action } = JSON.parse(text) as { fields: Record<string, string>; action: string };
  const submitted = await fetch(`${base}${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, outcome: 'pay' }).toString(),
    redirect: 'manual',
  });
  await submitted.text();
  if (submitted.status !== 303) throw new Error(`sandbox pay → ${submitted.status}`);
}

/**
 * One open-loop run: `rate` dossiers/s arrive for `seconds`, then up to `drainSeconds` for the last ones to finish.
 * `during` (optional) runs alongside the arrivals (the timer-lateness probe).
 */
export async function lifecycleRun(
  app: AppProcess,
  pool: Pool,
  actors: LifecycleActors,
  procedureId: string,
  rate: number,
  seconds: number,
  drainSeconds: number,
): Promise<LifecycleResult> {
  const base = `http://127.0.0.1:${app.port}`;
  const deskAuth = { authorization: `Bearer ${actors.desk.token}` };
  const landAuth = { authorization: `Bearer ${actors.landOfficerToken}` };
  const active = new Map<string, Active>();
  const all: Active[] = [];
  const completedAt = new Map<string, number>();
  const dispatched = new Map<string, number>();
  const errorSamples: string[] = [];
  let errors = 0;
  let retries = 0;
  let inFlight = 0;
  const fail = (error: unknown) => {
    errors++;
    if (errorSamples.length < 3) errorSamples.push(error instanceof Error ? error.message : String(error));
  };
  const track = (work: Promise<unknown>) => {
    inFlight++;
    void work.finally(() => inFlight--);
  };
  /** One step's action; a step not ready yet (payment request or delivery still opening) is retried next poll. */
  const act = async (step: { id: string; dossier_id: string; step_id: string; version: number }) => {
    const dossier = active.get(step.dossier_id);
    if (!dossier) return;
    try {
      if (step.step_id === 'desk' || step.step_id === 'land-registry') {
        await app.client.expect(
          200,
          'POST',
          `/inbox/steps/${step.id}/complete`,
          { outcome: 'approve', version: step.version },
          step.step_id === 'desk' ? deskAuth : landAuth,
        );
      } else if (step.step_id === 'fee') {
        const started = await app.client.send('POST', `/public/dossiers/${dossier.code}/payments/vnpay`, {
          secret: dossier.secret,
        });
        if (started.status !== 200)
          throw Object.assign(new Error(`start payment → ${started.status}`), { retry: true });
        await payOnSandbox(base, (JSON.parse(started.body) as { paymentUrl: string }).paymentUrl);
      } else if (step.step_id === 'return-result') {
        const handed = await app.client.send(
          'POST',
          `/dossiers/${dossier.id}/delivery/handover`,
          { receivedBy: 'Nguyễn Văn Thử', identityDocument: 'CCCD 001090100001' },
          deskAuth,
        );
        if (handed.status !== 200) throw Object.assign(new Error(`handover → ${handed.status}`), { retry: true });
      }
    } catch (error) {
      const attempts = (dispatched.get(step.id) ?? 1) + 1;
      if ((error as { retry?: boolean }).retry && attempts < 100) {
        retries++;
        dispatched.set(step.id, -attempts);
        return;
      }
      fail(error);
    }
  };
  const poll = async () => {
    const ids = [...active.keys()];
    if (!ids.length) return;
    const { rows: steps } = await pool.query(
      `SELECT id, dossier_id, step_id, version FROM step_task
       WHERE dossier_id = ANY($1::uuid[]) AND status IN ('open', 'claimed') AND step_id <> 'tax'`,
      [ids],
    );
    for (const step of steps) {
      const state = dispatched.get(step.id);
      if (state !== undefined && state > 0) continue;
      dispatched.set(step.id, state === undefined ? 1 : -state);
      track(act(step));
    }
    const { rows: done } = await pool.query(
      `SELECT id FROM dossier WHERE id = ANY($1::uuid[]) AND status IN ('returned', 'refused', 'withdrawn')`,
      [ids],
    );
    for (const row of done) {
      completedAt.set(row.id, Date.now());
      active.delete(row.id);
    }
  };

  const cpuBefore = app.cpuSeconds();
  const begin = Date.now();
  const arrivals = Math.max(1, Math.round(rate * seconds));
  let arrived = 0;
  let rss = app.rssMiB();
  const arrive = async () => {
    const arrivedAt = Date.now();
    try {
      const response = await app.client.expect(201, 'POST', '/dossiers', intakeBody(procedureId), {
        ...deskAuth,
        'idempotency-key': `life-${randomUUID()}`,
      });
      const body = JSON.parse(response.body) as { id: string; code: string; lookupSecret: string };
      const dossier = { id: body.id, code: body.code, secret: body.lookupSecret, arrivedAt };
      active.set(dossier.id, dossier);
      all.push(dossier);
    } catch (error) {
      fail(error);
    }
  };
  const deadline = begin + (seconds + drainSeconds) * 1000;
  let lastPoll = 0;
  while (Date.now() < deadline) {
    const now = Date.now();
    // Open loop: every arrival due by now starts, whether or not the earlier ones were answered.
    while (arrived < arrivals && begin + (arrived * 1000) / rate <= now) {
      arrived++;
      track(arrive());
    }
    if (now - lastPoll >= POLL_MS) {
      lastPoll = now;
      await poll().catch(fail);
      rss = Math.max(rss, app.rssMiB());
    }
    if (arrived >= arrivals && active.size === 0 && inFlight === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const cpu = app.cpuSeconds() - cpuBefore;
  const ids = all.map((dossier) => dossier.id);
  const { rows } = await pool.query(
    `SELECT st.step_id, extract(epoch FROM st.created_at - coalesce(previous.completed_at, d.created_at)) * 1000 AS ms,
            st.completed_at IS NOT NULL AS completed
     FROM step_task st JOIN dossier d ON d.id = st.dossier_id
     LEFT JOIN step_task previous ON previous.id = st.previous_step_task_id
     WHERE st.dossier_id = ANY($1::uuid[])`,
    [ids],
  );
  const byStep: Record<string, number[]> = {};
  for (const row of rows) (byStep[row.step_id] ??= []).push(Number(row.ms));
  const completions = [...completedAt.values()];
  const last = completions.length ? Math.max(...completions) : Date.now();
  const first = completions.length ? Math.min(...completions) : begin;
  // Completions of a run that keeps up spread over the arrival window, shifted by the latency: their spread (at
  // least the window) is the rate's time base, so a short run is not charged its pipeline's fill time.
  const elapsed = Math.max(seconds, (last - first) / 1000);
  const completed = completions.length;
  const dossiersPerSecond = completed ? completed / elapsed : 0;
  const runSeconds = (Date.now() - begin) / 1000;
  return {
    offeredPerSecond: rate,
    arrivals,
    completed,
    dossiersPerSecond,
    // Steps completed by the end of the run (also those of dossiers that did not finish), over the run.
    stepsPerSecond: rows.filter((row) => row.completed).length / (completed === arrivals ? elapsed : runSeconds),
    keptUp: completed === arrivals && errors === 0 && dossiersPerSecond >= 0.9 * rate,
    seconds: runSeconds,
    stepLatency: Object.fromEntries(LIFECYCLE_STEPS.map((step) => [step, latency(byStep[step] ?? [])])),
    allSteps: latency(rows.map((row) => Number(row.ms))),
    endToEnd: latency(all.filter((d) => completedAt.has(d.id)).map((d) => completedAt.get(d.id)! - d.arrivedAt)),
    errors,
    errorSamples,
    retries,
    appCpuPercent: (100 * cpu) / ((Date.now() - begin) / 1000),
    appCpuMsPerDossier: (1000 * cpu) / Math.max(1, completed),
    appRssMiB: rss,
  };
}
