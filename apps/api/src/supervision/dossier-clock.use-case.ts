import { Inject, Injectable } from '@nestjs/common';
import { computeClockState, effectiveSupplementClock } from '@motcua/domain';
import type { SupplementClockMode } from '@motcua/domain';
import {
  CalendarRepository,
  DeadlineClockRepository,
  DeadlineTimerRepository,
  loadClockEntries,
} from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { assertDossierVisible } from './dossier-visibility';
import { TimelinePageDto, TimelineQueryDto } from './dto/timeline.dto';

/** Payload keys never shown on the timeline (secrets, their hashes, tokens). */
const HIDDEN_PAYLOAD_KEY = /secret|hash|token|password|fingerprint/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !HIDDEN_PAYLOAD_KEY.test(key))
        .map(([key, inner]) => [key, redact(inner)]),
    );
  }
  return value;
}

/** A dossier's clock and timeline, for every role that can see the dossier (scope: see `assertDossierVisible`). */
@Injectable()
export class DossierClockUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  /** The ledger, the computed state now, the armed clocks (dossier and steps) and their timers. */
  async clockHistory(actor: Actor, dossierId: string): Promise<Record<string, unknown>> {
    const manager = this.dataSource.manager;
    await assertDossierVisible(manager, actor, dossierId);
    const [dossier]: Array<{
      legal_time_minutes: number;
      rule_set_id: string;
      supplement_clock: SupplementClockMode | null;
    }> = await manager.query(`SELECT legal_time_minutes, rule_set_id, supplement_clock FROM dossier WHERE id = $1`, [
      dossierId,
    ]);
    const calendar = await new CalendarRepository(manager).loadCalendar();
    const entries = await loadClockEntries(manager, dossierId);
    const state = computeClockState(entries, {
      budgetMinutes: Number(dossier.legal_time_minutes),
      calendar,
      supplementClock: effectiveSupplementClock(dossier.rule_set_id, dossier.supplement_clock),
      now: this.clock.now(),
    });
    return {
      dossierId,
      ledger: entries,
      state,
      armedClocks: await new DeadlineClockRepository(manager).listOfDossier(dossierId),
      timers: await new DeadlineTimerRepository(manager).listOfDossier(dossierId),
    };
  }

  /** The dossier's events in order (the audit trail), paginated; secret-bearing payload keys left out. */
  async timeline(actor: Actor, dossierId: string, query: TimelineQueryDto): Promise<TimelinePageDto> {
    const manager = this.dataSource.manager;
    await assertDossierVisible(manager, actor, dossierId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const [{ total }]: Array<{ total: number }> = await manager.query(
      `SELECT count(*)::int AS total FROM dossier_event WHERE dossier_id = $1`,
      [dossierId],
    );
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT sequence, type, occurred_at, actor_user_id, actor_agency_id, payload FROM dossier_event
       WHERE dossier_id = $1 ORDER BY sequence LIMIT $2 OFFSET $3`,
      [dossierId, pageSize, (page - 1) * pageSize],
    );
    return {
      total,
      page,
      pageSize,
      items: rows.map((row) => ({
        sequence: Number(row.sequence),
        type: row.type as string,
        occurredAt: new Date(row.occurred_at as Date).toISOString(),
        actorUserId: (row.actor_user_id as string | null) ?? null,
        actorAgencyId: (row.actor_agency_id as string | null) ?? null,
        payload: redact(row.payload) as Record<string, unknown>,
      })),
    };
  }
}
