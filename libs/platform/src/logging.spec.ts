import { loadConfig } from '@motcua/config';
import pino from 'pino';
import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { loggerParams, scrubSecrets, setLogDestinationForTests } from './logging';

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  });
  return { stream, text: () => text };
}

describe('logging: no secret, token or row value reaches a log line', () => {
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMzQ1In0.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
  afterEach(() => setLogDestinationForTests(undefined));

  function logger() {
    const output = capture();
    setLogDestinationForTests(output.stream);
    const [options, destination] = loggerParams(loadConfig({ LOG_LEVEL: 'debug' }), 'test').pinoHttp as [
      pino.LoggerOptions,
      pino.DestinationStream,
    ];
    return { log: pino(options, destination), text: output.text };
  }

  it('redacts secret fields of logged objects and scrubs tokens from messages', () => {
    const { log, text } = logger();
    log.info({ body: { password: 'hunter2-very-secret', refreshToken: 'r3fresh-t0ken-value' } }, 'login');
    log.info({ headers: { authorization: `Bearer ${jwt}`, cookie: 'motcua_access_token=abc' } }, 'headers');
    log.warn(`token refused: Bearer ${jwt}; url /public/dossiers/X?secret=K7M2Q9XW4P&x=1`);
    const output = text();
    for (const secret of ['hunter2-very-secret', 'r3fresh-t0ken-value', jwt, 'K7M2Q9XW4P', 'motcua_access_token=abc'])
      expect(output).not.toContain(secret);
    expect(output).toContain('[REDACTED]');
    expect(scrubSecrets('/public/dossiers/A-1?secret=ABC&lookupSecret=DEF')).toBe(
      '/public/dossiers/A-1?secret=[REDACTED]&lookupSecret=[REDACTED]',
    );
  });

  it('logs Postgres errors without the row values (detail, parameters, driver error)', () => {
    const { log, text } = logger();
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "app_user_username_key"'),
      {
        code: '23505',
        detail: 'Key (lower(username))=(nguyen.van.an) already exists.',
        constraint: 'app_user_username_key',
        table: 'app_user',
      },
    );
    const error = new QueryFailedError(
      'INSERT INTO app_user VALUES ($1, $2)',
      ['nguyen.van.an', '001090012345'],
      driverError,
    );
    log.error({ err: error }, 'insert failed');
    const output = text();
    expect(output).toContain('app_user_username_key');
    expect(output).toContain('23505');
    for (const value of ['nguyen.van.an', '001090012345', 'already exists']) expect(output).not.toContain(value);
  });
});
