import { Inject, Injectable } from '@nestjs/common';
import { addCalendarDays, DomainError, localDateAt, parseLocalDate } from '@motcua/domain';
import { indicatorPeriod, IndicatorPeriod, IndicatorScope } from '@motcua/persistence';
import { ClockService } from '@motcua/platform';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { isWithinScope, scopeOf } from '../identity/scope';

/** The longest period an indicator or report query may span (days). */
export const MAX_PERIOD_DAYS = 3 * 366;

export interface ScopeFilters {
  agencyId?: string;
  procedureId?: string;
  field?: string;
}

/** Resolves a query's period and the agencies it counts, inside the actor's scope (an agency outside it is 404). */
@Injectable()
export class IndicatorScopeResolver {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  /**
   * The period a query counts. A period that has not ended yet is evaluated up to today (service clock, Hà Nội date):
   * DOMAIN.md judges unfinished dossiers at the end of the period, and before that end comes the figures are those of
   * now — a dossier due next week is not overdue (nor late for QĐ 766) in this month's report today. Flows of later
   * days are empty anyway; `requestedToDay` is the `to` the caller asked for (echoed in the answer).
   */
  period(from: string, to: string): IndicatorPeriod & { requestedToDay: string } {
    const fromDay = from.slice(0, 10);
    const toDay = to.slice(0, 10);
    for (const [field, value] of [
      ['from', fromDay],
      ['to', toDay],
    ]) {
      try {
        parseLocalDate(value);
      } catch {
        throw new DomainError('indicators.invalid-date', `${field}: "${value}" is not a date YYYY-MM-DD`, 'invalid');
      }
    }
    if (toDay < fromDay) throw new DomainError('indicators.invalid-period', 'to: must not be before from', 'invalid');
    if (addCalendarDays(fromDay, MAX_PERIOD_DAYS) < toDay) {
      throw new DomainError(
        'indicators.period-too-long',
        `to: a period spans at most ${MAX_PERIOD_DAYS} days; ask for shorter periods`,
        'invalid',
      );
    }
    const today = localDateAt(this.clock.now());
    const evaluatedTo = fromDay <= today && today < toDay ? today : toDay;
    return { ...indicatorPeriod(fromDay, evaluatedTo), requestedToDay: toDay };
  }

  async scope(actor: Actor, filters: ScopeFilters): Promise<IndicatorScope> {
    let prefix: string | null = null;
    if (filters.agencyId) {
      const [agency]: Array<{ id: string; path: string }> = await this.dataSource.query(
        `SELECT id, path FROM agency WHERE id = $1`,
        [filters.agencyId],
      );
      if (!agency || !isWithinScope(actor, agency)) {
        throw new DomainError('agency.not-found', `Agency ${filters.agencyId} not found`, 'not-found');
      }
      prefix = agency.path;
    }
    const scope = scopeOf(actor);
    let agencyIds: string[] | null = null;
    if (prefix !== null) agencyIds = await this.subtree(prefix);
    else if (scope.kind === 'subtree') agencyIds = await this.subtree(scope.agencyPathPrefix);
    else if (scope.kind === 'agencies') agencyIds = scope.agencyIds;
    return { agencyIds, procedureId: filters.procedureId, field: filters.field };
  }

  /**
   * The agencies of a subtree, or null when it holds every agency (a province supervisor, the root agency): null reads
   * the roll-ups summed over every agency (`counterGrainFor`) instead of filtering the per-agency rows by a list of all
   * of them. Agencies are never deleted and every counter row's agency is an agency row, so both count the same.
   */
  private async subtree(prefix: string): Promise<string[] | null> {
    const [row]: Array<{ inside: string[] | null; outside: number }> = await this.dataSource.query(
      `SELECT array_agg(id::text) FILTER (WHERE path LIKE $1 || '%') AS inside,
              count(*) FILTER (WHERE path NOT LIKE $1 || '%')::int AS outside
       FROM agency`,
      [prefix.replace(/[\\%_]/g, (c) => `\\${c}`)],
    );
    if (row.outside === 0) return null;
    return row.inside ?? [];
  }
}
