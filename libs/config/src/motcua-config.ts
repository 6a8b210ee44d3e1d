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

export const ENVIRONMENTS = ['development', 'test', 'production'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SERVICE_NAMES = ['api', 'workflow'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
    ? true
    : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
      ? false
      : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;

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
  JWT_SECRET = 'development-only-secret-change-me-0123456789';

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
  AGENCY_QUEUE_REFRESH_MS = 30000;
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

const CONFIG_KEYS = Object.keys(new MotcuaConfig()).concat(['PUBLIC_BASE_URL']);

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
    if (config.TEST_CLOCK_ENABLED) problems.push('TEST_CLOCK_ENABLED: the test clock is refused when NODE_ENV=production');
    if (!raw.JWT_SECRET) problems.push('JWT_SECRET: must be set explicitly when NODE_ENV=production');
    if (!raw.DATABASE_URL) problems.push('DATABASE_URL: must be set explicitly when NODE_ENV=production');
    if (!raw.REDIS_URL) problems.push('REDIS_URL: must be set explicitly when NODE_ENV=production');
  }
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
