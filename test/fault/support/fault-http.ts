/** Minimal HTTP client of the harness: every call has a timeout, and a refused connection is an answer (status 0). */
export interface HttpAnswer {
  status: number;
  body: any;
  location?: string | null;
}

export class FaultHttp {
  private readonly tokens = new Map<string, string>();

  constructor(readonly base: string) {}

  async call(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string>; form?: string } = {},
  ): Promise<HttpAnswer> {
    const url = path.startsWith('http') ? path : `${this.base}${path}`;
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = options.form;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    try {
      const response = await fetch(url, {
        method,
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(15000),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // HTML pages (the sandbox gateway) stay text.
      }
      return { status: response.status, body: parsed, location: response.headers.get('location') };
    } catch (error) {
      return { status: 0, body: { error: (error as Error).message } };
    }
  }

  /** Bearer token of a demo user (seeded by `npm run seed`), cached; re-login after a 401. */
  async token(username: string, password: string, fresh = false): Promise<string | undefined> {
    if (!fresh && this.tokens.has(username)) return this.tokens.get(username);
    const answer = await this.call('POST', '/auth/login', { body: { username, password } });
    if (answer.status !== 200 && answer.status !== 201) return undefined;
    this.tokens.set(username, answer.body.accessToken);
    return answer.body.accessToken;
  }

  /** A call as a demo user; refreshes the token once when it was refused. */
  async as(user: DemoUser, method: string, path: string, body?: unknown, headers?: Record<string, string>) {
    const token = await this.token(user.username, user.password);
    if (!token) return { status: 0, body: { error: `login of ${user.username} failed` } } as HttpAnswer;
    const answer = await this.call(method, path, { token, body, headers });
    if (answer.status !== 401) return answer;
    const fresh = await this.token(user.username, user.password, true);
    return fresh ? this.call(method, path, { token: fresh, body, headers }) : answer;
  }
}

export interface DemoUser {
  username: string;
  password: string;
}

/** Demo accounts of libs/persistence/src/seed/users.seed.ts. */
export const DEMO = {
  desk: { username: 'desk.anbinh', password: 'demo-desk-anbinh' },
  landOfficer: { username: 'officer.land', password: 'demo-officer-land' },
  admin: { username: 'admin', password: 'demo-admin' },
} satisfies Record<string, DemoUser>;

export const is2xx = (answer: HttpAnswer) => answer.status >= 200 && answer.status < 300;
