import { Inject, Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  addCounterToRow,
  addOpenLevelsToRow,
  emptyReportRow,
  ResolutionReportRow,
  totalReportRow,
} from '@motcua/domain';
import { IndicatorGroupBy, openLevelsAt, sumIndicatorCounters } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { IndicatorScopeResolver } from '../indicators/indicator-scope';
import { ResolutionReportQueryDto } from './dto/resolution-report-query.dto';

export interface ResolutionReport {
  from: string;
  to: string;
  groupBy: IndicatorGroupBy;
  rows: ResolutionReportRow[];
  total: ResolutionReportRow;
}

/**
 * The periodic report "Tình hình, kết quả giải quyết TTHC": received (total / online / in person + postal / carried
 * over), resolved (total / early / on time / late by calendar date against the current appointment), withdrawn,
 * in progress at the period end (within time incl. waiting for supplement / overdue), one row per group.
 */
@Injectable()
export class ResolutionReportUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IndicatorScopeResolver) private readonly scopes: IndicatorScopeResolver,
  ) {}

  async report(actor: Actor, query: ResolutionReportQueryDto): Promise<ResolutionReport> {
    const period = this.scopes.period(query.from, query.to);
    const scope = await this.scopes.scope(actor, query);
    const groupBy = query.groupBy ?? 'field';
    const manager = this.dataSource.manager;
    const rows = new Map<string, ResolutionReportRow>();
    const row = (key: string) => {
      let found = rows.get(key);
      if (!found) rows.set(key, (found = emptyReportRow(key, key)));
      return found;
    };
    for (const sum of await sumIndicatorCounters(manager, period.fromDay, period.toDay, scope, groupBy)) {
      addCounterToRow(row(sum.groupKey), sum.metric, sum.channel, sum.value);
    }
    // Carried over: open at the end of the day before the period; in progress: where they stand at its end.
    for (const level of await openLevelsAt(manager, addCalendarDays(period.fromDay, -1), scope, groupBy)) {
      row(level.groupKey).received.carriedOver += level.open;
    }
    for (const level of await openLevelsAt(manager, period.toDay, scope, groupBy)) {
      addOpenLevelsToRow(row(level.groupKey), level.open, level.overdue);
    }
    const labels = await this.labels(groupBy, [...rows.keys()]);
    const sorted = [...rows.values()]
      .map((item) => ({ ...item, label: labels.get(item.key) ?? item.key }))
      .sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    return { from: period.fromDay, to: period.requestedToDay, groupBy, rows: sorted, total: totalReportRow(sorted) };
  }

  private async labels(groupBy: IndicatorGroupBy, keys: string[]): Promise<Map<string, string>> {
    if (groupBy === 'field' || keys.length === 0) return new Map(keys.map((key) => [key, key]));
    const rows: Array<{ id: string; label: string }> =
      groupBy === 'procedure'
        ? await this.dataSource.query(
            `SELECT id::text, code || ' ' || name AS label FROM procedure WHERE id = ANY($1::uuid[])`,
            [keys],
          )
        : await this.dataSource.query(`SELECT id::text, name AS label FROM agency WHERE id = ANY($1::uuid[])`, [keys]);
    return new Map(rows.map((item) => [item.id, item.label]));
  }
}
