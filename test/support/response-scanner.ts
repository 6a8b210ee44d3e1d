import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';

export interface ScannedResponse {
  method: string;
  url: string;
  status: number;
  body: string;
}

export interface SecretLeak {
  response: string;
  secret: string;
}

/**
 * Records every response body the test server sends (wraps the listening server, so it sees what a client
 * sees), then checks them for secrets: argon2 hashes (`$argon2`), and every stored lookup-secret hash,
 * password hash and refresh-token hash in the database. Reusable in any e2e suite:
 *
 *   const scanner = installResponseScanner(services.api);
 *   ... tests ...
 *   afterAll: expect(await scanner.leaks(services.dataSource)).toEqual([]); expect(scanner.responses.length).toBeGreaterThan(0)
 */
export class ResponseScanner {
  readonly responses: ScannedResponse[] = [];

  record(response: ScannedResponse): void {
    this.responses.push(response);
  }

  /** Known secret values stored in the database (hashes that must never be returned). */
  async storedSecrets(dataSource: DataSource): Promise<string[]> {
    const query = async (sql: string): Promise<string[]> => {
      try {
        return ((await dataSource.query(sql)) as Array<{ value: string | null }>)
          .map((row) => row.value)
          .filter((value): value is string => !!value);
      } catch {
        return []; // table absent in this schema
      }
    };
    return [
      ...(await query(`SELECT lookup_secret_hash AS value FROM dossier`)),
      ...(await query(`SELECT password_hash AS value FROM app_user`)),
      ...(await query(`SELECT token_hash AS value FROM refresh_token`)),
    ];
  }

  /** Every (response, secret) pair where a body contains a password hash or a stored secret hash. */
  async leaks(dataSource: DataSource, extraSecrets: string[] = []): Promise<SecretLeak[]> {
    const secrets = [...new Set([...(await this.storedSecrets(dataSource)), ...extraSecrets])].filter(
      (secret) => secret.length >= 16,
    );
    const found: SecretLeak[] = [];
    for (const response of this.responses) {
      const label = `${response.method} ${response.url} → ${response.status}`;
      if (/\$argon2(id|i|d)?\$/.test(response.body)) found.push({ response: label, secret: '$argon2 hash' });
      const lower = response.body.toLowerCase();
      for (const secret of secrets)
        if (lower.includes(secret.toLowerCase())) found.push({ response: label, secret: `${secret.slice(0, 12)}…` });
    }
    return found;
  }
}

/** Starts recording every response of the test API server. Call once per server, before the requests. */
export function installResponseScanner(api: INestApplication): ResponseScanner {
  const scanner = new ResponseScanner();
  const server = api.getHttpServer() as Server;
  const listeners = server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = response.write.bind(response) as (...args: unknown[]) => boolean;
    const end = response.end.bind(response) as (...args: unknown[]) => ServerResponse;
    (response as unknown as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]) => {
      capture(args[0], args[1]);
      return write(...args);
    };
    (response as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args: unknown[]) => {
      capture(args[0], args[1]);
      scanner.record({
        method: request.method ?? '?',
        url: request.url ?? '?',
        status: response.statusCode,
        body: Buffer.concat(chunks).toString('latin1'),
      });
      return end(...args);
    };
    for (const listener of listeners) listener(request, response);
  });
  return scanner;
}
