import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { ReconciliationReportDto, ReconciliationReportQueryDto } from './dto/reconciliation-report.dto';
import { ReconciliationReportUseCase } from './reconciliation-report.use-case';

@ApiTags('payments')
@ApiBearerAuth()
@Controller('payments')
export class ReconciliationReportController {
  constructor(private readonly reports: ReconciliationReportUseCase) {}

  @Get('reconciliation-report')
  @Roles('desk_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Daily payment reconciliation per agency: expected vs settled (desk/online), late, refunds',
  })
  @ApiOkResponse({ type: ReconciliationReportDto })
  report(@CurrentActor() actor: Actor, @Query() query: ReconciliationReportQueryDto): Promise<ReconciliationReportDto> {
    return this.reports.report(actor, query.date);
  }
}
