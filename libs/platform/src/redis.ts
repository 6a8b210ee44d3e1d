import { parseClusterNode } from '@motcua/config';
import type { ConnectionOptions } from 'bullmq';
import { Cluster, ClusterOptions, Redis, RedisOptions } from 'ioredis';

/** A single Redis or a Redis Cluster client: both answer the commands motcua sends (see REDIS_CLUSTER_NODES). */
export type RedisClient = Redis | Cluster;

/** The settings that choose and reach the Redis deployment (a subset of MotcuaConfig). */
export interface RedisSettings {
  REDIS_URL: string;
  REDIS_CLUSTER_NODES: readonly string[];
}

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

/** A single-Redis client from a URL (tools and tests that run their own redis-server). */
export function createRedis(url: string, connectionName: string): Redis {
  return new Redis({ ...redisOptionsFromUrl(url), connectionName });
}

export function isClusterMode(settings: RedisSettings): boolean {
  return settings.REDIS_CLUSTER_NODES.length > 0;
}

/**
 * Cluster client options: credentials and TLS from REDIS_URL, BullMQ's `maxRetriesPerRequest: null` on every node
 * connection, and retries that ride out a master failover (its slots move to a replica within the cluster's node
 * timeout): commands to the failed slots wait and are retried instead of failing at once.
 */
export function clusterOptions(settings: RedisSettings, connectionName: string): ClusterOptions {
  const fromUrl = redisOptionsFromUrl(settings.REDIS_URL);
  return {
    redisOptions: {
      username: fromUrl.username,
      password: fromUrl.password,
      tls: fromUrl.tls,
      connectionName,
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
    },
    enableReadyCheck: true,
    lazyConnect: true,
    clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    retryDelayOnFailover: 200,
    retryDelayOnClusterDown: 300,
    retryDelayOnTryAgain: 100,
    maxRedirections: 64,
    slotsRefreshTimeout: 2000,
  };
}

/** Cluster seed nodes from REDIS_CLUSTER_NODES (validated by the config). */
export function clusterNodesOf(settings: RedisSettings): Array<{ host: string; port: number }> {
  return settings.REDIS_CLUSTER_NODES.map((entry) => {
    const node = parseClusterNode(entry);
    if (!node) throw new Error(`REDIS_CLUSTER_NODES: '${entry}' is not host:port`);
    return node;
  });
}

/**
 * The client for the configured deployment: a Redis Cluster client when REDIS_CLUSTER_NODES is set, otherwise a
 * single-Redis client from REDIS_URL (the default).
 */
export function createRedisClient(settings: RedisSettings, connectionName: string): RedisClient {
  if (!isClusterMode(settings)) return createRedis(settings.REDIS_URL, connectionName);
  return new Cluster(clusterNodesOf(settings), clusterOptions(settings, connectionName));
}

/**
 * BullMQ's `connection` for the queues and workers of one process. Single Redis: connection options, so every
 * queue and worker opens its own connections (as before cluster support). Cluster: BullMQ cannot build a cluster
 * client from options, so one shared Cluster client (lazily connected; the caller closes it after the workers):
 * queues and workers run their commands on it and BullMQ duplicates it for each worker's blocking connection.
 */
export function createBullConnection(settings: RedisSettings): ConnectionOptions {
  if (!isClusterMode(settings)) return redisOptionsFromUrl(settings.REDIS_URL);
  return createRedisClient(settings, 'motcua-bullmq');
}

/** Closes a connection made by createBullConnection (options need nothing). */
export async function closeBullConnection(connection: ConnectionOptions): Promise<void> {
  if (connection instanceof Cluster || connection instanceof Redis) await connection.quit().catch(() => undefined);
}
