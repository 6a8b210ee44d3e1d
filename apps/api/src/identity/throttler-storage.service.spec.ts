import type { Redis } from 'ioredis';
import { RedisThrottlerStorage } from './throttler-storage.service';

describe('RedisThrottlerStorage when Redis does not answer', () => {
  it('lets the request through after the timeout instead of hanging', async () => {
    const silent = { eval: () => new Promise(() => undefined) } as unknown as Redis;
    const storage = new RedisThrottlerStorage(silent, 'p', 50);
    const started = Date.now();
    const record = await storage.increment('ip', 60000, 5, 60000, 'login');
    expect(record).toEqual({ totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('lets the request through when Redis answers with an error', async () => {
    const failing = { eval: () => Promise.reject(new Error('connection is closed')) } as unknown as Redis;
    const record = await new RedisThrottlerStorage(failing, 'p', 50).increment('ip', 60000, 5, 60000, 'login');
    expect(record.isBlocked).toBe(false);
  });

  it('passes Redis answers through', async () => {
    const answering = { eval: () => Promise.resolve([6, 30000, 1, 60000]) } as unknown as Redis;
    const record = await new RedisThrottlerStorage(answering, 'p', 50).increment('ip', 60000, 5, 60000, 'login');
    expect(record).toEqual({ totalHits: 6, timeToExpire: 30, isBlocked: true, timeToBlockExpire: 60 });
  });
});
