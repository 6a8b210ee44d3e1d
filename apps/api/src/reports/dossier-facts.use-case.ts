import { Inject, Injectable } from '@nestjs/common';
import { DomainError, DossierFacts } from '@motcua/domain';
import { listPeriodFacts } from '@motcua/persistence';
import { DataSource } from 'typeorm';
import type { Actor } from '../identity/access.decorator';
import { IndicatorScopeResolver } from '../indicators/indicator-scope';
import { DossierFactsQueryDto } from './dto/dossier-facts-query.dto';
import { DOSSIER_FACT_HEADERS, dossierFactCells, toCsv } from './report-export';

/** A CSV of more dossiers than this is refused (narrow the period or the scope, or page through the JSON). */
export const DOSSIER_FACTS_CSV_MAX_ROWS = 100_000;

export interface DossierFactsPage {
  items: DossierFacts[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * GET /reports/dossier-facts: one row per dossier counted in the period (received by its end, and open or adding to
 * a counter after its start) with every fact the indicators use, so anyone can recompute them independently.
 */
@Injectable()
export class DossierFactsUseCase {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(IndicatorScopeResolver) private readonly scopes: IndicatorScopeResolver,
  ) {}

  async page(actor: Actor, query: DossierFactsQueryDto): Promise<DossierFactsPage> {
    const period = this.scopes.period(query.from, query.to);
    const scope = await this.scopes.scope(actor, query);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const result = await listPeriodFacts(this.dataSource.manager, period.start, period.end, scope, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { ...result, page, pageSize };
  }

  async csv(actor: Actor, query: DossierFactsQueryDto): Promise<string> {
    const period = this.scopes.period(query.from, query.to);
    const scope = await this.scopes.scope(actor, query);
    const result = await listPeriodFacts(this.dataSource.manager, period.start, period.end, scope, {
      offset: 0,
      limit: DOSSIER_FACTS_CSV_MAX_ROWS + 1,
    });
    if (result.total > DOSSIER_FACTS_CSV_MAX_ROWS) {
      throw new DomainError(
        'reports.too-many-rows',
        `from/to: ${result.total} dossiers exceed the ${DOSSIER_FACTS_CSV_MAX_ROWS} rows of one CSV; narrow the period or page through format=json`,
        'invalid',
      );
    }
    return toCsv(DOSSIER_FACT_HEADERS, result.items.map(dossierFactCells));
  }
}
