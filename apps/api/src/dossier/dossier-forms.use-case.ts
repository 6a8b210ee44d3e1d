import { Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DomainError, getRuleSet } from '@motcua/domain';
import { renderReceiptForm, renderRefusalForm, renderSupplementRequestForm } from '@motcua/forms';
import {
  AgencyRepository,
  deriveLookupSecret,
  DossierEntity,
  findRegisterEntry,
  LEGAL_MINUTES_PER_WORKING_DAY,
  ProcedureRepository,
} from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { DossierUseCase } from './dossier.use-case';

const RESULT_PLACE: Record<string, string> = {
  'in-person': 'Tại Bộ phận Tiếp nhận và Trả kết quả',
  online: 'Trả kết quả trực tuyến qua Cổng Dịch vụ công',
  postal: 'Qua dịch vụ bưu chính công ích đến địa chỉ người nộp hồ sơ',
};

/**
 * The legal time printed on form 01: the one pinned on the dossier at intake (its appointment was computed with it),
 * as the procedure states it while the catalog still says the same; after a catalog change, in whole working days
 * when it is a whole number of days, else in working hours.
 */
export function pinnedLegalTime(
  pinnedMinutes: number,
  procedure: { legalTimeMinutes: number; legalTimeValue: number; legalTimeUnit: 'working-days' | 'working-hours' },
): { amount: number; unit: 'working-day' | 'working-hour' } {
  if (procedure.legalTimeMinutes === pinnedMinutes) {
    const unit = procedure.legalTimeUnit === 'working-days' ? 'working-day' : 'working-hour';
    return { amount: procedure.legalTimeValue, unit };
  }
  if (pinnedMinutes % LEGAL_MINUTES_PER_WORKING_DAY === 0) {
    return { amount: pinnedMinutes / LEGAL_MINUTES_PER_WORKING_DAY, unit: 'working-day' };
  }
  return { amount: Math.round((pinnedMinutes / 60) * 100) / 100, unit: 'working-hour' };
}

/** Forms 01 (receipt), 02 (supplement request) and 03 (refusal) as PDF, for a dossier in the actor's scope. */
@Injectable()
export class DossierFormsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    private readonly dossiers: DossierUseCase,
  ) {}

  async receipt(actor: Actor, id: string): Promise<Buffer> {
    const { dossier, common, procedure } = await this.context(actor, id);
    if (!dossier.appointmentAt) {
      throw new DomainError(
        'forms.no-receipt',
        `Dossier ${dossier.code} was not accepted: it has no receipt (form 01)`,
        'precondition',
      );
    }
    return renderReceiptForm({
      ...common,
      applicant: this.applicant(dossier),
      procedure: { name: procedure.name, code: procedure.code },
      documents: dossier.documents.map((document) => ({
        name: document.name,
        form: document.form,
        count: document.count,
      })),
      numberOfSets: dossier.numberOfSets,
      // A later catalog edit must not change the legal time of a receipt already given.
      legalProcessingTime: pinnedLegalTime(dossier.legalTimeMinutes, procedure),
      receivedAt: new Date(dossier.receivedAt),
      appointmentAt: new Date(dossier.appointmentAt),
      resultCollectionPlace: RESULT_PLACE[dossier.channel] ?? RESULT_PLACE['in-person'],
      lookupSecret: deriveLookupSecret(this.config.LOOKUP_SECRET_KEY, dossier.id),
      receivingOfficer: {},
      // The dossier's book and number in its desk's tracking register (form 06).
      register: (await findRegisterEntry(this.dataSource.manager, dossier.id)) ?? undefined,
    });
  }

  async supplementRequest(actor: Actor, id: string): Promise<Buffer> {
    const { dossier, common, procedure, agency } = await this.context(actor, id);
    if (!dossier.supplementItems) {
      throw new DomainError(
        'forms.no-supplement-request',
        `Dossier ${dossier.code} has no supplement request (form 02)`,
        'precondition',
      );
    }
    return renderSupplementRequestForm({
      ...common,
      applicant: this.applicant(dossier),
      procedure: { name: procedure.name, code: procedure.code },
      requestedAt: new Date(dossier.receivedAt),
      items: dossier.supplementItems.map((item) => ({ documentName: item.documentName, reason: item.reason })),
      contact: { unit: agency.name },
      officer: {},
    });
  }

  async refusal(actor: Actor, id: string): Promise<Buffer> {
    const { dossier, common, procedure } = await this.context(actor, id);
    if (!dossier.refusalReason) {
      throw new DomainError('forms.no-refusal', `Dossier ${dossier.code} was not refused (form 03)`, 'precondition');
    }
    return renderRefusalForm({
      ...common,
      applicant: this.applicant(dossier),
      procedure: { name: procedure.name, code: procedure.code },
      // Form 03 is the desk's refusal at reception (only intake refusals carry a reason): dated at the reception, on
      // the service clock — not the row's last database update (real time, and moved by any later change).
      refusedAt: new Date(dossier.receivedAt),
      reason: dossier.refusalReason,
      officer: {},
    });
  }

  private applicant(dossier: DossierEntity) {
    return {
      name: dossier.applicant.name,
      address: dossier.applicant.address,
      phone: dossier.applicant.phone,
      email: dossier.applicant.email ?? undefined,
    };
  }

  private async context(actor: Actor, id: string) {
    const dossier = await this.dossiers.load(actor, id);
    const manager = this.dataSource.manager;
    const agencies = new AgencyRepository(manager);
    const agency = await agencies.findById(dossier.receivingAgencyId);
    const procedure = await new ProcedureRepository(manager).findById(dossier.procedureId);
    if (!agency || !procedure)
      throw new DomainError(
        'forms.incomplete-data',
        `Dossier ${dossier.code} lacks its agency or procedure`,
        'precondition',
      );
    const parent = agency.parentId ? await agencies.findById(agency.parentId) : null;
    const common = {
      dossierCode: dossier.code,
      agencyName: `BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ ${agency.name.toUpperCase()}`,
      parentAgencyName: parent?.name.toUpperCase(),
      lookupUrl: this.config.PUBLIC_BASE_URL
        ? `${this.config.PUBLIC_BASE_URL}/lookup?code=${encodeURIComponent(dossier.code)}`
        : undefined,
      formSet: getRuleSet(dossier.ruleSetId).formSetVersion,
    };
    return { dossier, agency, procedure, common };
  }
}
