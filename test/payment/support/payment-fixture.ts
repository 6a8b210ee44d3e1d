import { Agent, get } from 'node:http';
import { createServer } from 'node:net';
import { buildPaymentUrlSearchParams, hash, HashAlgorithm } from 'vnpay';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { seedCatalog, SeededCatalog } from '../../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../../support/test-services';
import { WorkflowHttp } from '../../workflow/support/workflow-fixture';

export const DISTRICT_DESK = '000.00.12.H62';
export const LAND_REGISTRY = '000.02.02.H62';
/** 1.000775 (land certificate): fixed fee 100,000 VND in the demo catalog. */
export const LAND_CERTIFICATE = '1.000775';

/** A free loopback port, so the API's own URL (sandbox → IPN) is known before it listens. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** desk → fee (payment, 2 working days to pay) → land registry → result. */
export function paymentDefinition(): object {
  return {
    procedureCode: LAND_CERTIFICATE,
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'fee' },
      },
      {
        id: 'fee',
        name: 'Nộp lệ phí',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 2 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        kind: 'task',
        agency: { code: LAND_REGISTRY },
        budget: { workingDays: 8 },
        transitions: { approve: '@end:result-ready', refuse: '@end:refused' },
      },
    ],
  };
}

export interface PaymentWorld {
  services: TestServices;
  catalog: SeededCatalog;
  api: WorkflowHttp;
  base: string;
  admin: Actor;
  desk: Actor;
  landOfficer: Actor;
  secret: string;
}

/** Services on a known port with the test clock at Monday 6 Dec 2027 08:00 (Hà Nội), demo catalog, the definition. */
export async function startPaymentWorld(overrides: Record<string, string> = {}): Promise<PaymentWorld> {
  const port = await freePort();
  const services = await startTestServices({
    TEST_CLOCK_ENABLED: 'true',
    HTTP_PORT: String(port),
    PAYMENT_RECONCILE_INTERVAL_MS: '3600000',
    ...overrides,
  });
  const catalog = await seedCatalog(services.dataSource);
  const api = new WorkflowHttp(services);
  const admin = catalog.actor('000.00.00.H62', 'admin');
  await api.setClock(admin, '2027-12-06T08:00:00+07:00');
  await api.publishDefinition(admin, catalog.procedures.get(LAND_CERTIFICATE)!.id, paymentDefinition());
  return {
    services,
    catalog,
    api,
    base: `http://127.0.0.1:${port}`,
    admin,
    desk: catalog.actor(DISTRICT_DESK, 'desk_officer'),
    landOfficer: catalog.actor(LAND_REGISTRY, 'agency_officer'),
    secret: services.config.VNPAY_HASH_SECRET,
  };
}

export interface OpenDossier {
  id: string;
  code: string;
  lookupSecret: string;
  request: { id: string; txn_ref: string; amount: string; status: string };
}

/** Intake, the desk hands over, the payment service opens the fee request. */
export async function dossierAwaitingPayment(world: PaymentWorld): Promise<OpenDossier> {
  const { api, services } = world;
  const accepted = (await api.accept(world.desk, world.catalog.procedures.get(LAND_CERTIFICATE)!.id, [
    'DON',
    'GTNG',
  ])) as unknown as { id: string; code: string; lookupSecret: string };
  await services.waitUntilIdle();
  await api.completeOpen(world.desk, accepted.id, 'desk');
  await services.waitUntilIdle();
  const [request] = await services.dataSource.query(
    `SELECT id, txn_ref, amount, status FROM payment_request WHERE dossier_id = $1`,
    [accepted.id],
  );
  if (!request) throw new Error(`no payment request for ${accepted.code}`);
  return { ...accepted, request };
}

/** A payment URL for the citizen (code + secret), as the lookup page would get it. */
export async function startOnlinePayment(world: PaymentWorld, dossier: OpenDossier): Promise<string> {
  const response = await fetch(`${world.base}/public/dossiers/${dossier.code}/payments/vnpay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ secret: dossier.lookupSecret }),
  });
  const body = (await response.json()) as { paymentUrl?: string };
  if (response.status !== 200 || !body.paymentUrl)
    throw new Error(`start payment: ${response.status} ${JSON.stringify(body)}`);
  return body.paymentUrl;
}

/**
 * What the payer does on the sandbox gateway: the pay URL sends the browser to the gateway's page (the web page
 * `/app/sandbox/vnpay`), which reads the checked order from `pay-page` and posts the choice back to the pay URL, as a
 * form (VNPay answers 303 to the merchant's return URL). A refused pay URL answers with the refusal (JSON).
 */
export async function submitSandboxPage(
  paymentUrl: string,
  outcome: 'pay' | 'cancel',
): Promise<{ status: number; location: string | null; page: string }> {
  const redirect = await fetch(paymentUrl, { redirect: 'manual' });
  const target = new URL(redirect.headers.get('location') ?? '', paymentUrl);
  if (redirect.status !== 302 || target.pathname !== '/app/sandbox/vnpay')
    throw new Error(`the pay URL answered ${redirect.status} ${target}`);
  const checked = await fetch(new URL(`/sandbox/vnpay/pay-page${target.search}`, paymentUrl));
  const text = await checked.text();
  if (checked.status !== 200) return { status: checked.status, location: null, page: text };
  const { fields, action } = JSON.parse(text) as { fields: Record<string, string>; action: string };
  const submitted = await fetch(new URL(action, paymentUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, outcome }).toString(),
    redirect: 'manual',
  });
  return { status: submitted.status, location: submitted.headers.get('location'), page: await submitted.text() };
}

/** An IPN built and signed by the `vnpay` npm package (an independent client of the protocol). */
export function signedIpn(
  secret: string,
  params: { txnRef: string; amountVnd: number; tmnCode: string; responseCode?: string; transactionNo?: string },
): Record<string, string> {
  const ipn: Record<string, string> = {
    vnp_Amount: String(params.amountVnd * 100),
    vnp_BankCode: 'NCB',
    vnp_CardType: 'ATM',
    vnp_OrderInfo: 'Thanh toan le phi',
    vnp_PayDate: '20271206090000',
    vnp_ResponseCode: params.responseCode ?? '00',
    vnp_TmnCode: params.tmnCode,
    vnp_TransactionNo: params.transactionNo ?? '14999999',
    vnp_TransactionStatus: params.responseCode ?? '00',
    vnp_TxnRef: params.txnRef,
  };
  const data = buildPaymentUrlSearchParams(ipn).toString();
  return { ...ipn, vnp_SecureHash: hash(secret, Buffer.from(data, 'utf-8'), HashAlgorithm.SHA512) };
}

export async function callIpn(
  base: string,
  params: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}/payments/vnpay/ipn?${new URLSearchParams(params).toString()}`);
  return { status: response.status, body: await response.json() };
}

/**
 * The same IPN over `count` concurrent HTTP requests, through a client pool of `sockets` connections (more sockets
 * than the server's accept backlog only measures the kernel). Returns each answer's RspCode.
 */
export async function concurrentIpns(
  base: string,
  params: Record<string, string>,
  count: number,
  sockets = 200,
): Promise<Array<{ status: number; code: string }>> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const url = `${base}/payments/vnpay/ipn?${new URLSearchParams(params).toString()}`;
  const one = () =>
    new Promise<{ status: number; code: string }>((resolve, reject) => {
      get(url, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, code: JSON.parse(Buffer.concat(chunks).toString()).RspCode }),
        );
        response.on('error', reject);
      }).on('error', reject);
    });
  try {
    return await Promise.all(Array.from({ length: count }, one));
  } finally {
    agent.destroy();
  }
}
