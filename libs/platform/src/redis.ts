import { Redis, RedisOptions } from 'ioredis';

/** ioredis options from a redis:// URL, with the settings BullMQ workers need. */
export function redisOptionsFromUrl(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname && parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // Required by BullMQ for blocking connections; harmless elsewhere.
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
  };
}

export function createRedis(url: string, connectionName: string): Redis {
  return new Redis({ ...redisOptionsFromUrl(url), connectionName });
}
