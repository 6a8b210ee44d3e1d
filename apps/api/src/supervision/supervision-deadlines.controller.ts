import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { LateCasePageDto, LateListQueryDto } from './dto/late-list-query.dto';
import { SupervisionDeadlinesUseCase } from './supervision-deadlines.use-case';

@ApiTags('supervision')
@ApiBearerAuth()
@Roles('supervisor')
@Controller()
export class SupervisionDeadlinesController {
  constructor(private readonly deadlines: SupervisionDeadlinesUseCase) {}

  @Get('supervision/late-dossiers')
  @ApiOperation({ summary: 'Late open dossiers in the subtree, most late first ("late without apology" flagged)' })
  @ApiOkResponse({ type: LateCasePageDto })
  late(@CurrentActor() actor: Actor, @Query() query: LateListQueryDto): Promise<LateCasePageDto> {
    return this.deadlines.list(actor, query, 'late');
  }

  @Get('supervision/near-due-dossiers')
  @ApiOperation({ summary: 'Open dossiers due within `withinHours` (default 24), soonest first' })
  @ApiOkResponse({ type: LateCasePageDto })
  nearDue(@CurrentActor() actor: Actor, @Query() query: LateListQueryDto): Promise<LateCasePageDto> {
    return this.deadlines.list(actor, query, 'near-due');
  }

  @Get('supervision/agency-deadline-counts')
  @ApiOperation({
    summary:
      'Per agency in the subtree: dossiers it received (open, past appointment) and lateness charged to it ' +
      '(dossier overdues attributed to its step, its steps overrunning now)',
  })
  counts(@CurrentActor() actor: Actor) {
    return this.deadlines.agencyCounts(actor);
  }
}
