import { loadConfig } from './motcua-config';
import { hashTagOf, parseClusterNode, redisClusterProblems } from './redis-cluster-settings';

describe('Redis Cluster settings (issue 16)', () => {
  it('computes the hash tag the way Redis Cluster does', () => {
    expect(hashTagOf('{motcua}:agency.x:wait')).toBe('motcua');
    expect(hashTagOf('motcua')).toBeUndefined();
    expect(hashTagOf('{}motcua')).toBeUndefined(); // an empty tag hashes the whole key
    expect(hashTagOf('{}{motcua}')).toBeUndefined(); // only the first { counts
    expect(hashTagOf('a}{b}c')).toBe('b');
    expect(hashTagOf('{motcua')).toBeUndefined();
  });

  it('parses host:port nodes and refuses anything else', () => {
    expect(parseClusterNode('10.0.0.1:7000')).toEqual({ host: '10.0.0.1', port: 7000 });
    expect(parseClusterNode('redis-0.redis:6379')).toEqual({ host: 'redis-0.redis', port: 6379 });
    expect(parseClusterNode('[::1]:7000')).toEqual({ host: '::1', port: 7000 });
    for (const bad of ['10.0.0.1', 'redis://a:7000', 'a:0', 'a:70000', ':7000', 'a:b'])
      expect(parseClusterNode(bad)).toBeUndefined();
  });

  it('keeps single Redis the default, unchanged', () => {
    const config = loadConfig({});
    expect(config.REDIS_CLUSTER_NODES).toEqual([]);
    expect(config.QUEUE_PREFIX).toBe('motcua');
    expect(redisClusterProblems(config)).toEqual([]);
  });

  it('accepts a consistent cluster setting', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000, 127.0.0.1:7001', QUEUE_PREFIX: '{motcua}' });
    expect(config.REDIS_CLUSTER_NODES).toEqual(['127.0.0.1:7000', '127.0.0.1:7001']);
  });

  it('refuses inconsistent cluster settings with a message naming each', () => {
    let message = '';
    try {
      loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000,redis://b:7001,127.0.0.1:7000', REDIS_URL: 'redis://x:1/3' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_CLUSTER_NODES: 'redis:\/\/b:7001' is not host:port/);
    expect(message).toMatch(/REDIS_CLUSTER_NODES: '127.0.0.1:7000' is listed twice/);
    expect(message).toMatch(/QUEUE_PREFIX: 'motcua' has no hash tag; .*e\.g\. '\{motcua\}'.*CROSSSLOT/);
    expect(message).toMatch(/REDIS_URL: selects database 3, but Redis Cluster has only database 0/);
    expect(() => loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: '{}motcua' })).toThrow(
      /QUEUE_PREFIX: '\{\}motcua' has no hash tag/,
    );
  });

  it('lets production name the cluster instead of REDIS_URL', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://a:9f2c7e1b0d4a8c36e5@db:5432/motcua',
      JWT_SECRET: '4c1e9a7f0b3d62e8a5c7194f2d0b8e6a3f5c9d1e7b2a4068',
      LOOKUP_SECRET_KEY: 'e07c3a9f5d1b8264c0a7e3f9b5d1c8a2046e9b7f3d5a1c08',
      DOWNLOAD_LINK_SECRET: 'download-link-secret-0123456789abcdef',
      POSTAL_WEBHOOK_SECRET: 'postal-webhook-secret-0123456789abcdef',
    };
    expect(() => loadConfig(production)).toThrow(/REDIS_URL \(or REDIS_CLUSTER_NODES\): must be set explicitly/);
    expect(
      loadConfig({ ...production, REDIS_CLUSTER_NODES: 'redis-0:6379,redis-1:6379', QUEUE_PREFIX: '{motcua}' })
        .REDIS_CLUSTER_NODES,
    ).toHaveLength(2);
  });
});
