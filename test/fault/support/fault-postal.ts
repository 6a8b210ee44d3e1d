import type { FaultOutcome } from './fault-catalog';
import { DEMO } from './fault-http';
import type { FaultWorld } from './fault-world';
import type { SeededRandom } from './seeded-random';

/** How long the postal fault waits for the load to create a first shipment (the first fault may come early). */
const SHIPMENT_WAIT_MS = 90000;

interface Sent {
  webhook: { path: string; headers: Record<string, string>; body: string };
  response: { status: number; body: { recorded?: boolean; applied?: boolean } };
}

async function postWebhook(base: string, webhook: Sent['webhook'], body = webhook.body): Promise<Sent['response']> {
  try {
    const response = await fetch(`${base}${webhook.path}`, {
      method: 'POST',
      headers: webhook.headers,
      body,
      signal: AbortSignal.timeout(15000),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  } catch {
    return { status: 0, body: {} };
  }
}

/**
 * The carrier's webhooks, abused: a shipment's scans redelivered (the carrier's retry), its last webhook four times at
 * once, the first one again after the last (reordered), and a forged one (body changed, signature kept). Exactly one
 * record per carrier event may come of all this, nothing applied out of order, and the forgery refused.
 */
export async function postalWebhooks(
  world: FaultWorld,
  random: SeededRandom,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  const waitedFrom = Date.now();
  let shipments: Array<{ tracking_number: string; status: string }> = [];
  while (shipments.length === 0 && Date.now() - waitedFrom < SHIPMENT_WAIT_MS) {
    shipments = (
      await world.pool
        .query(
          `SELECT tracking_number, status FROM postal_sandbox_shipment
            WHERE jsonb_array_length(history) > 0 ORDER BY updated_at DESC LIMIT 20`,
        )
        .catch(() => ({ rows: [] }))
    ).rows;
    if (shipments.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const none = (detail: string) => ({ outcome: { detail, problems: [detail] }, heal: async () => undefined });
  if (shipments.length === 0) return none(`no postal shipment scanned within ${SHIPMENT_WAIT_MS} ms`);
  const shipment = random.pick(shipments);
  const redelivered = await world.http.as(
    DEMO.admin,
    'POST',
    `/sandbox/postal/shipments/${shipment.tracking_number}/redeliver`,
  );
  if (redelivered.status !== 200 || !Array.isArray(redelivered.body))
    return none(`redelivery of ${shipment.tracking_number} answered ${redelivered.status}`);
  const sent = redelivered.body as Sent[];
  const problems: string[] = [];
  const base = world.http.base;
  const last = sent[sent.length - 1].webhook;
  // Every scan was recorded when it was first sent (or by the load's own redelivery): nothing new may be recorded
  // from here on, whatever arrives twice, at once or out of order.
  const duplicates = await Promise.all(Array.from({ length: 4 }, () => postWebhook(base, last)));
  const reordered = await postWebhook(base, sent[0].webhook);
  const newlyRecorded = [...sent.map((entry) => entry.response), ...duplicates, reordered].filter(
    (response) => response.status === 200 && response.body.recorded === true,
  ).length;
  // A redelivered scan may be recorded here once if its first webhook was lost (the API was down): at most one per
  // scan, and none of the duplicates or the reordered one.
  if (duplicates.some((response) => response.body.recorded === true))
    problems.push(`a duplicate webhook of ${shipment.tracking_number} was recorded again`);
  if (reordered.body.recorded === true || reordered.body.applied === true)
    problems.push(`the first scan of ${shipment.tracking_number}, sent again after the last, was recorded or applied`);
  const forged = await postWebhook(base, last, last.body.replace(/"status":"[a-z-]+"/, '"status":"failed"'));
  if (forged.status >= 200 && forged.status < 300)
    problems.push(`a forged webhook for ${shipment.tracking_number} was accepted`);
  return {
    outcome: {
      detail: `${shipment.tracking_number} (${shipment.status}): ${sent.length} scans redelivered (${newlyRecorded} newly recorded), 4 concurrent duplicates, reordered, forged (${forged.status})`,
      problems,
    },
    heal: async () => undefined,
  };
}
