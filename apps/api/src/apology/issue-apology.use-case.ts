import { Inject, Injectable } from '@nestjs/common';
import {
  apologyTiming,
  checkNewAppointment,
  DomainError,
  DossierStatus,
  getRuleSet,
  isOpenDossierStatus,
  localDateAt,
} from '@motcua/domain';
import { renderApologyForm } from '@motcua/forms';
import {
  CalendarRepository,
  DossierApology,
  dossierRowLockClause,
  insertDossierApology,
  listDossierApologies,
  DossierRepository,
} from '@motcua/persistence';
import { recordClockEntry } from '@motcua/application';
import { appendDossierEvent } from '@motcua/platform';
import { writeOutbox } from '@motcua/platform';
import { ClockService } from '@motcua/platform';
import { NOTIFICATION_QUEUE, outboxJob } from '@motcua/queues';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { scopeOf } from '../identity/scope';
import { ApologyResponseDto } from './dto/apology-response.dto';
import { IssueApologyDto } from './dto/issue-apology.dto';

interface ResponsibleDossier {
  id: string;
  code: string;
  status: string;
  rule_set_id: string;
  appointment_at: Date | null;
  received_at: Date;
  applicant: { name: string; address?: string; phone?: string; email?: string | null };
  receiving_agency_id: string;
  receiving_agency_name: string;
  procedure_name: string;
  procedure_code: string;
  channel: string;
}

function notFound(id: string): DomainError {
  return new DomainError('dossier.not-found', `Dossier ${id} not found`, 'not-found', { dossierId: id });
}

/**
 * Apology and new appointment (form 04, NĐ 61/2018 Art. 19): the agency responsible issues it, due at least
 * `apologyLeadWorkingDays` working days before the current deadline (a later one, even after the deadline, is
 * accepted and marked with its timing), at most `maxApologiesPerDossier` times. It
 * extends the ledger (which re-arms the deadline timers), moves the appointment and tells the applicant and the desk.
 */
@Injectable()
export class IssueApologyUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async issue(actor: Actor, dossierId: string, dto: IssueApologyDto): Promise<ApologyResponseDto> {
    const now = this.clock.now();
    const apology = await this.dataSource.transaction(async (manager) => {
      const dossier = await this.loadResponsible(manager, actor, dossierId, true);
      const ruleSet = getRuleSet(dossier.rule_set_id);
      if (!isOpenDossierStatus(dossier.status as DossierStatus)) {
        throw new DomainError(
          'apology.dossier-closed',
          `Dossier ${dossier.code} is ${dossier.status}: an apology is only for a dossier still being processed`,
          'conflict',
        );
      }
      const previous = await listDossierApologies(manager, dossier.id);
      if (previous.length >= ruleSet.maxApologiesPerDossier) {
        const last = previous[previous.length - 1];
        throw new DomainError(
          'apology.limit-reached',
          `An apology was already issued on ${localDateAt(last.issuedAt)}; ${ruleSet.legalBasis[0]} allows the appointment to be moved ` +
            `${ruleSet.maxApologiesPerDossier === 1 ? 'once' : `${ruleSet.maxApologiesPerDossier} times`}`,
          'conflict',
          {
            issuedAt: last.issuedAt.toISOString(),
            ruleSetId: ruleSet.id,
            maxApologiesPerDossier: ruleSet.maxApologiesPerDossier,
          },
        );
      }
      if (!dossier.appointment_at) {
        throw new DomainError(
          'apology.no-appointment',
          `Dossier ${dossier.code} has no appointment to move`,
          'precondition',
        );
      }
      const deadline = new Date(dossier.appointment_at);
      const newAppointment = new Date(dto.newAppointmentAt);
      const calendar = await new CalendarRepository(manager).loadCalendar();
      checkNewAppointment(newAppointment, now, deadline, calendar);
      // NĐ 61/2018 Art. 19: the apology should reach the applicant at least 1 working day before the deadline. One
      // issued later (even after the deadline) is still owed to the applicant: it is recorded with its timing, and
      // an overdue that fired stays recorded (the dossier counts as late).
      const { timing } = apologyTiming(now, deadline, calendar, ruleSet.apologyLeadWorkingDays);
      const responsibleAgencyId = await this.checkResponsibleAgency(
        manager,
        dossier,
        dto.responsibleAgencyId ?? actor.agencyId,
      );
      const legalBasis = `${ruleSet.legalBasis[0]} Art. 19`;
      const created = await insertDossierApology(manager, {
        dossierId: dossier.id,
        issuedAt: now,
        reason: dto.reason,
        responsibleUnit: dto.responsibleUnit,
        responsibleAgencyId,
        originalAppointmentAt: deadline,
        newAppointmentAt: newAppointment,
        newAppointmentPlace: dto.newAppointmentPlace ?? 'Bộ phận Tiếp nhận và Trả kết quả',
        ruleSetId: ruleSet.id,
        issuedByUserId: actor.userId,
        timing,
      });
      // The extension re-arms the dossier's deadline timers in this transaction (the one arming path).
      await recordClockEntry(
        manager,
        {
          dossierId: dossier.id,
          type: 'extend',
          at: now,
          newDeadline: newAppointment,
          reason: `apology: ${dto.reason}`,
          legalBasis,
          actorUserId: actor.userId,
        },
        now,
        { calendar },
      );
      await new DossierRepository(manager).moveAppointment(dossier.id, newAppointment);
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'apology-issued',
        payload: {
          apologyId: created.id,
          reason: dto.reason,
          responsibleUnit: dto.responsibleUnit,
          responsibleAgencyId: created.responsibleAgencyId,
          originalAppointmentAt: deadline.toISOString(),
          newAppointmentAt: newAppointment.toISOString(),
          legalBasis,
          timing,
        },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      await writeOutbox(manager, [
        outboxJob(
          NOTIFICATION_QUEUE,
          'notify.v1',
          {
            kind: 'apology.issued',
            dossierId: dossier.id,
            recipients: [
              { role: 'applicant', agencyId: null },
              { role: 'desk', agencyId: dossier.receiving_agency_id },
            ],
            sourceKey: `apology-${created.id}`,
            details: { dossierCode: dossier.code, newAppointmentAt: newAppointment.toISOString(), reason: dto.reason },
          },
          { dedupeKey: `notify-apology-${created.id}` },
        ),
      ]);
      return created;
    });
    return ApologyResponseDto.from(apology);
  }

  /**
   * The unit responsible for the delay must be an agency that holds or held a step of the dossier, or its receiving
   * desk (NĐ 61/2018 Art. 19: lateness belongs to the agency whose step overran): unknown id → 404, another agency
   * → 400.
   */
  private async checkResponsibleAgency(
    manager: EntityManager,
    dossier: ResponsibleDossier,
    agencyId: string,
  ): Promise<string> {
    const rows: Array<{ involved: boolean }> = await manager.query(
      `SELECT (a.id = $2 OR EXISTS (SELECT 1 FROM step_task s WHERE s.dossier_id = $3 AND s.agency_id = a.id)) AS involved
       FROM agency a WHERE a.id = $1`,
      [agencyId, dossier.receiving_agency_id, dossier.id],
    );
    if (!rows[0]) {
      throw new DomainError('agency.not-found', `Agency ${agencyId} not found`, 'not-found', { agencyId });
    }
    if (!rows[0].involved) {
      throw new DomainError(
        'apology.responsible-agency-not-involved',
        `Agency ${agencyId} neither received dossier ${dossier.code} nor holds or held a step of it; the responsible ` +
          `unit must be one of those agencies`,
        'invalid',
        { agencyId },
      );
    }
    return agencyId;
  }

  async list(actor: Actor, dossierId: string): Promise<ApologyResponseDto[]> {
    const dossier = await this.loadResponsible(this.dataSource.manager, actor, dossierId, false);
    return (await listDossierApologies(this.dataSource.manager, dossier.id)).map(ApologyResponseDto.from);
  }

  /** Form 04 of the dossier's (latest) apology as PDF. */
  async form(actor: Actor, dossierId: string): Promise<Buffer> {
    const manager = this.dataSource.manager;
    const dossier = await this.loadResponsible(manager, actor, dossierId, false);
    const apologies = await listDossierApologies(manager, dossier.id);
    const apology: DossierApology | undefined = apologies[apologies.length - 1];
    if (!apology)
      throw new DomainError('forms.no-apology', `Dossier ${dossier.code} has no apology (form 04)`, 'precondition');
    return renderApologyForm({
      dossierCode: dossier.code,
      agencyName: dossier.receiving_agency_name.toUpperCase(),
      formSet: getRuleSet(dossier.rule_set_id).formSetVersion,
      applicant: { name: dossier.applicant.name, address: dossier.applicant.address, phone: dossier.applicant.phone },
      procedure: { name: dossier.procedure_name, code: dossier.procedure_code },
      receivedAt: new Date(dossier.received_at),
      receivingAgencyName: dossier.receiving_agency_name,
      originalAppointmentAt: apology.originalAppointmentAt,
      reason: apology.reason,
      responsibleUnitName: apology.responsibleUnit,
      newAppointmentAt: apology.newAppointmentAt,
      newAppointmentPlace: apology.newAppointmentPlace,
      head: {},
      apologisedAt: apology.issuedAt,
    });
  }

  /**
   * The dossier, if it is inside the actor's scope (apps/api/src/identity/scope.ts): received by an agency in
   * scope, or with a step at an agency in scope (the agency whose step may overrun is the one that apologises).
   * Officers and leads: their own agency; supervisors: their subtree. Anything else is 404, checked before any
   * other rule (closed, already apologised, too late), so a foreign dossier's existence or state never leaks.
   * The procedure's nominal handling agency is deliberately not a way in: a dossier received and routed elsewhere
   * is not that agency's business.
   */
  private async loadResponsible(
    manager: EntityManager,
    actor: Actor,
    dossierId: string,
    lock: boolean,
  ): Promise<ResponsibleDossier> {
    if (!/^[0-9a-f-]{36}$/i.test(dossierId)) throw notFound(dossierId);
    const scope = scopeOf(actor);
    const inScope = (column: string): string => {
      switch (scope.kind) {
        case 'all':
          return 'TRUE';
        case 'subtree':
          return `${column} IN (SELECT scope_agency.id FROM agency scope_agency WHERE scope_agency.path LIKE $2 || '%')`;
        case 'agencies':
          return `${column} = ANY($2::uuid[])`;
      }
    };
    const scopeParameter =
      scope.kind === 'subtree' ? scope.agencyPathPrefix : scope.kind === 'agencies' ? scope.agencyIds : null;
    const rows: ResponsibleDossier[] = await manager.query(
      `SELECT d.id, d.code, d.status, d.rule_set_id, d.appointment_at, d.received_at, d.applicant, d.channel,
              d.receiving_agency_id, ra.name AS receiving_agency_name, p.name AS procedure_name, p.code AS procedure_code
       FROM dossier d JOIN agency ra ON ra.id = d.receiving_agency_id JOIN procedure p ON p.id = d.procedure_id
       WHERE d.id = $1 AND (
         ${inScope('d.receiving_agency_id')}
         OR EXISTS (SELECT 1 FROM step_task s WHERE s.dossier_id = d.id AND ${inScope('s.agency_id')}))
       ${lock ? dossierRowLockClause('d') : ''}`,
      scopeParameter === null ? [dossierId] : [dossierId, scopeParameter],
    );
    if (!rows[0]) throw notFound(dossierId);
    return rows[0];
  }
}
