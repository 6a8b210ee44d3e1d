import { loadConfig } from '@motcua/config';
import { buildPaymentUrlSearchParams, hash, HashAlgorithm } from 'vnpay';
import { clusterFailover } from './fault-cluster';
import { postgresPoolExhausted } from './fault-pool';
import { postalWebhooks } from './fault-postal';
import type { FaultWorld } from './fault-world';
import type { SeededRandom } from './seeded-random';

export type FaultKind =
  | 'worker-kill-9'
  | 'worker-sigterm'
  | 'api-kill-9'
  | 'redis-restart'
  | 'redis-kill-9'
  | 'redis-flushall'
  | 'postgres-fast-restart'
  | 'postgres-immediate-restart'
  | 'payment-callbacks'
  | 'smtp-down'
  | 'connector-slow-erroring'
  | 'clock-skew-worker'
  | 'worker-kill-9-restart-degraded'
  | 'worker-kill-9-after-smtp-send'
  | 'redis-cluster-failover'
  | 'postal-webhooks'
  | 'postgres-pool-exhausted';

export const FAULT_KINDS: readonly FaultKind[] = [
  'worker-kill-9',
  'worker-sigterm',
  'api-kill-9',
  'redis-restart',
  'redis-kill-9',
  'redis-flushall',
  'postgres-fast-restart',
  'postgres-immediate-restart',
  'payment-callbacks',
  'smtp-down',
  'connector-slow-erroring',
  'clock-skew-worker',
  'worker-kill-9-after-smtp-send',
  'postal-webhooks',
  'postgres-pool-exhausted',
];

/**
 * Quick mode: fewer process boots (20–45 s each on a busy 2-core machine). A killed worker comes back with a slow,
 * erroring connector and a clock 1 h off in one restart; `worker-sigterm` then heals it (graceful drain, normal restart).
 */
export const QUICK_FAULT_KINDS: readonly FaultKind[] = [
  'worker-kill-9-restart-degraded',
  'worker-sigterm',
  'api-kill-9',
  'redis-restart',
  'redis-kill-9',
  'redis-flushall',
  'postgres-fast-restart',
  'postgres-immediate-restart',
  'payment-callbacks',
  'smtp-down',
  'worker-kill-9-after-smtp-send',
  'postal-webhooks',
  'postgres-pool-exhausted',
];

/**
 * On Redis Cluster (`redis: 'cluster'`) a single Redis's restart and kill -9 become a master failover of the node
 * serving the queues' slot; FLUSHALL flushes every master.
 */
export function kindsForRedis(kinds: readonly FaultKind[], redis: 'single' | 'cluster' = 'single'): FaultKind[] {
  if (redis === 'single') return [...kinds];
  return kinds.map((kind) => (kind === 'redis-restart' || kind === 'redis-kill-9' ? 'redis-cluster-failover' : kind));
}

/** What an injected fault did, and what must hold about it apart from the checker's invariants. */
export interface FaultOutcome {
  detail: string;
  /** A broken promise of the fault itself (a drain over its bound, a tampered callback accepted…). */
  problems: string[];
}

/** Breaks something now; the returned function heals it. */
export type Fault = (
  world: FaultWorld,
  random: SeededRandom,
) => Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }>;

const noProblems = (detail: string): FaultOutcome => ({ detail, problems: [] });

/** Heals a killed worker by restarting it in the background (the other workers carry the load meanwhile). */
const restartOf = (world: FaultWorld, entry: FaultWorld['processes']['all'][number]) => async () => {
  world.processes.restartInBackground(entry);
};

const VNPAY = loadConfig({});

/** An IPN signed like VNPay signs it (by the `vnpay` npm package, an independent client of the protocol). */
function signedIpn(params: {
  txnRef: string;
  amountVnd: number;
  responseCode?: string;
  transactionNo?: string;
}): Record<string, string> {
  const ipn: Record<string, string> = {
    vnp_Amount: String(params.amountVnd * 100),
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan le phi',
    vnp_PayDate: '20271206090000',
    vnp_ResponseCode: params.responseCode ?? '00',
    vnp_TmnCode: VNPAY.VNPAY_TMN_CODE,
    vnp_TransactionNo: params.transactionNo ?? '14999999',
    vnp_TransactionStatus: params.responseCode ?? '00',
    vnp_TxnRef: params.txnRef,
  };
  const data = buildPaymentUrlSearchParams(ipn).toString();
  return { ...ipn, vnp_SecureHash: hash(VNPAY.VNPAY_HASH_SECRET, Buffer.from(data, 'utf-8'), HashAlgorithm.SHA512) };
}

async function callIpn(base: string, params: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/payments/vnpay/ipn?${new URLSearchParams(params).toString()}`, {
    signal: AbortSignal.timeout(15000),
  });
  return { status: response.status, body: await response.json() };
}

/** How long the callbacks fault waits for the load to open a fee request. */
const FEE_REQUEST_WAIT_MS = 90000;

async function paymentCallbacks(
  world: FaultWorld,
  random: SeededRandom,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  // The first fault may come before the load opened any fee request: wait for one (the fault must happen).
  const waitedFrom = Date.now();
  let rows: Array<{ txn_ref: string; amount: string; status: string }> = [];
  while (rows.length === 0 && Date.now() - waitedFrom < FEE_REQUEST_WAIT_MS) {
    rows = (
      await world.pool
        .query(`SELECT r.txn_ref, r.amount, r.status FROM payment_request r ORDER BY r.created_at DESC LIMIT 20`)
        .catch(() => ({ rows: [] }))
    ).rows;
    if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  if (rows.length === 0)
    return {
      outcome: { detail: 'no fee request', problems: [`no fee request opened within ${FEE_REQUEST_WAIT_MS} ms`] },
      heal: async () => undefined,
    };
  const request = random.pick(rows);
  const base = world.http.base;
  const paid = signedIpn({
    txnRef: request.txn_ref,
    amountVnd: Number(request.amount),
    transactionNo: String(random.between(20000000, 29999999)),
  });
  const cancelled = signedIpn({
    txnRef: request.txn_ref,
    amountVnd: Number(request.amount),
    responseCode: '24',
  });
  const tampered = { ...paid, vnp_Amount: String(Number(paid.vnp_Amount) * 2) };
  const problems: string[] = [];
  // Tampered first (must be refused with 97), then duplicated and concurrent, then a stale "cancelled" after the
  // payment (reordered): exactly one settlement may come of all this.
  const refused = await callIpn(base, tampered).catch(() => ({ status: 0, body: {} }));
  if (refused.status === 200 && (refused.body as { RspCode?: string }).RspCode === '00')
    problems.push(`tampered IPN accepted for ${request.txn_ref}`);
  const answers = await Promise.all(
    Array.from({ length: 4 }, () => callIpn(base, paid).catch(() => ({ status: 0, body: {} }))),
  );
  const recorded = answers.filter((answer) => (answer.body as { RspCode?: string }).RspCode === '00').length;
  if (recorded > 1) problems.push(`${recorded} concurrent duplicates of one IPN recorded for ${request.txn_ref}`);
  await callIpn(base, cancelled).catch(() => undefined);
  await callIpn(base, paid).catch(() => undefined);
  return {
    outcome: {
      detail: `${request.txn_ref} (${request.status}): tampered, 4 concurrent duplicates (${recorded} recorded), stale cancel, replay`,
      problems,
    },
    heal: async () => undefined,
  };
}

/** A worker restarted with degraded settings stays so until its next restart (another fault, or the final heal). */
async function restartDegraded(
  world: FaultWorld,
  random: SeededRandom,
  overrides: Record<string, string>,
  what: string,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  const worker = random.pick(await world.processes.readyWorkers());
  await world.processes.kill(worker);
  worker.overrides = overrides;
  world.processes.restartInBackground(worker);
  return { outcome: noProblems(`${worker.name} killed, restarting with ${what}`), heal: async () => undefined };
}

/**
 * kill -9 in the one window where SMTP cannot be exactly-once: a worker (booted with FAULT_CRASH_AFTER_SEND armed by
 * SIGUSR2, refused in production) is signalled and kills itself right after the mail server accepts its next notice,
 * before the commit that records it. The notice's retry must resend with the same Message-ID (one message in the
 * mailbox, the redelivery logged and recorded as in doubt).
 */
async function killAfterSmtpSend(
  world: FaultWorld,
  random: SeededRandom,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  const worker = random.pick(await world.processes.readyWorkers());
  world.processes.expectExit(worker);
  worker.process.child.kill('SIGUSR2');
  const exit = await worker.process.exitWithin(60000).catch(() => null);
  const outcome = noProblems(
    exit?.signal === 'SIGKILL'
      ? `${worker.name} killed itself (-9) between an SMTP accept and its commit`
      : `${worker.name}: no e-mail reached it within 60 s`,
  );
  if (!exit) await world.processes.kill(worker);
  return { outcome, heal: restartOf(world, worker) };
}

export const FAULTS: Record<FaultKind, Fault> = {
  async 'worker-kill-9'(world, random) {
    const worker = random.pick(await world.processes.readyWorkers());
    const pid = worker.process.child.pid;
    await world.processes.kill(worker);
    worker.overrides = {};
    return { outcome: noProblems(`${worker.name} pid ${pid}`), heal: restartOf(world, worker) };
  },
  async 'worker-sigterm'(world, random) {
    const ready = await world.processes.readyWorkers();
    const degraded = ready.filter((entry) => Object.keys(entry.overrides).length > 0);
    const worker = random.pick(degraded.length > 0 ? degraded : ready);
    const bound = Number(world.environment.SHUTDOWN_TIMEOUT_MS);
    const problems: string[] = [];
    const exit = await world.processes.terminate(worker, bound + 3000).catch((error: Error) => {
      problems.push(`${worker.name} did not exit within ${bound} ms of SIGTERM: ${error.message.split('\n')[0]}`);
      return world.processes.kill(worker).then(() => ({ code: null, ms: bound + 3000 }));
    });
    if (exit.code !== 0) problems.push(`${worker.name} drained with exit code ${exit.code}`);
    worker.overrides = {};
    return {
      outcome: { detail: `${worker.name} drained in ${exit.ms} ms (exit ${exit.code})`, problems },
      heal: restartOf(world, worker),
    };
  },
  async 'api-kill-9'(world) {
    await world.processes.kill(world.processes.api);
    return {
      outcome: noProblems('api'),
      heal: async () => {
        if (!world.processes.api.process.running) await world.processes.start(world.processes.api);
      },
    };
  },
  async 'redis-restart'(world) {
    await world.redis.shutdown();
    return { outcome: noProblems('SHUTDOWN, start'), heal: () => world.redis.start() };
  },
  async 'redis-kill-9'(world) {
    await world.redis.kill();
    return { outcome: noProblems(`kill -9 (AOF everysec)`), heal: () => world.redis.start() };
  },
  'redis-cluster-failover': clusterFailover,
  async 'redis-flushall'(world) {
    await (world.cluster ?? world.redis).flushAll();
    return { outcome: noProblems('FLUSHALL: every queue, job and lock gone'), heal: async () => undefined };
  },
  async 'postgres-fast-restart'(world) {
    await world.postgres.restart('fast');
    return { outcome: noProblems('pg_ctl stop -m fast, start'), heal: async () => undefined };
  },
  async 'postgres-immediate-restart'(world) {
    await world.postgres.restart('immediate');
    return {
      outcome: noProblems('pg_ctl stop -m immediate (crash, WAL recovery), start'),
      heal: async () => undefined,
    };
  },
  'payment-callbacks': paymentCallbacks,
  'postal-webhooks': postalWebhooks,
  'postgres-pool-exhausted': postgresPoolExhausted,
  async 'smtp-down'(world, random) {
    await world.mailbox.stop();
    const downMs = random.between(2000, 6000);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    return {
      outcome: noProblems(`SMTP server down ${downMs} ms`),
      heal: async () => {
        await world.mailbox.start(world.mailPort);
      },
    };
  },
  'connector-slow-erroring': (world, random) =>
    restartDegraded(
      world,
      random,
      { SIMULATED_CONNECTOR_LATENCY_MS: '1500', SIMULATED_CONNECTOR_FAILURE_PERCENT: '50' },
      'a tax connector answering in 1.5 s and failing 50 %',
    ),
  'worker-kill-9-restart-degraded': (world, random) => {
    const skew = random.next() < 0.5 ? -3600000 : 3600000;
    return restartDegraded(
      world,
      random,
      {
        SIMULATED_CONNECTOR_LATENCY_MS: '1500',
        SIMULATED_CONNECTOR_FAILURE_PERCENT: '50',
        TEST_CLOCK_SKEW_MS: String(skew),
      },
      `a tax connector answering in 1.5 s and failing 50 %, and its clock ${skew > 0 ? '+' : '-'}1 h`,
    );
  },
  'worker-kill-9-after-smtp-send': killAfterSmtpSend,
  'clock-skew-worker': (world, random) => {
    const skew = random.next() < 0.5 ? -3600000 : 3600000;
    return restartDegraded(world, random, { TEST_CLOCK_SKEW_MS: String(skew) }, `its clock ${skew > 0 ? '+' : '-'}1 h`);
  },
};
