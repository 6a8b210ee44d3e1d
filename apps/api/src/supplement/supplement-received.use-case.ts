import { Inject, Injectable } from '@nestjs/common';
import {
  clockResumeInstant,
  computeClockState,
  DomainError,
  effectiveSupplementClock,
  nextStatus,
} from '@motcua/domain';
import { CalendarRepository, DossierRepository, loadClockEntries } from '@motcua/persistence';
import { appendDossierEvent, ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { SupplementReceivedDto, SupplementReceivedResponseDto } from './dto/supplement-received.dto';
import { recordClockEntry } from '@motcua/application';

/**
 * The desk records that the applicant completed the dossier after an agency's supplement request (appraisal):
 * the dossier clock resumes (NĐ 61/2018: restart from zero, or shift, per the rule set's `supplementClock`), the
 * appointment follows, the deadline timers are re-armed with the resume, and a `supplement-received` event (naming the step that
 * asked) lets the workflow start that step again. Only the receiving agency's desk (404 for anyone else's dossier).
 */
@Injectable()
export class SupplementReceivedUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  async receive(actor: Actor, dossierId: string, dto: SupplementReceivedDto): Promise<SupplementReceivedResponseDto> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const dossiers = new DossierRepository(manager);
      const dossier = await dossiers.lockForReceivingAgency(dossierId, actor.agencyId);
      if (!dossier)
        throw new DomainError('dossier.not-found', `Dossier ${dossierId} not found`, 'not-found', { dossierId });
      if (dossier.status !== 'awaiting-supplement') {
        throw new DomainError(
          'supplement.not-requested',
          `Dossier ${dossier.code} is ${dossier.status}: no supplement requested after appraisal is awaited`,
          'conflict',
        );
      }
      const [request]: Array<{ payload: { stepId?: string; branchKey?: string; stepTaskId?: string | null } }> =
        await manager.query(
          `SELECT payload FROM dossier_event WHERE dossier_id = $1 AND type = 'supplement-requested' ORDER BY sequence DESC LIMIT 1`,
          [dossier.id],
        );
      if (!request?.payload.stepId) {
        throw new DomainError(
          'supplement.no-request',
          `Dossier ${dossier.code} has no supplement request from an agency step`,
          'precondition',
        );
      }
      const calendar = await new CalendarRepository(manager).loadCalendar();
      const entries = await loadClockEntries(manager, dossier.id);
      const last = entries[entries.length - 1];
      if (last?.type === 'pause') {
        // The resume re-arms the dossier's deadline timers in this transaction (the one arming path).
        await recordClockEntry(
          manager,
          {
            dossierId: dossier.id,
            type: 'resume',
            at: clockResumeInstant(entries, now),
            reason: 'supplement received',
            actorUserId: actor.userId,
          },
          now,
          { calendar },
        );
      }
      const supplementClock = effectiveSupplementClock(dossier.ruleSetId, dossier.supplementClock);
      const state = computeClockState(await loadClockEntries(manager, dossier.id), {
        budgetMinutes: dossier.legalTimeMinutes,
        calendar,
        supplementClock,
        now,
      });
      const status = nextStatus(dossier.status, 'supplement-received');
      const appointmentAt = state.deadline ?? dossier.appointmentAt;
      if (
        !(await dossiers.updateIfVersion(dossier.id, dossier.version, {
          status,
          ...(appointmentAt ? { appointmentAt } : {}),
        }))
      ) {
        throw new DomainError(
          'dossier.concurrent-update',
          'The dossier changed meanwhile; reload and retry',
          'conflict',
        );
      }
      await appendDossierEvent(manager, {
        dossierId: dossier.id,
        type: 'supplement-received',
        payload: {
          stepId: request.payload.stepId,
          ...(request.payload.branchKey ? { branchKey: request.payload.branchKey } : {}),
          requestedByStepTaskId: request.payload.stepTaskId ?? null,
          note: dto.note ?? null,
          supplementClock,
          previousAppointmentAt: dossier.appointmentAt ? new Date(dossier.appointmentAt).toISOString() : null,
          appointmentAt: appointmentAt ? new Date(appointmentAt).toISOString() : null,
        },
        actor: { userId: actor.userId, agencyId: actor.agencyId },
        occurredAt: now,
      });
      return {
        dossierId: dossier.id,
        status,
        appointmentAt: appointmentAt ? new Date(appointmentAt).toISOString() : null,
        stepId: request.payload.stepId,
      };
    });
  }
}
