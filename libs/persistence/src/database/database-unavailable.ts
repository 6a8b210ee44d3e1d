const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT']);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /not queryable/,
  /^Connection is not established/,
  // TypeORM releases a query runner whose client emitted 'error' (the connection was cut by a Postgres restart or
  // crash); the transaction's next statement then throws this instead of the driver's error. The fault suite saw
  // it answered as 500 on step completion and hand-over during Postgres restarts (issue 17).
  /^Query runner already released/,
];

/**
 * Whether an error says the database is away for a moment (a restart or crash recovery, a failover, the connection
 * limit) rather than that the request or the code is wrong: SQLSTATE class 08 (connection exception), 57P01–03
 * (shutting down, starting up), 53300 (too many connections), and the driver's own connection failures, which carry
 * no SQLSTATE. Reads the driver error inside a TypeORM QueryFailedError.
 */
export function isDatabaseUnavailableError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const pg = ((error as { driverError?: unknown }).driverError ?? error) as { code?: unknown; message?: unknown };
  const code = typeof pg.code === 'string' ? pg.code : '';
  const message = typeof pg.message === 'string' ? pg.message : '';
  return (
    /^08[0-9A-Z]{3}$/.test(code) || UNAVAILABLE_CODES.has(code) || UNAVAILABLE_MESSAGES.some((re) => re.test(message))
  );
}

/**
 * Runs `connect` until it succeeds, retrying while the database is unavailable for up to `waitMs` (any other error,
 * or the last one after the wait, is thrown). A service started while Postgres restarts waits for it instead of
 * exiting: the fault suite (issue 17) saw workers restarted during a Postgres restart die at boot.
 */
export async function connectWhenAvailable<T>(
  connect: () => Promise<T>,
  options: { waitMs: number; intervalMs?: number; onRetry?: (error: unknown) => void; now?: () => number },
): Promise<T> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.waitMs;
  for (;;) {
    try {
      return await connect();
    } catch (error) {
      if (!isDatabaseUnavailableError(error) || now() >= deadline) throw error;
      options.onRetry?.(error);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
  }
}
