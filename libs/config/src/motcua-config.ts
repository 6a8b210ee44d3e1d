// File length: one validated class for every setting is the point (STYLE.md 14); each field is a documented setting.
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DEVELOPMENT_JWT_SECRET, DEVELOPMENT_LOOKUP_SECRET_KEY, productionProblems } from './production-safety';
import { redisClusterProblems } from './redis-cluster-settings';

export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SERVICE_NAMES = ['api', 'workflow', 'payment', 'delivery'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

/**
 * Every setting motcua reads, validated once at boot. The environment variable name is the property name
 * in SCREAMING_SNAKE_CASE (see README "Configuration"). Nothing else in the code base reads process.env.
 */
export class MotcuaConfig {
  @IsIn(ENVIRONMENTS)
  NODE_ENV: Environment = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// connection URL' })
  DATABASE_URL = 'postgres://motcua:motcua@127.0.0.1:54329/motcua';

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// connection URL' })
  REDIS_URL = 'redis://127.0.0.1:63799';

  /**
   * Redis Cluster seed nodes (`host:port,host:port`); empty (the default) means the single Redis of REDIS_URL. When
   * set, every Redis connection is a cluster client, REDIS_URL gives only the credentials and TLS (`rediss:`), and
   * QUEUE_PREFIX must carry a hash tag (see redis-cluster-settings.ts).
   */
  @Transform(toList)
  @IsString({ each: true })
  REDIS_CLUSTER_NODES: string[] = [];

  /** BullMQ key prefix (also of the throttler keys and the clock channel); needs a `{hash tag}` on Redis Cluster. */
  @IsString()
  @Matches(/^[A-Za-z0-9_{}.-]+$/, { message: 'QUEUE_PREFIX may contain letters, digits, _ . - { } only' })
  QUEUE_PREFIX = 'motcua';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 3000;

  @IsString()
  HTTP_HOST = '127.0.0.1';

  /**
   * Prometheus metrics of this process at http://METRICS_HOST:METRICS_PORT/metrics (issue 15); 0 turns them off.
   * An internal port for the scraper (compose: on the service network, never published), one per process.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 0;

  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** Public base URL printed on receipts (QR code, citizen lookup). */
  @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  @IsOptional()
  PUBLIC_BASE_URL?: string;

  /** Which services the launcher boots in this process (comma-separated). */
  @Transform(toList)
  @IsIn(SERVICE_NAMES, { each: true, message: `MOTCUA_SERVICES entries must be among ${SERVICE_NAMES.join(', ')}` })
  MOTCUA_SERVICES: ServiceName[] = [...SERVICE_NAMES];

  /**
   * Worker copies the launcher forks (issue 16): 0 runs every service of MOTCUA_SERVICES in this one process; N > 0
   * keeps the API here and runs the worker services (workflow, payment, delivery) in N child processes, so HTTP and
   * the queue consumers do not share one event loop. A copy that dies is started again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(16)
  MOTCUA_WORKER_PROCESSES = 0;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN_AT_BOOT = true;

  /** Test/demo clock: lets an admin endpoint move the clock of every service. Refused in production. */
  @Transform(toBoolean)
  @IsBoolean()
  TEST_CLOCK_ENABLED = false;

  /**
   * Test clock only: this process's clock runs this many ms ahead (negative: behind) of the shared test clock — a
   * worker with a wrong clock, for the fault-injection suite (test/fault). Ignored unless TEST_CLOCK_ENABLED.
   */
  @Transform(toInt)
  @IsInt()
  @Min(-86400000)
  @Max(86400000)
  TEST_CLOCK_SKEW_MS = 0;

  /**
   * Fault suite only (test/fault, issue 17 acceptance 2): names one consumer that skips its idempotency guard, so the
   * suite can show its checker catching a doubled effect. Empty (the default) everywhere else; refused in production.
   */
  @IsIn(['', 'applicant-notification'])
  FAULT_SKIP_IDEMPOTENCY_GUARD: '' | 'applicant-notification' = '';

  /**
   * Fault suite only (test/fault, issue 17): this process kills itself (SIGKILL) right after the mail server accepted
   * an applicant e-mail, before the commit that records it: the crash window of an SMTP send (an SMS does not arm it). `on-sigusr2`: armed once
   * the process receives SIGUSR2 (the harness picks the moment). Refused in production.
   */
  @IsIn(['', 'applicant-notification', 'applicant-notification-on-sigusr2'])
  FAULT_CRASH_AFTER_SEND: '' | 'applicant-notification' | 'applicant-notification-on-sigusr2' = '';

  /** Bull Board queue UI (admin only once identity exists). */
  @Transform(toBoolean)
  @IsBoolean()
  BULL_BOARD_ENABLED = false;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = DEVELOPMENT_JWT_SECRET;

  /**
   * HMAC key of the citizen lookup secret printed on receipts (mã tra cứu), separate from JWT_SECRET so rotating
   * the token secret never invalidates printed receipts. Changing it invalidates every receipt already printed.
   */
  @IsString()
  @MinLength(32, { message: 'LOOKUP_SECRET_KEY must be at least 32 characters' })
  LOOKUP_SECRET_KEY = DEVELOPMENT_LOOKUP_SECRET_KEY;

  /** Issuer (`iss`) of locally signed access tokens; tokens from an OIDC provider carry OIDC_ISSUER instead. */
  @IsString()
  JWT_ISSUER = 'motcua';

  /** Lifetime of a local access token (HS256 with JWT_SECRET). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  /** Lifetime of a refresh token (rotated on every use, stored hashed). */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /** Tokens whose `iat` lies further in the future than this are refused (clock skew between issuer and API). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  TOKEN_CLOCK_SKEW_SECONDS = 30;

  /** Consecutive wrong passwords that lock an account (OWASP authentication cheat sheet: lockout). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_LOCK_MINUTES = 15;

  /** Login attempts allowed per client IP per LOGIN_THROTTLE_TTL_SECONDS (429 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_LIMIT = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_TTL_SECONDS = 60;

  /** Citizen lookups (dossier code + secret) allowed per client IP per PUBLIC_THROTTLE_TTL_SECONDS. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_THROTTLE_LIMIT = 20;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PUBLIC_THROTTLE_TTL_SECONDS = 60;

  /**
   * Requests one signed-in user may make per USER_THROTTLE_TTL_SECONDS on authenticated routes (429 beyond), across
   * every API process (counters in Redis). Generous: a desk officer's busiest minute is far below it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  USER_THROTTLE_LIMIT = 600;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  USER_THROTTLE_TTL_SECONDS = 60;

  /** OIDC (optional): bearer tokens whose `iss` equals this are verified against OIDC_JWKS_URL. */
  @Matches(/^https?:\/\/.+/, { message: 'OIDC_ISSUER must be an http(s) URL' })
  @IsOptional()
  OIDC_ISSUER?: string;

  /** Expected `aud` of OIDC tokens (required with OIDC_ISSUER). */
  @IsString()
  @IsOptional()
  OIDC_AUDIENCE?: string;

  @Matches(/^https?:\/\/.+/, { message: 'OIDC_JWKS_URL must be an http(s) URL' })
  @IsOptional()
  OIDC_JWKS_URL?: string;

  /** Claim holding the roles (array or space/comma separated); a dotted path reaches nested claims (`realm_access.roles`). */
  @IsString()
  OIDC_ROLES_CLAIM = 'roles';

  /** Claim holding the user's agency identifier (QCVN 102, e.g. `000.21.12.H62`). */
  @IsString()
  OIDC_AGENCY_CLAIM = 'agency';

  @IsString()
  OIDC_USERNAME_CLAIM = 'preferred_username';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY = 8;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  OUTBOX_BATCH_SIZE = 200;

  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_INTERVAL_MS = 250;

  /** A published outbox row not consumed after this long is re-published (Redis loss recovery). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  OUTBOX_REPUBLISH_AFTER_MS = 30000;

  /** Dossier events read per event-subscriber transaction (issue 9). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  SUBSCRIBER_BATCH_SIZE = 500;

  /** How often an idle event-subscriber runner looks for new committed events (one index probe per tick). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  SUBSCRIBER_POLL_INTERVAL_MS = 200;

  /**
   * Indicator targets (issue 15), a target set named after the plan that sets them: 'KH-2021-2025' (province plans
   * 2021–2025, the default) or 'KH-2030' (online ≥ 70 %). See libs/domain/src/indicators/indicator-rules.ts.
   */
  @IsIn(['KH-2021-2025', 'KH-2030'])
  INDICATOR_TARGET_SET = 'KH-2021-2025';

  /** Deadline sweeper period (the Postgres backstop behind the delayed timer jobs). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  DEADLINE_SWEEP_INTERVAL_MS = 30000;

  /**
   * Back-dated receipts: a postal dossier's hand-over record (QĐ 45/2016 Art. 7) may be entered at most this many
   * working days after it was signed.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(30)
  POSTAL_RECEIPT_MAX_AGE_WORKING_DAYS = 3;

  /** Back-dated receipts on other channels: earlier the same working day ('same-working-day') or never ('refuse'). */
  @IsIn(['same-working-day', 'refuse'])
  RECEIPT_BACKDATE_OTHER_CHANNELS: 'same-working-day' | 'refuse' = 'same-working-day';

  /** Pending due timers claimed per sweeper transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  DEADLINE_SWEEP_BATCH_SIZE = 200;

  /** Sweeper batches run in parallel in one process (SKIP LOCKED keeps them disjoint). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  DEADLINE_SWEEP_CONCURRENCY = 4;

  /**
   * Bound on a graceful shutdown (SIGTERM/SIGINT): HTTP drains for half of it, queue workers finish their active
   * jobs for 60 % of it (then hand them back), and whatever still runs at the bound is abandoned (exit code 1).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600000)
  SHUTDOWN_TIMEOUT_MS = 10000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Transform(toBoolean)
  @IsBoolean()
  LOG_PRETTY = false;

  /** Simulated agency connector (demos and tests): latency of each call in milliseconds. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600000)
  SIMULATED_CONNECTOR_LATENCY_MS = 50;

  /** Simulated agency connector: share of calls that fail, as a percentage 0–100. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  SIMULATED_CONNECTOR_FAILURE_PERCENT = 0;

  /** Workers on `agency.<identifier>` queues (connector calls) per queue in one workflow process. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  AGENCY_QUEUE_CONCURRENCY = 2;

  /** How often the workflow process looks for new agencies to open queue workers for. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  AGENCY_QUEUE_REFRESH_MS = 5000;

  /** Data folder (git-ignored): dossier documents and results live under `<DATA_DIR>/documents` (local-disk storage). */
  @IsString()
  @MinLength(1)
  DATA_DIR = '.local/data';

  /** Largest accepted file of a dossier document or result (bytes; 413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  DOCUMENT_MAX_FILE_BYTES = 20 * 1024 * 1024;

  /** Total size of a dossier's current documents (bytes; 413 beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  DOCUMENT_MAX_DOSSIER_BYTES = 100 * 1024 * 1024;

  /** Stored files without a record (a crash between file write and commit) are removed once this old. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  STORAGE_ORPHAN_GRACE_SECONDS = 3600;

  /** How often the delivery service looks for orphaned files. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  STORAGE_ORPHAN_SWEEP_INTERVAL_MS = 15 * 60 * 1000;

  /** HMAC key of the applicant's result download links (≥ 32 characters, explicit in production). */
  @IsString()
  @MinLength(32, { message: 'DOWNLOAD_LINK_SECRET must be at least 32 characters' })
  DOWNLOAD_LINK_SECRET = 'development-only-download-key-change-me-0123456789';

  /** Lifetime of a result download link. */
  @Transform(toInt)
  @IsInt()
  @Min(60)
  DOWNLOAD_LINK_TTL_SECONDS = 3 * 24 * 3600;

  /** Postal carrier adapter for results returned by post; `sandbox` is the embedded carrier (demo, tests). */
  @IsIn(['sandbox'])
  POSTAL_CARRIER = 'sandbox';

  /** HMAC key the carrier signs its status webhooks with (≥ 32 characters, explicit in production). */
  @IsString()
  @MinLength(32, { message: 'POSTAL_WEBHOOK_SECRET must be at least 32 characters' })
  POSTAL_WEBHOOK_SECRET = 'development-only-postal-webhook-key-0123456789';

  /** A webhook whose signed timestamp is further than this from now is refused (replay window). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  POSTAL_WEBHOOK_TOLERANCE_SECONDS = 600;
  /** VNPay merchant code (vnp_TmnCode); the default is the embedded sandbox's demo merchant. */
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'VNPAY_TMN_CODE must be 1–20 letters or digits' })
  VNPAY_TMN_CODE = 'MOTCUA01';

  /** VNPay hash secret (HMAC-SHA512 key of every signature); never logged. Dev-only default for the sandbox. */
  @IsString()
  @MinLength(16, { message: 'VNPAY_HASH_SECRET must be at least 16 characters' })
  VNPAY_HASH_SECRET = 'development-only-vnpay-secret-0123456789';

  /** VNPay payment page (`{host}/paymentv2/vpcpay.html`); default: the embedded sandbox on this API. */
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_PAY_URL must be an http(s) URL' })
  @IsOptional()
  VNPAY_PAY_URL?: string;

  /** VNPay merchant API for QueryDR and refund (`{host}/merchant_webapi/api/transaction`); default: the sandbox. */
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_API_URL must be an http(s) URL' })
  @IsOptional()
  VNPAY_API_URL?: string;

  /** Where the payer's browser returns (shows the outcome, changes nothing); default `<base>/payments/vnpay/return`. */
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_RETURN_URL must be an http(s) URL' })
  @IsOptional()
  VNPAY_RETURN_URL?: string;

  /** Serve the embedded VNPay sandbox (payment page, merchant API) under /sandbox/vnpay. */
  @Transform(toBoolean)
  @IsBoolean()
  VNPAY_SANDBOX_ENABLED = true;

  /** IPN URL the embedded sandbox calls (VNPay keeps it in the merchant's settings); default `<base>/payments/vnpay/ipn`. */
  @Matches(/^https?:\/\/.+/, { message: 'VNPAY_SANDBOX_IPN_URL must be an http(s) URL' })
  @IsOptional()
  VNPAY_SANDBOX_IPN_URL?: string;

  /** A gateway payment notified after its request expired: 'honour' (record it, flagged late) or 'refund'. */
  @IsIn(['honour', 'refund'])
  PAYMENT_LATE_POLICY: 'honour' | 'refund' = 'honour';

  /** Period of the payment reconciliation job (QueryDR, expiry backstop, refunds of ended dossiers). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  PAYMENT_RECONCILE_INTERVAL_MS = 60000;

  /** An online payment still pending this long after its pay URL was issued is queried at the gateway (QueryDR). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PAYMENT_QUERY_AFTER_MS = 15 * 60 * 1000;

  /** SMTP server applicant e-mails go through (nodemailer URL): the embedded mailbox server, or the province's relay. */
  @Matches(/^smtps?:\/\/.+/, { message: 'MAIL_SMTP_URL must be an smtp:// or smtps:// URL' })
  MAIL_SMTP_URL = 'smtp://127.0.0.1:2525';

  /** From header of applicant e-mails. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = '"Bộ phận Một cửa" <motcua@localhost>';

  /** The launcher runs the embedded SMTP server on MAIL_SMTP_URL's port (loopback, no auth); off by default in production. */
  @Transform(toBoolean)
  @IsBoolean()
  MAIL_EMBEDDED_SMTP_ENABLED = true;

  /** Folder where the embedded SMTP server stores each message (`npm run mailbox` lists and reads them). */
  @IsString()
  MAILBOX_DIR = '.local/mailbox';

  /** Applicant SMS channel: `log` writes each message to `<MAILBOX_DIR>/sms.log` (brandname gateways differ per province). */
  @IsIn(['log'])
  SMS_GATEWAY = 'log' as const;

  /** Working days an agency has to answer a complaint (phản ánh, kiến nghị); NĐ 20/2008/NĐ-CP sets 10 (article unverified). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  COMPLAINT_ANSWER_WORKING_DAYS = 10;

  /** Sync every dossier's status changes to the national portal (the subscriber in the delivery service). */
  @Transform(toBoolean)
  @IsBoolean()
  NATIONAL_PORTAL_SYNC_ENABLED = true;

  /** The portal's status endpoint; default the embedded sandbox receiver `<base>/sandbox/national-portal/dossier-status`. */
  @Matches(/^https?:\/\/.+/, { message: 'NATIONAL_PORTAL_URL must be an http(s) URL' })
  @IsOptional()
  NATIONAL_PORTAL_URL?: string;

  /** Shared secret signing the status messages (HMAC-SHA256); the sandbox receiver checks it. */
  @IsString()
  @MinLength(32)
  NATIONAL_PORTAL_SECRET = 'development-only-national-portal-key-0123456789';

  /** Serve the embedded sandbox receiver of the national portal under /sandbox/national-portal. */
  @Transform(toBoolean)
  @IsBoolean()
  NATIONAL_PORTAL_SANDBOX_ENABLED = true;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [
    ...Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
    ...flatten(error.children ?? []),
  ]);
}

const CONFIG_KEYS = Object.keys(new MotcuaConfig()).concat([
  'PUBLIC_BASE_URL',
  'OIDC_ISSUER',
  'OIDC_AUDIENCE',
  'OIDC_JWKS_URL',
  'VNPAY_PAY_URL',
  'VNPAY_API_URL',
  'VNPAY_RETURN_URL',
  'VNPAY_SANDBOX_IPN_URL',
  'NATIONAL_PORTAL_URL',
]);

/** Builds and validates the configuration from an environment map; throws with every problem listed. */
export function loadConfig(environment: Record<string, string | undefined>): MotcuaConfig {
  const raw: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = environment[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(MotcuaConfig, raw, { exposeDefaultValues: true });
  const problems = flatten(validateSync(config, { forbidUnknownValues: false }));
  if (config.NODE_ENV === 'production') {
    if (config.TEST_CLOCK_ENABLED)
      problems.push('TEST_CLOCK_ENABLED: the test clock is refused when NODE_ENV=production');
    if (config.FAULT_SKIP_IDEMPOTENCY_GUARD !== '')
      problems.push('FAULT_SKIP_IDEMPOTENCY_GUARD: refused when NODE_ENV=production');
    if (config.FAULT_CRASH_AFTER_SEND !== '') problems.push('FAULT_CRASH_AFTER_SEND: refused when NODE_ENV=production');
    if (config.TEST_CLOCK_SKEW_MS !== 0)
      problems.push('TEST_CLOCK_SKEW_MS: a skewed test clock is refused when NODE_ENV=production');
    problems.push(...productionProblems(raw));
    if (!raw.DOWNLOAD_LINK_SECRET)
      problems.push('DOWNLOAD_LINK_SECRET: must be set explicitly when NODE_ENV=production');
    if (!raw.POSTAL_WEBHOOK_SECRET)
      problems.push('POSTAL_WEBHOOK_SECRET: must be set explicitly when NODE_ENV=production');
    // The embedded mailbox is a demo/test default: production sends through the configured relay unless asked.
    if (raw.MAIL_EMBEDDED_SMTP_ENABLED === undefined) config.MAIL_EMBEDDED_SMTP_ENABLED = false;
    // The national-portal sandbox is a demo: off in production unless asked; without a real portal URL nothing syncs.
    if (raw.NATIONAL_PORTAL_SANDBOX_ENABLED === undefined) config.NATIONAL_PORTAL_SANDBOX_ENABLED = false;
    if (raw.NATIONAL_PORTAL_SYNC_ENABLED === undefined && !raw.NATIONAL_PORTAL_URL)
      config.NATIONAL_PORTAL_SYNC_ENABLED = false;
    if (raw.NATIONAL_PORTAL_URL && !raw.NATIONAL_PORTAL_SECRET)
      problems.push('NATIONAL_PORTAL_SECRET: must be set explicitly when NATIONAL_PORTAL_URL is set in production');
  }
  if (
    (config.OIDC_ISSUER || config.OIDC_AUDIENCE || config.OIDC_JWKS_URL) &&
    !(config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL)
  )
    problems.push('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL: set all three or none');
  if (config.OIDC_ISSUER && config.OIDC_ISSUER === config.JWT_ISSUER)
    problems.push('OIDC_ISSUER: must differ from JWT_ISSUER (the issuer tells local and OIDC tokens apart)');
  problems.push(...redisClusterProblems(config));
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return config;
}

let cached: MotcuaConfig | undefined;

/** The process-wide configuration, read from process.env once. */
export function processConfig(): MotcuaConfig {
  cached ??= loadConfig(process.env);
  return cached;
}

/** Only for tests that build several configurations in one process. */
export function resetProcessConfigForTests(): void {
  cached = undefined;
}

/** Read-only view of process environment for tools (e.g. test harness) without touching process.env elsewhere. */
export function environmentVariable(name: string): string | undefined {
  return process.env[name];
}

/** The whole environment, for tools that start child processes (test harness, launcher scripts). */
export function processEnvironment(): NodeJS.ProcessEnv {
  return process.env;
}
