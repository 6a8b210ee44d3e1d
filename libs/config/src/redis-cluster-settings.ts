/**
 * Redis Cluster settings (REDIS_CLUSTER_NODES) and the rules that keep them consistent with the rest of the Redis
 * configuration. Pure functions: the platform's Redis factory and the config validation both use them.
 */

export interface ClusterNodeAddress {
  host: string;
  port: number;
}

/**
 * The hash tag of a key as Redis Cluster computes it: the text between the first `{` and the first `}` after it,
 * when that text is not empty; otherwise the key has no tag (the whole key is hashed).
 */
export function hashTagOf(key: string): string | undefined {
  const open = key.indexOf('{');
  if (open < 0) return undefined;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return undefined;
  return key.slice(open + 1, close);
}

/** `host:port` (IPv6 in brackets: `[::1]:7000`) → address, or undefined when malformed. */
export function parseClusterNode(entry: string): ClusterNodeAddress | undefined {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(entry.trim());
  if (!match) return undefined;
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return undefined;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** Every inconsistency between REDIS_CLUSTER_NODES, QUEUE_PREFIX and REDIS_URL (empty when cluster mode is off). */
export function redisClusterProblems(settings: {
  REDIS_CLUSTER_NODES: string[];
  QUEUE_PREFIX: string;
  REDIS_URL: string;
}): string[] {
  const nodes = settings.REDIS_CLUSTER_NODES;
  if (nodes.length === 0) return [];
  const problems: string[] = [];
  const malformed = nodes.filter((entry) => !parseClusterNode(entry));
  if (malformed.length > 0)
    problems.push(
      `REDIS_CLUSTER_NODES: ${malformed.map((entry) => `'${entry}'`).join(', ')} is not host:port (the list is comma-separated, e.g. 10.0.0.1:7000,10.0.0.2:7000)`,
    );
  const seen = new Set<string>();
  for (const entry of nodes) {
    if (seen.has(entry)) problems.push(`REDIS_CLUSTER_NODES: '${entry}' is listed twice`);
    seen.add(entry);
  }
  if (!hashTagOf(settings.QUEUE_PREFIX))
    problems.push(
      `QUEUE_PREFIX: '${settings.QUEUE_PREFIX}' has no hash tag; on Redis Cluster (REDIS_CLUSTER_NODES set) it needs one, e.g. '{${settings.QUEUE_PREFIX.replace(/[{}]/g, '') || 'motcua'}}', so every key of a queue (and the throttler's key pairs) hashes to one slot — BullMQ's scripts touch several keys at once and a cluster refuses keys of different slots (CROSSSLOT)`,
    );
  try {
    const database = new URL(settings.REDIS_URL).pathname.slice(1);
    if (database !== '' && database !== '0')
      problems.push(
        `REDIS_URL: selects database ${database}, but Redis Cluster has only database 0 (with REDIS_CLUSTER_NODES set, REDIS_URL gives only the credentials and TLS; drop the /${database})`,
      );
  } catch {
    // REDIS_URL's own format rule reports it.
  }
  return problems;
}
