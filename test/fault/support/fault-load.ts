import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DEMO, FaultHttp, HttpAnswer, is2xx } from './fault-http';

/** One dossier the load driver carries from intake to hand-over. */
export interface DrivenDossier {
  idempotencyKey: string;
  /** Set once the API answered the intake with a 2xx: from then on it must never be lost. */
  id?: string;
  code?: string;
  lookupSecret?: string;
  acknowledgedAt?: number;
  status?: string;
  openStep?: string;
  doneAt?: number;
  /** Every third dossier's result goes back by post (the sandbox carrier), the others at the desk. */
  postal: boolean;
  delivery?: PostalState;
  busy: boolean;
  nextActionAt: number;
  actions: number;
}

/** A postal delivery as both sides see it: our delivery row and the sandbox carrier's shipment. */
interface PostalState {
  channel: string;
  status: string;
  trackingNumber: string | null;
  /** What our side applied from the carrier's webhooks. */
  shipmentStatus: string | null;
  /** What the carrier scanned: ahead of `shipmentStatus` while a webhook is missing. */
  carrierStatus: string | null;
  /** Since when the carrier has been ahead of us (a webhook lost while the API was down). */
  behindSince?: number;
}

/** The postal worker's next scan after each carrier status. */
const NEXT_SCAN: Record<string, string> = {
  created: 'picked-up',
  'picked-up': 'in-transit',
  'in-transit': 'delivered',
};

/** How long the carrier waits for a missing webhook's effect before it redelivers (a carrier's retry). */
const REDELIVER_AFTER_MS = 3000;

const FINAL = new Set(['returned', 'refused', 'withdrawn', 'stopped', 'rejected']);

/**
 * Moderate load over HTTP with the demo accounts: intake (desk, Idempotency-Key, retried with the same key) → desk
 * hand-over → online fee through the embedded VNPay sandbox page (its IPN settles it) → land registry → tax connector
 * (automatic) → result handed over at the desk, or (every third dossier) sent by post: the sandbox carrier's postal
 * worker scans it picked up → in transit → delivered, and the carrier redelivers webhooks that did not take effect. State is read back from Postgres each round, so every action is
 * retried until it took effect, whatever failed in between.
 */
export class FaultLoad {
  readonly dossiers: DrivenDossier[] = [];
  readonly answers = new Map<string, number>();
  /** Successful driver actions with their time: the throughput the report measures. */
  readonly progress: number[] = [];
  private creating = true;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly http: FaultHttp,
    private readonly pool: Pool,
    private readonly procedureId: string,
    private readonly inFlight: number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops opening new dossiers; the ones acknowledged are still driven to the end. */
  stopCreating(): void {
    this.creating = false;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get acknowledged(): DrivenDossier[] {
    return this.dossiers.filter((dossier) => dossier.id);
  }

  get active(): DrivenDossier[] {
    return this.dossiers.filter((dossier) => dossier.doneAt === undefined);
  }

  private count(answer: HttpAnswer, what: string): void {
    const key = `${what} ${answer.status}`;
    this.answers.set(key, (this.answers.get(key) ?? 0) + 1);
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.creating) {
        while (this.active.length < this.inFlight)
          this.dossiers.push({
            idempotencyKey: randomUUID(),
            postal: this.dossiers.length % 3 === 2,
            busy: false,
            nextActionAt: 0,
            actions: 0,
          });
      }
      await this.refresh().catch(() => undefined);
      const now = Date.now();
      for (const dossier of this.active) {
        if (dossier.busy || dossier.nextActionAt > now) continue;
        dossier.busy = true;
        void this.act(dossier)
          .then((moved) => {
            if (moved) this.progress.push(Date.now());
            // After a payment the fee step closes once the workers route the IPN's effect: no need to pay again.
            dossier.nextActionAt = Date.now() + (moved ? (dossier.openStep === 'fee' ? 2000 : 100) : 400);
          })
          .catch(() => (dossier.nextActionAt = Date.now() + 1000))
          .finally(() => (dossier.busy = false));
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    while (this.dossiers.some((dossier) => dossier.busy)) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Status and open step of every dossier still driven, in one query. */
  private async refresh(): Promise<void> {
    const ids = this.active.filter((dossier) => dossier.id).map((dossier) => dossier.id!);
    if (ids.length === 0) return;
    const rows: Array<{
      id: string;
      status: string;
      step_id: string | null;
      delivery: Omit<PostalState, 'behindSince'> | null;
    }> = (
      await this.pool.query(
        `SELECT d.id, d.status,
                (SELECT t.step_id FROM step_task t WHERE t.dossier_id = d.id AND t.status IN ('open', 'claimed')
                  ORDER BY t.started_at DESC LIMIT 1) AS step_id,
                (SELECT json_build_object('channel', v.channel, 'status', v.status, 'trackingNumber', v.tracking_number,
                                          'shipmentStatus', v.shipment_status, 'carrierStatus', s.status)
                   FROM delivery v LEFT JOIN postal_sandbox_shipment s ON s.tracking_number = v.tracking_number
                  WHERE v.dossier_id = d.id AND v.status <> 'cancelled' ORDER BY v.created_at DESC LIMIT 1) AS delivery
           FROM dossier d WHERE d.id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows;
    for (const row of rows) {
      const dossier = this.dossiers.find((candidate) => candidate.id === row.id)!;
      dossier.status = row.status;
      dossier.openStep = row.step_id ?? undefined;
      const behind = row.delivery !== null && row.delivery.carrierStatus !== row.delivery.shipmentStatus;
      dossier.delivery = row.delivery
        ? { ...row.delivery, behindSince: behind ? (dossier.delivery?.behindSince ?? Date.now()) : undefined }
        : undefined;
      if (FINAL.has(row.status) && dossier.doneAt === undefined) dossier.doneAt = Date.now();
    }
  }

  private async act(dossier: DrivenDossier): Promise<boolean> {
    if (!dossier.id) {
      if (!this.creating) return false;
      return this.intake(dossier);
    }
    switch (dossier.openStep) {
      case 'desk':
        return this.completeStep(dossier, 'desk', DEMO.desk);
      case 'fee':
        return this.pay(dossier);
      case 'land-registry':
        return this.completeStep(dossier, 'land-registry', DEMO.landOfficer);
      case 'return-result':
        return dossier.delivery?.channel === 'postal' ? this.postalWorker(dossier) : this.handOver(dossier);
      default:
        return false; // the connector step, or routing in progress: the workers' turn
    }
  }

  private async intake(dossier: DrivenDossier): Promise<boolean> {
    const index = this.dossiers.indexOf(dossier) + 1;
    const answer = await this.http.as(
      DEMO.desk,
      'POST',
      '/dossiers',
      {
        procedureId: this.procedureId,
        channel: 'in-person',
        applicant: {
          name: `Nguyễn Văn Thử ${index}`,
          identityNumber: `0010900${String(index).padStart(5, '0')}`,
          address: 'Thôn Đông, xã An Hòa',
          phone: '0912345678',
          email: `nguoi-nop-${index}@example.vn`,
        },
        ...(dossier.postal ? { returnChannel: { channel: 'postal' } } : {}),
        documents: [
          { code: 'DON', form: 'original', count: 1 },
          { code: 'GTNG', form: 'certified-copy', count: 1 },
        ],
        outcome: 'accept',
      },
      { 'Idempotency-Key': dossier.idempotencyKey },
    );
    this.count(answer, 'intake');
    if (!is2xx(answer)) return false;
    dossier.id = answer.body.id;
    dossier.code = answer.body.code;
    dossier.lookupSecret = answer.body.lookupSecret;
    dossier.acknowledgedAt = Date.now();
    return true;
  }

  private async openStepTask(dossierId: string, stepId: string): Promise<string | undefined> {
    const { rows } = await this.pool.query(
      `SELECT id FROM step_task WHERE dossier_id = $1 AND step_id = $2 AND status IN ('open', 'claimed')`,
      [dossierId, stepId],
    );
    return rows[0]?.id;
  }

  private async completeStep(dossier: DrivenDossier, stepId: string, user: typeof DEMO.desk): Promise<boolean> {
    const taskId = await this.openStepTask(dossier.id!, stepId);
    if (!taskId) return false;
    const answer = await this.http.as(user, 'POST', `/inbox/steps/${taskId}/complete`, { outcome: 'approve' });
    this.count(answer, `complete ${stepId}`);
    return is2xx(answer);
  }

  /** What the citizen does: the payment link from the lookup page, then "pay" on the sandbox gateway's page. */
  private async pay(dossier: DrivenDossier): Promise<boolean> {
    const started = await this.http.call('POST', `/public/dossiers/${dossier.code}/payments/vnpay`, {
      body: { secret: dossier.lookupSecret },
    });
    this.count(started, 'payment link');
    if (started.status !== 200 || !started.body?.paymentUrl) return false;
    // The pay URL sends the browser to the gateway's page, which reads the checked order and posts "pay" back.
    const paymentUrl = new URL(started.body.paymentUrl);
    const page = await this.http.call('GET', `/sandbox/vnpay/pay-page${paymentUrl.search}`);
    if (page.status !== 200 || !page.body?.fields) return false;
    const fields = new URLSearchParams({ ...(page.body.fields as Record<string, string>), outcome: 'pay' });
    const submitted = await this.http.call('POST', new URL(page.body.action, paymentUrl).toString(), {
      form: fields.toString(),
    });
    this.count(submitted, 'sandbox pay');
    return submitted.status === 303;
  }

  /**
   * The carrier's side of a postal return: the next scan once our side caught up with the last one; a redelivery of
   * the scans' webhooks when it did not catch up within a few seconds (the API was down when one was sent).
   */
  private async postalWorker(dossier: DrivenDossier): Promise<boolean> {
    const delivery = dossier.delivery!;
    if (delivery.status !== 'shipping' || !delivery.trackingNumber || !delivery.carrierStatus) return false;
    const path = `/sandbox/postal/shipments/${delivery.trackingNumber}`;
    if (delivery.behindSince !== undefined) {
      if (Date.now() - delivery.behindSince < REDELIVER_AFTER_MS) return false;
      const answer = await this.http.as(DEMO.admin, 'POST', `${path}/redeliver`);
      this.count(answer, 'postal redeliver');
      delivery.behindSince = Date.now();
      return false;
    }
    const next = NEXT_SCAN[delivery.carrierStatus];
    if (!next) return false;
    const answer = await this.http.as(DEMO.admin, 'POST', `${path}/events`, { status: next });
    this.count(answer, `postal ${next}`);
    return is2xx(answer);
  }

  private async handOver(dossier: DrivenDossier): Promise<boolean> {
    const answer = await this.http.as(DEMO.desk, 'POST', `/dossiers/${dossier.id}/delivery/handover`, {
      receivedBy: 'Nguyễn Văn Thử',
      identityDocument: 'CCCD 001090012345',
    });
    this.count(answer, 'handover');
    return is2xx(answer);
  }
}
