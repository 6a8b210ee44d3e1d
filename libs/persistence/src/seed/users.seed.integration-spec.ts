import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '../../../../test/support/database';
import { testConfig } from '../../../../test/support/test-config';
import { createDataSource } from '../database/data-source';
import { UserRepository } from '../identity/user.repository';
import { CATALOG_SEED } from './catalog.seed';
import { DEMO_USERS, USERS_SEED } from './users.seed';

describe('demo users seed (Postgres)', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase(testConfig().DATABASE_URL);
    dataSource = createDataSource({ url: database.url, poolSize: 2 });
    await dataSource.initialize();
    await dataSource.transaction((manager) => CATALOG_SEED.run(manager, () => undefined));
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('refuses to create demo users when NODE_ENV=production, and says why', async () => {
    const lines: string[] = [];
    await dataSource.transaction((manager) =>
      USERS_SEED.run(manager, (line) => lines.push(line), { config: { NODE_ENV: 'production' } }),
    );
    expect(lines.join('\n')).toMatch(/refused: demo users are not created when NODE_ENV=production/);
    for (const demo of DEMO_USERS)
      expect(await new UserRepository(dataSource.manager).findByUsername(demo.username)).toBeNull();
  });

  it('creates them in development', async () => {
    const lines: string[] = [];
    await dataSource.transaction((manager) =>
      USERS_SEED.run(manager, (line) => lines.push(line), { config: { NODE_ENV: 'development' } }),
    );
    expect(lines).toEqual([`${DEMO_USERS.length} demo users created, 0 already present`]);
    expect(await new UserRepository(dataSource.manager).findByUsername(DEMO_USERS[0].username)).not.toBeNull();
  });
});
