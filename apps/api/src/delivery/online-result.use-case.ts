import { GoneException, Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError } from '@motcua/domain';
import type { DocumentStorage } from '@motcua/integrations';
import { DeliveryRepository, DossierResultRepository, hashLookupSecret, lockDossierRow } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DOCUMENT_STORAGE } from '../documents/document-storage.provider';
import { StoredFileDownload } from '../documents/stored-file-download';
import { signDownloadGrant, verifyDownloadGrant } from './download-link';
import { completeStepTask } from '@motcua/application';

export interface ResultLink {
  url: string;
  expiresAt: string;
}

const ABSENT_HASH = '0'.repeat(64);

/**
 * Online return of the electronic result: the applicant (code + lookup secret, no account) gets a signed, expiring
 * link naming exactly one dossier's result; the first download completes the delivery step.
 */
@Injectable()
export class OnlineResultUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
  ) {}

  async link(code: string, secret: string): Promise<ResultLink> {
    const manager = this.dataSource.manager;
    const rows: Array<{ id: string; lookup_secret_hash: string }> = await manager.query(
      `SELECT id, lookup_secret_hash FROM dossier WHERE code = $1`,
      [code],
    );
    const expected = Buffer.from(rows[0]?.lookup_secret_hash ?? ABSENT_HASH, 'utf8');
    const given = Buffer.from(hashLookupSecret(secret.replace(/[\s-]/g, '')), 'utf8');
    if (!rows[0] || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new DomainError('dossier.lookup-not-found', 'No dossier with this code and secret', 'not-found');
    }
    const dossierId = rows[0].id;
    const delivery = await new DeliveryRepository(manager).findLatestForDossier(dossierId);
    const result = await new DossierResultRepository(manager).findCurrent(dossierId);
    if (!delivery || delivery.channel !== 'online' || !result || delivery.status === 'cancelled') {
      throw new DomainError(
        'delivery.no-online-result',
        'This dossier has no electronic result to download online (yet, or it is returned another way)',
        'precondition',
      );
    }
    const expiresAt = new Date(this.clock.now().getTime() + this.config.DOWNLOAD_LINK_TTL_SECONDS * 1000);
    const token = signDownloadGrant(this.config.DOWNLOAD_LINK_SECRET, {
      dossierId,
      resultId: result.id,
      deliveryId: delivery.id,
      expiresAt,
    });
    const base = this.config.PUBLIC_BASE_URL?.replace(/\/$/, '') ?? '';
    return { url: `${base}/public/results/${token}`, expiresAt: expiresAt.toISOString() };
  }

  async download(token: string): Promise<StoredFileDownload> {
    const grant = verifyDownloadGrant(this.config.DOWNLOAD_LINK_SECRET, token);
    // An altered link names nothing: the same answer as a link that never existed.
    if (!grant) throw new DomainError('delivery.link-not-found', 'No result behind this link', 'not-found');
    const now = this.clock.now();
    if (grant.expiresAt.getTime() <= now.getTime()) {
      throw new GoneException('This download link has expired: look the dossier up again for a new link');
    }
    const result = await this.dataSource.transaction(async (manager) => {
      await lockDossierRow(manager, grant.dossierId);
      const found = await new DossierResultRepository(manager).findById(grant.resultId);
      if (!found || found.dossierId !== grant.dossierId) {
        throw new DomainError('delivery.link-not-found', 'No result behind this link', 'not-found');
      }
      const deliveries = new DeliveryRepository(manager);
      const delivery = await deliveries.findLatestForDossier(grant.dossierId, { lock: true });
      if (delivery && delivery.id === grant.deliveryId && delivery.status === 'awaiting-download') {
        await deliveries.update(delivery.id, { status: 'delivered', deliveredAt: now }, now);
        await appendDossierEvent(manager, {
          dossierId: grant.dossierId,
          type: 'result-downloaded',
          payload: {
            deliveryId: delivery.id,
            resultId: found.id,
            sha256: found.sha256,
            downloadedAt: now.toISOString(),
          },
          actor: null,
          occurredAt: now,
        });
        await completeStepTask(manager, {
          stepTaskId: delivery.stepTaskId,
          agencyId: null,
          outcome: 'approve',
          comment: 'Người nộp đã tải kết quả điện tử',
          actor: null,
          now,
        });
      }
      return found;
    });
    return {
      stream: await this.storage.read(result.storageKey),
      contentType: result.contentType,
      fileName: result.fileName,
      sizeBytes: result.sizeBytes,
      sha256: result.sha256,
    };
  }
}
