import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierFactsQueryDto } from './dto/dossier-facts-query.dto';
import { ResolutionReportQueryDto } from './dto/resolution-report-query.dto';
import { DossierFactsPage, DossierFactsUseCase } from './dossier-facts.use-case';
import { resolutionReportCsv, resolutionReportWorkbook } from './report-export';
import { ResolutionReport, ResolutionReportUseCase } from './resolution-report.use-case';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CSV = 'text/csv; charset=utf-8';

function download(response: Response, type: string, name: string, body: Buffer | string): StreamableFile {
  response.setHeader('Content-Type', type);
  response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  response.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(typeof body === 'string' ? Buffer.from(body, 'utf8') : body);
}

@ApiTags('reports')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@ApiBadRequestResponse({ description: 'Invalid period, group, format or filter' })
@ApiNotFoundResponse({ description: 'Agency outside your scope' })
@Roles('supervisor', 'agency_lead', 'admin')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly resolution: ResolutionReportUseCase,
    private readonly facts: DossierFactsUseCase,
  ) {}

  @Get('resolution')
  @ApiProduces('application/json', CSV, XLSX)
  @ApiOperation({
    summary:
      'Periodic report "Tình hình, kết quả giải quyết TTHC" by field, procedure or agency: received (total / online / ' +
      'in person + postal / carried over), resolved (early / on time / late), withdrawn, in progress (within time / overdue)',
  })
  @ApiOkResponse({ description: 'JSON rows and total, or a CSV / XLSX file with Vietnamese headers' })
  async resolutionReport(
    @CurrentActor() actor: Actor,
    @Query() query: ResolutionReportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ResolutionReport | StreamableFile> {
    const report = await this.resolution.report(actor, query);
    const name = `bao-cao-giai-quyet-tthc-${report.from}-${report.to}`;
    if (query.format === 'csv') return download(response, CSV, `${name}.csv`, resolutionReportCsv(report));
    if (query.format === 'xlsx')
      return download(response, XLSX, `${name}.xlsx`, await resolutionReportWorkbook(report));
    return report;
  }

  @Get('dossier-facts')
  @ApiProduces('application/json', CSV)
  @ApiOperation({
    summary:
      'The facts behind each number: one row per dossier counted in the period (code, procedure, agency, channel, ' +
      'received, appointments, end and how, supplements, payment, hand-overs, digitized, reuse, rating)',
  })
  @ApiOkResponse({ description: 'JSON page { items, total, page, pageSize } or the whole period as CSV' })
  async dossierFacts(
    @CurrentActor() actor: Actor,
    @Query() query: DossierFactsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<DossierFactsPage | StreamableFile> {
    if (query.format === 'csv') {
      return download(response, CSV, `du-lieu-ho-so-${query.from}-${query.to}.csv`, await this.facts.csv(actor, query));
    }
    return this.facts.page(actor, query);
  }
}
