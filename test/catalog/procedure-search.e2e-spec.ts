import request from 'supertest';
import { registerActors, authHeader } from '../dossier/support/act-as';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import type { Actor } from '../../apps/api/src/identity/access.decorator';

/** Issue 13: the desk finds a procedure by code or by name typed with or without accents. */
describe('GET /procedures?search= (accent- and case-insensitive)', () => {
  let services: TestServices;
  let desk: Actor;

  beforeAll(async () => {
    services = await startTestServices();
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.00.12.H62', 'desk_officer');
    await registerActors(services, desk);
  });

  afterAll(async () => {
    await services?.close();
  });

  const codes = async (search: string): Promise<string[]> => {
    const response = await request(services.api.getHttpServer())
      .get('/procedures')
      .query({ search, pageSize: 100 })
      .set(authHeader(desk))
      .expect(200);
    return (response.body.items as Array<{ code: string }>).map((procedure) => procedure.code);
  };

  it('matches names without accents, with accents, in any case', async () => {
    for (const term of ['giay chung nhan quyen su dung dat', 'GIẤY CHỨNG NHẬN quyền', 'Giay Chung Nhan Quyen']) {
      expect(await codes(term)).toContain('1.000775');
    }
    expect(await codes('dang ky dat dai')).toContain('1.000775');
  });

  it('matches by code and treats LIKE wildcards literally', async () => {
    expect(await codes('1.000775')).toEqual(['1.000775']);
    expect(await codes('%')).toEqual([]);
    expect(await codes('_')).toEqual([]);
  });

  it('finds nothing for a name that is not in the catalog', async () => {
    expect(await codes('khong co thu tuc nay')).toEqual([]);
  });
});
