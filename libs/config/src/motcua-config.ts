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

  /** BullMQ key prefix; use a `{hash tag}` on Redis Cluster. */
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

  /** Public base URL printed on receipts (QR code, citizen lookup). */
  @Matches(/^https?:\/\/.+/, { message: 'PUBLIC_BASE_URL must be an http(s) URL' })
  @IsOptional()
  PUBLIC_BASE_URL?: string;

  /** Which services the launcher boots in this process (comma-separated). */
  @Transform(toList)
  @IsIn(SERVICE_NAMES, { each: true, message: `MOTCUA_SERVICES entries must be among ${SERVICE_NAMES.join(', ')}` })
  MOTCUA_SERVICES: ServiceName[] = [...SERVICE_NAMES];

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN_AT_BOOT = true;

  /** Test/demo clock: lets an admin endpoint move the clock of every service. Refused in production. */
  @Transform(toBoolean)
  @IsBoolean()
  TEST_CLOCK_ENABLED = false;

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

  /** Deadline sweeper period (the Postgres backstop behind the delayed timer jobs). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  DEADLINE_SWEEP_INTERVAL_MS = 30000;

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
    problems.push(...productionProblems(raw));
  }
  if (
    (config.OIDC_ISSUER || config.OIDC_AUDIENCE || config.OIDC_JWKS_URL) &&
    !(config.OIDC_ISSUER && config.OIDC_AUDIENCE && config.OIDC_JWKS_URL)
  )
    problems.push('OIDC_ISSUER, OIDC_AUDIENCE and OIDC_JWKS_URL: set all three or none');
  if (config.OIDC_ISSUER && config.OIDC_ISSUER === config.JWT_ISSUER)
    problems.push('OIDC_ISSUER: must differ from JWT_ISSUER (the issuer tells local and OIDC tokens apart)');
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
