import type { RedisClient } from '@motcua/platform';
import { Logger } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One atomic step per request: while the block key lives, report blocked; otherwise INCR the window counter,
 * PEXPIRE it on its first hit (the window), and past the limit set the block key for blockDuration and restart
 * the window (as the in-memory storage does). Returns [hits, window ms left, blocked 0/1, block ms left].
 */
const INCREMENT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return {hits, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, windowLeft, 1, tonumber(ARGV[3])}
end
return {hits, windowLeft, 0, 0}
`;

/**
 * Throttler counters in Redis (the shared `REDIS` connection), so a limit holds across every API process instead
 * of multiplying by the number of processes. Keys: `<QUEUE_PREFIX>:throttle:<throttler>:<guard key>` (+ `:blocked`).
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RedisThrottlerStorage');
  private lastWarning = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    /** How long a hit may wait for Redis before the request is let through (fail open). */
    private readonly timeoutMs = 1000,
  ) {}

  /**
   * Fails open: when Redis is slow or down the request is not throttled (a warning is logged at most once a
   * minute) rather than every login and public lookup hanging on the shared connection, whose commands queue
   * while it reconnects. Brute force stays bounded by the account lock, which lives in Postgres.
   */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        this.incrementInRedis(key, ttl, limit, blockDuration, throttlerName),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer from Redis within ${this.timeoutMs} ms`)),
            this.timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      if (Date.now() - this.lastWarning > 60_000) {
        this.lastWarning = Date.now();
        this.logger.warn(`throttling skipped (fail open): ${error instanceof Error ? error.message : String(error)}`);
      }
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private async incrementInRedis(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const base = `${this.prefix}:throttle:${throttlerName}:${key}`;
    const [hits, windowLeft, blocked, blockLeft] = (await this.redis.eval(
      INCREMENT_SCRIPT,
      2,
      base,
      `${base}:blocked`,
      Math.max(1, Math.ceil(ttl)),
      limit,
      Math.max(1, Math.ceil(blockDuration)),
    )) as [number, number, number, number];
    return {
      totalHits: Number(hits),
      timeToExpire: Math.ceil(Number(windowLeft) / 1000),
      isBlocked: Number(blocked) === 1,
      timeToBlockExpire: Math.ceil(Number(blockLeft) / 1000),
    };
  }
}
