import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@motcua/domain';
import { CalendarRepository } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { StepOverrunPageDto, StepOverrunQueryDto } from './dto/step-overrun.dto';

/**
 * A step's effective deadline in SQL: the step clock as armed (after pauses and extensions; none while paused), or
 * the step row's own deadline before its clock was armed.
 */
const STEP_DEADLINE_SQL = `CASE WHEN c.subject_id IS NULL THEN t.deadline_at
  WHEN c.clock_status = 'paused' THEN NULL ELSE coalesce(c.deadline_at, t.deadline_at) END`;

/**
 * Step overruns for supervisors, per agency whose step overran (NĐ 61/2018 Art. 19: lateness belongs to the agency
 * whose step overran; the control slip, form 05, records it per hand-over). Scope: the step's agency in the
 * supervisor's subtree, filtered in SQL; paginated.
 */
@Injectable()
export class StepOverrunsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  /** Open steps past their deadline now, most overdue first. */
  overrunningNow(actor: Actor, query: StepOverrunQueryDto): Promise<StepOverrunPageDto> {
    return this.page(actor, query, 'now');
  }

  /** Steps whose deadline passed in [from, to) and that ended after it or are still open, earliest first. */
  inPeriod(actor: Actor, query: StepOverrunQueryDto): Promise<StepOverrunPageDto> {
    if (!query.from) {
      throw new DomainError('supervision.period-required', 'Give the period start `from` (ISO 8601)', 'invalid');
    }
    return this.page(actor, query, 'period');
  }

  private async page(actor: Actor, query: StepOverrunQueryDto, mode: 'now' | 'period'): Promise<StepOverrunPageDto> {
    const now = this.clock.now();
    const path = await this.scopePath(actor, query.agencyId);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const parameters: unknown[] = [now, path];
    let condition: string;
    if (mode === 'now') {
      condition = `t.status IN ('open', 'claimed') AND s.deadline_at < $1`;
    } else {
      const from = new Date(query.from as string);
      const to = query.to ? new Date(query.to) : now;
      if (!(from.getTime() < to.getTime())) {
        throw new DomainError('supervision.invalid-period', 'The period start must be before its end', 'invalid', {
          from: from.toISOString(),
          to: to.toISOString(),
        });
      }
      parameters.push(from, to);
      condition = `s.deadline_at >= $3 AND s.deadline_at < $4 AND s.deadline_at < $1
        AND ((t.status = 'completed' AND t.completed_at > s.deadline_at) OR t.status IN ('open', 'claimed'))`;
    }
    const from = `FROM step_task t
      JOIN agency a ON a.id = t.agency_id
      JOIN dossier d ON d.id = t.dossier_id
      LEFT JOIN deadline_clock c ON c.subject_type = 'step' AND c.subject_id = t.id
      CROSS JOIN LATERAL (SELECT ${STEP_DEADLINE_SQL} AS deadline_at) s
      WHERE a.path LIKE $2 || '%' AND ${condition}`;
    const [{ total }]: Array<{ total: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      parameters,
    );
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT t.id, t.step_id, t.dossier_id, d.code, t.agency_id, a.name AS agency_name, t.started_at, s.deadline_at,
              t.completed_at, t.status
       ${from}
       ORDER BY s.deadline_at ASC, t.id ASC
       LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
      [...parameters, pageSize, (page - 1) * pageSize],
    );
    const calendar = await new CalendarRepository(this.dataSource.manager).loadCalendar();
    return {
      total,
      page,
      pageSize,
      items: rows.map((row) => {
        const deadline = new Date(row.deadline_at as Date);
        const open = row.status === 'open' || row.status === 'claimed';
        const end = open ? now : new Date(row.completed_at as Date);
        return {
          stepTaskId: row.id as string,
          stepId: row.step_id as string,
          dossierId: row.dossier_id as string,
          dossierCode: row.code as string,
          agencyId: row.agency_id as string,
          agencyName: row.agency_name as string,
          startedAt: new Date(row.started_at as Date).toISOString(),
          deadlineAt: deadline.toISOString(),
          completedAt: open ? null : end.toISOString(),
          open,
          overrunWorkingMinutes: Math.round(calendar.workingMinutesBetween(deadline, end)),
          overrunMinutes: Math.round((end.getTime() - deadline.getTime()) / 60_000),
        };
      }),
    };
  }

  private async scopePath(actor: Actor, agencyId?: string): Promise<string> {
    if (!agencyId) return actor.roles.includes('admin') ? '/' : actor.agencyPath;
    const rows: Array<{ path: string }> = await this.dataSource.query(
      `SELECT path FROM agency WHERE id = $1 AND path LIKE $2 || '%'`,
      [agencyId, actor.roles.includes('admin') ? '/' : actor.agencyPath],
    );
    if (!rows[0]) throw new DomainError('agency.not-found', `Agency ${agencyId} not found`, 'not-found');
    return rows[0].path;
  }
}
