import { Client } from 'pg';
import { dataSourceOptions, ResilientPgClient } from './data-source';

describe('ResilientPgClient', () => {
  it('hears every error event: a second error after TypeORM let go of the client does not throw', () => {
    const plain = new Client();
    expect(() => plain.emit('error', new Error('terminating connection due to administrator command'))).toThrow(
      'administrator command',
    );

    const client = new ResilientPgClient();
    const typeormListener = jest.fn();
    client.on('error', typeormListener);
    client.emit('error', new Error('terminating connection due to administrator command'));
    client.removeListener('error', typeormListener); // what TypeORM does when it releases the client
    expect(() => client.emit('error', new Error('Connection terminated unexpectedly'))).not.toThrow();
    expect(typeormListener).toHaveBeenCalledTimes(1);
  });

  it('is the client class of every pool the project creates', () => {
    const options = dataSourceOptions({ url: 'postgres://motcua@127.0.0.1:5432/motcua' });
    expect((options.extra as { Client: unknown }).Client).toBe(ResilientPgClient);
  });
});
