import { Cluster, Redis } from 'ioredis';
import {
  closeBullConnection,
  createBullConnection,
  createRedisClient,
  isClusterMode,
  redisOptionsFromUrl,
} from './redis';

describe('Redis client factory: single Redis by default, a Cluster client when REDIS_CLUSTER_NODES is set', () => {
  const single = { REDIS_URL: 'redis://user:secret@127.0.0.1:6390/0', REDIS_CLUSTER_NODES: [] };
  const cluster = {
    REDIS_URL: 'rediss://user:secret@ignored-host:1',
    REDIS_CLUSTER_NODES: ['10.0.0.1:7000', '10.0.0.2:7001', '[::1]:7002'],
  };

  it('gives BullMQ connection options on single Redis, as before cluster support', () => {
    expect(isClusterMode(single)).toBe(false);
    expect(createBullConnection(single)).toEqual(redisOptionsFromUrl(single.REDIS_URL));
  });

  it('gives one lazily connected Cluster client on a cluster: seed nodes from the setting, credentials and TLS from REDIS_URL', async () => {
    expect(isClusterMode(cluster)).toBe(true);
    const connection = createBullConnection(cluster) as Cluster;
    expect(connection).toBeInstanceOf(Cluster);
    expect(connection.status).toBe('wait'); // nothing connects until a queue or worker uses it
    expect((connection as unknown as { startupNodes: unknown }).startupNodes).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(connection.options.redisOptions).toMatchObject({
      username: 'user',
      password: 'secret',
      tls: {},
      maxRetriesPerRequest: null, // BullMQ refuses blocking connections without it
      connectionName: 'motcua-bullmq',
    });
    await closeBullConnection(connection);
    await new Promise((resolve) => setImmediate(resolve)); // a never-connected client ends on the next turn
    expect(connection.status).toBe('end');
  });

  it('gives the shared client and the subscribers the same kind of client', async () => {
    const client = createRedisClient(cluster, 'motcua-shared');
    expect(client).toBeInstanceOf(Cluster);
    client.disconnect();
    const plain = createRedisClient({ ...single, REDIS_URL: 'redis://127.0.0.1:1' }, 'motcua-shared');
    expect(plain).toBeInstanceOf(Redis);
    plain.on('error', () => undefined);
    plain.disconnect();
  });
});
