import { Module } from '@nestjs/common';
import { DossierFactsUseCase } from '../reports/dossier-facts.use-case';
import { ReportsController } from '../reports/reports.controller';
import { ResolutionReportUseCase } from '../reports/resolution-report.use-case';
import { IndicatorScopeResolver } from './indicator-scope';
import { IndicatorsController } from './indicators.controller';
import { IndicatorsUseCase } from './indicators.use-case';

/** Issue 15: indicators, the periodic resolution report and the dossier facts, read from the projections. */
@Module({
  controllers: [IndicatorsController, ReportsController],
  providers: [IndicatorScopeResolver, IndicatorsUseCase, ResolutionReportUseCase, DossierFactsUseCase],
})
export class IndicatorsModule {}
