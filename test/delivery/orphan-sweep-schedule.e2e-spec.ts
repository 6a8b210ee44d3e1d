import { utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { LocalDiskStorage } from '@motcua/integrations';
import { DossierDocumentRepository } from '@motcua/persistence';
import { DELIVERY_QUEUE } from '@motcua/queues';
import { STORAGE_SWEEP_SCHEDULER_ID } from '../../apps/delivery/src/storage/storage-sweep.scheduler';
import type { Actor } from '../../apps/api/src/identity/access.decorator';
import { seedCatalog } from '../dossier/support/catalog-fixture';
import { startTestServices, TestServices } from '../support/test-services';
import { waitFor } from '../support/test-config';
import { DeliveryHttp, pdfBytes } from './support/delivery-fixture';
import { QueueRegistry } from '@motcua/platform';

/**
 * Issue 12, acceptance 3 ("a crash between file write and commit leaves no orphan visible (cleanup)"): the cleanup
 * runs by itself — the delivery service schedules the sweep (STORAGE_ORPHAN_SWEEP_INTERVAL_MS) and removes files
 * older than STORAGE_ORPHAN_GRACE_SECONDS that no record names, leaving recorded and young files alone.
 */
describe('scheduled orphan sweep (issue 12, acceptance 3)', () => {
  let services: TestServices;
  let http: DeliveryHttp;
  let desk: Actor;
  let procedureId: string;
  let storage: LocalDiskStorage;

  beforeAll(async () => {
    services = await startTestServices({
      STORAGE_ORPHAN_SWEEP_INTERVAL_MS: '1000',
      STORAGE_ORPHAN_GRACE_SECONDS: '60',
    });
    http = new DeliveryHttp(services);
    const catalog = await seedCatalog(services.dataSource);
    desk = catalog.actor('000.21.12.H62', 'desk_officer');
    procedureId = catalog.procedures.get('1.001193')!.id;
    storage = new LocalDiskStorage(join(resolve(services.config.DATA_DIR), 'documents'));
  });

  afterAll(async () => {
    await services?.close();
  });

  const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
  const age = async (key: string, at: Date) =>
    utimes(join(resolve(services.config.DATA_DIR), 'documents', 'objects', ...key.split('/')), at, at);
  const orphan = async (key: string): Promise<void> => {
    const temporary = await storage.writeTemporary(Readable.from([pdfBytes(800)]));
    await storage.commit(temporary.temporaryKey, key);
  };

  it('the delivery service keeps a repeatable sweep scheduled at the configured interval', async () => {
    const queue = services.delivery.get(QueueRegistry).get(DELIVERY_QUEUE.name);
    const scheduler = await waitFor('the sweep scheduler', async () =>
      queue.getJobScheduler(STORAGE_SWEEP_SCHEDULER_ID),
    );
    expect(scheduler).toMatchObject({ name: 'sweep-orphans.v1', every: 1000 });
  });

  it('removes an old unrecorded file, keeps a recorded one and a young orphan (an upload in flight)', async () => {
    const dossier = await http.accept(desk, procedureId, ['TK', 'GCS']);
    const kept = await http.upload(desk, dossier.id, 'TK', pdfBytes(1500));
    expect(kept.status).toBe(201);
    const recorded = (await new DossierDocumentRepository(services.dataSource.manager).findById(kept.body.id))!;
    await age(recorded.storageKey, hoursAgo(5));

    const oldOrphan = `documents/${dossier.id}/crashed-upload-1`;
    const youngOrphan = `documents/${dossier.id}/in-flight-upload-1`;
    await orphan(oldOrphan);
    await age(oldOrphan, hoursAgo(2));
    await orphan(youngOrphan);

    await waitFor(
      'the old orphan removed by the scheduled sweep',
      async () => !(await storage.exists(oldOrphan)),
      20000,
    );
    expect(await storage.exists(recorded.storageKey)).toBe(true);
    expect(await storage.exists(youngOrphan)).toBe(true);
    // The recorded document still downloads.
    const file = await http
      .http()
      .get(`/dossiers/${dossier.id}/documents/${kept.body.id}/file`)
      .set(await http.auth(desk));
    expect(file.status).toBe(200);
  });
});
