import { Agent, request } from 'node:http';
import { percentile } from '../bench-timing';

/** What one closed-loop run measured: completed operations, their rate and latency percentiles (ms). */
export interface LoadResult {
  operations: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** First error messages, for the report when a run fails. */
  errorSamples: string[];
}

/**
 * Closed loop: `concurrency` workers each run `operation` back to back until `seconds` have passed (or `limit`
 * operations were started). Latency per operation; errors are counted, never thrown.
 */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  operation: (worker: number, index: number) => Promise<unknown>,
  limit = Number.POSITIVE_INFINITY,
): Promise<LoadResult> {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let started = 0;
  const begin = process.hrtime.bigint();
  const end = begin + BigInt(Math.round(seconds * 1e9));
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      while (process.hrtime.bigint() < end && started < limit) {
        const index = started++;
        const start = process.hrtime.bigint();
        try {
          await operation(worker, index);
          latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        } catch (error) {
          errors++;
          if (errorSamples.length < 3) errorSamples.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - begin) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    errors,
    seconds: elapsed,
    perSecond: latencies.length / elapsed,
    p50: latencies.length ? percentile(latencies, 50) : NaN,
    p99: latencies.length ? percentile(latencies, 99) : NaN,
    errorSamples,
  };
}

export interface HttpResponse {
  status: number;
  body: string;
}

/** A keep-alive HTTP client for one base URL (loopback), the way a load generator holds its connections. */
export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  /**
   * One request; retried once when a kept-alive socket was closed by the server just as it was reused (every
   * request the bench sends is safe to repeat: intakes carry an Idempotency-Key, completions a version).
   */
  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    try {
      return await this.sendOnce(method, path, body, headers);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ECONNRESET' && !(error instanceof Error && error.message === 'socket hang up')) throw error;
      return this.sendOnce(method, path, body, headers);
    }
  }

  private sendOnce(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string>,
  ): Promise<HttpResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            ...headers,
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      if (payload) outgoing.write(payload);
      outgoing.end();
    });
  }

  /** Sends and throws unless the status is the expected one (so closedLoop counts it as an error). */
  async expect(
    status: number | number[],
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResponse> {
    const response = await this.send(method, path, body, headers);
    const expected = Array.isArray(status) ? status : [status];
    if (!expected.includes(response.status)) {
      throw new Error(`${method} ${path} → ${response.status}: ${response.body.slice(0, 300)}`);
    }
    return response;
  }

  close(): void {
    this.agent.destroy();
  }
}
