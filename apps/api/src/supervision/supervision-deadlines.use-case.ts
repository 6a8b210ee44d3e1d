import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { AgencyDeadlineCounts, countAgencyDeadlines, RUNNING_CLOCK_DOSSIER_STATUSES_SQL } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { decodeKeysetCursor, keysetPage } from '../common/pagination/keyset-cursor';
import { LateCaseDto, LateCasePageDto, LateListQueryDto } from './dto/late-list-query.dto';

// Late and near-due lists take the open dossiers whose clock runs towards the appointment
// (RUNNING_CLOCK_DOSSIER_STATUSES): one waiting for the applicant's supplement has its clock paused, its stored
// appointment is not in force, so it is listed as paused, never as late or near due.

/** Up to this many agencies in scope, the late / near-due list reads each agency's first page (see list()). */
const PER_AGENCY_SCAN_MAX_AGENCIES = 64;

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
  async list(actor: Actor, query: LateListQueryDto, kind: 'late' | 'near-due'): Promise<LateCasePageDto> {
    const now = this.clock.now();
    const path = await this.scopePath(actor, query.agencyId);
    const limit = query.limit;
    const parameters: unknown[] = [now, path, limit + 1];
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
    if (query.field)
      add(`EXISTS (SELECT 1 FROM procedure fp WHERE fp.id = d.procedure_id AND fp.field = ?)`, query.field);
    if (query.channel) add(`d.channel = ?`, query.channel);
    if (query.minAgeDays !== undefined) add(`d.received_at <= $1 - (? || ' days')::interval`, String(query.minAgeDays));
    if (query.cursor) {
      const after = decodeKeysetCursor(query.cursor);
      parameters.push(after.at, after.id);
      filters.push(`(d.appointment_at, d.id) > ($${parameters.length - 1}, $${parameters.length}::uuid)`);
    }
    const running = `d.status IN ${RUNNING_CLOCK_DOSSIER_STATUSES_SQL} AND d.appointment_at IS NOT NULL AND d.parent_dossier_id IS NULL
         AND ${filters.join(' AND ')}`;
    const [{ agencies }]: Array<{ agencies: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS agencies FROM agency WHERE path LIKE $1 || '%'`,
      [path],
    );
    // A scope of a few agencies reads each agency's first page from `dossier_running_agency_appointment_idx` (at most
    // limit + 1 rows per agency, whatever the history and the backlog; a commune with no late dossier reads none); a
    // wide one walks `dossier_open_appointment_idx` in appointment order, filtering agencies (its first late rows are
    // spread over the scope). Before, the planner walked every dossier ever due before now to fill a small scope's
    // page: 683 ms for a commune at 1M stored dossiers (bench/reports/supervisor-queries.md).
    const source =
      agencies <= PER_AGENCY_SCAN_MAX_AGENCIES
        ? `agency a CROSS JOIN LATERAL (
             SELECT d.* FROM dossier d WHERE d.receiving_agency_id = a.id AND ${running}
             ORDER BY d.appointment_at ASC, d.id ASC LIMIT $3) d`
        : `dossier d JOIN agency a ON a.id = d.receiving_agency_id AND ${running}`;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT d.id, d.code, d.status, d.channel, d.procedure_id, p.code AS procedure_code, p.field, d.receiving_agency_id,
              d.received_at, d.appointment_at, c.late_agency_id,
              EXISTS (SELECT 1 FROM dossier_apology ap WHERE ap.dossier_id = d.id) AS apology_issued
       FROM ${source}
       JOIN procedure p ON p.id = d.procedure_id
       LEFT JOIN deadline_clock c ON c.subject_type = 'dossier' AND c.subject_id = d.id
       WHERE a.path LIKE $2 || '%'
       ORDER BY d.appointment_at ASC, d.id ASC
       LIMIT $3`,
      parameters,
    );
    return keysetPage(
      rows,
      limit,
      (row) => ({ at: new Date(row.appointment_at as Date), id: row.id as string }),
      (row): LateCaseDto => {
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
      },
    );
  }

  /**
   * Per agency in the supervisor's subtree. As receiving desk: open dossiers it received, those past their
   * appointment, and those without an apology. Lateness charged to it (NĐ 61/2018 Art. 19: the agency whose step
   * overran): open dossiers whose overdue is attributed to it (`deadline_clock.late_agency_id`), and its own steps
   * overrunning now. An agency appears as soon as any count is non-zero (a land registry office without a desk too).
   * Read from the `supervision-counts` projection (issue 16): exact once its subscriber has caught up (lag on
   * GET /admin/subscribers), at a cost independent of the number of open dossiers.
   */
  agencyCounts(actor: Actor): Promise<AgencyDeadlineCounts[]> {
    return countAgencyDeadlines(this.dataSource.manager, actor.agencyPath, this.clock.now());
  }
}
