import { Inject, Injectable } from '@nestjs/common';
import { computeClockState, DomainError, getRuleSet } from '@motcua/domain';
import { CalendarRepository, listArmedClocks, listDeadlineTimers, loadClockEntries } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { LateListQueryDto } from './dto/late-list-query.dto';

const OPEN_STATUSES_SQL = `('received', 'processing', 'awaiting-supplement', 'awaiting-payment')`;

export interface LateCase {
  dossierId: string;
  code: string;
  status: string;
  channel: string;
  procedureId: string;
  procedureCode: string;
  field: string;
  receivingAgencyId: string;
  receivedAt: string;
  appointmentAt: string;
  lateByMinutes: number;
  lateAgencyId: string | null;
  apologyIssued: boolean;
  /** Late (or due soon) and no apology (form 04) was issued: flagged for supervisors. */
  lateWithoutApology: boolean;
}

/** Supervisor views over deadlines, scoped to the supervisor's agency subtree (agency.path prefix). */
@Injectable()
export class SupervisionDeadlinesUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  private async scopePath(actor: Actor, agencyId?: string): Promise<string> {
    if (!agencyId) return actor.agencyPath;
    const rows: Array<{ path: string }> = await this.dataSource.query(
      `SELECT path FROM agency WHERE id = $1 AND path LIKE $2 || '%'`,
      [agencyId, actor.agencyPath],
    );
    if (!rows[0]) throw new DomainError('agency.not-found', `Agency ${agencyId} not found`, 'not-found');
    return rows[0].path;
  }

  /**
   * Late (kind 'late') or near-due (kind 'near-due') open dossiers, most late / soonest first, paginated.
   *
   * Scope choice (issue 6): the list is filtered by the *receiving* agency's subtree, not by the agency whose step
   * overran. The receiving desk owns the appointment, sends the apology (form 04) and answers the applicant, so a
   * supervisor sees every late dossier their desks promised, including those late elsewhere; each item carries
   * `lateAgencyId` (the agency whose step overran, from the overdue timer) so the fault is visible. Filtering by the
   * overrunning agency instead would hide dossiers that are late but whose overdue timer has not fired yet, and an
   * OR of both scopes defeats the `dossier_open_appointment_idx` plan (see bench/reports/late-list.md). Per-agency
   * lateness of steps is answered by the step clocks (`deadline_clock` rows with subject 'step') and the control slip.
   */
  // Linked sub-dossiers (parent_dossier_id set) are left out here and in agencyCounts: the parent is the citizen's one
  // dossier, counted once (libs/persistence/src/workflow/README.md, "Statistics").
  async list(
    actor: Actor,
    query: LateListQueryDto,
    kind: 'late' | 'near-due',
  ): Promise<{ items: LateCase[]; limit: number; offset: number }> {
    const now = this.clock.now();
    const path = await this.scopePath(actor, query.agencyId);
    const limit = query.limit ?? 50;
    const offset = query.offset ?? 0;
    const parameters: unknown[] = [now, path, limit, offset];
    const filters: string[] = [];
    const add = (sql: string, value: unknown) => {
      parameters.push(value);
      filters.push(sql.replace('?', `$${parameters.length}`));
    };
    if (kind === 'late') filters.push(`d.appointment_at < $1`);
    else
      add(
        `d.appointment_at >= $1 AND d.appointment_at < $1 + (? || ' hours')::interval`,
        String(query.withinHours ?? 24),
      );
    if (query.procedureId) add(`d.procedure_id = ?`, query.procedureId);
    if (query.field) add(`p.field = ?`, query.field);
    if (query.channel) add(`d.channel = ?`, query.channel);
    if (query.minAgeDays !== undefined) add(`d.received_at <= $1 - (? || ' days')::interval`, String(query.minAgeDays));
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id, d.code, d.status, d.channel, d.procedure_id, p.code AS procedure_code, p.field, d.receiving_agency_id,
              d.received_at, d.appointment_at, c.late_agency_id,
              EXISTS (SELECT 1 FROM dossier_apology ap WHERE ap.dossier_id = d.id) AS apology_issued
       FROM dossier d
       JOIN agency a ON a.id = d.receiving_agency_id
       JOIN procedure p ON p.id = d.procedure_id
       LEFT JOIN deadline_clock c ON c.subject_type = 'dossier' AND c.subject_id = d.id
       WHERE d.status IN ${OPEN_STATUSES_SQL} AND d.appointment_at IS NOT NULL AND d.parent_dossier_id IS NULL
         AND a.path LIKE $2 || '%' AND ${filters.join(' AND ')}
       ORDER BY d.appointment_at ASC, d.id ASC
       LIMIT $3 OFFSET $4`,
      parameters,
    );
    return {
      limit,
      offset,
      items: rows.map((row) => {
        const appointment = new Date(row.appointment_at as Date);
        const apologyIssued = Boolean(row.apology_issued);
        return {
          dossierId: row.id as string,
          code: row.code as string,
          status: row.status as string,
          channel: row.channel as string,
          procedureId: row.procedure_id as string,
          procedureCode: row.procedure_code as string,
          field: row.field as string,
          receivingAgencyId: row.receiving_agency_id as string,
          receivedAt: new Date(row.received_at as Date).toISOString(),
          appointmentAt: appointment.toISOString(),
          lateByMinutes: Math.round((now.getTime() - appointment.getTime()) / 60000),
          lateAgencyId: (row.late_agency_id as string | null) ?? null,
          apologyIssued,
          lateWithoutApology: kind === 'late' && !apologyIssued,
        };
      }),
    };
  }

  /** Per-agency backlog (open dossiers) and late counts in the supervisor's subtree. */
  async agencyCounts(
    actor: Actor,
  ): Promise<Array<{ agencyId: string; name: string; open: number; late: number; lateWithoutApology: number }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.id, a.name, count(d.id)::int AS open,
              count(d.id) FILTER (WHERE d.appointment_at < $1)::int AS late,
              count(d.id) FILTER (WHERE d.appointment_at < $1 AND NOT EXISTS (SELECT 1 FROM dossier_apology ap WHERE ap.dossier_id = d.id))::int AS late_without_apology
       FROM agency a JOIN dossier d ON d.receiving_agency_id = a.id AND d.status IN ${OPEN_STATUSES_SQL} AND d.parent_dossier_id IS NULL
       WHERE a.path LIKE $2 || '%' GROUP BY a.id, a.name ORDER BY late DESC, open DESC`,
      [this.clock.now(), actor.agencyPath],
    );
    return rows.map((row) => ({
      agencyId: row.id as string,
      name: row.name as string,
      open: Number(row.open),
      late: Number(row.late),
      lateWithoutApology: Number(row.late_without_apology),
    }));
  }

  /** A dossier's clock: the ledger, the computed state now, the armed clocks and their timers. */
  async clockHistory(actor: Actor, dossierId: string): Promise<Record<string, unknown>> {
    const manager = this.dataSource.manager;
    const rows: Array<{ id: string; legal_time_minutes: number; rule_set_id: string }> = await manager.query(
      `SELECT d.id, d.legal_time_minutes, d.rule_set_id FROM dossier d JOIN agency a ON a.id = d.receiving_agency_id
       WHERE d.id = $1 AND a.path LIKE $2 || '%'`,
      [dossierId, actor.agencyPath],
    );
    if (!rows[0]) throw new DomainError('dossier.not-found', `Dossier ${dossierId} not found`, 'not-found');
    const calendar = await new CalendarRepository(manager).loadCalendar();
    const entries = await loadClockEntries(manager, dossierId);
    const state = computeClockState(entries, {
      budgetMinutes: Number(rows[0].legal_time_minutes),
      calendar,
      supplementClock: getRuleSet(rows[0].rule_set_id).supplementClock,
      now: this.clock.now(),
    });
    return {
      dossierId,
      ledger: entries,
      state,
      armedClocks: await listArmedClocks(manager, dossierId),
      timers: await listDeadlineTimers(manager, dossierId),
    };
  }
}
