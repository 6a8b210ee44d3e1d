import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { DossierClockUseCase } from './dossier-clock.use-case';
import { TimelinePageDto, TimelineQueryDto } from './dto/timeline.dto';

/** Every role that can see a dossier can read its clock and its timeline (scope: `assertDossierVisible`). */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@ApiNotFoundResponse({ description: 'No such dossier in your scope' })
@Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
@Controller('dossiers')
export class DossierClockController {
  constructor(private readonly clocks: DossierClockUseCase) {}

  @Get(':id/clock')
  @ApiOperation({ summary: 'Clock ledger history, computed state, armed deadlines and timers of a dossier' })
  @ApiOkResponse({ description: 'ledger, state, armedClocks, timers' })
  clock(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.clocks.clockHistory(actor, id);
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: "The dossier's events in order (audit trail), paginated" })
  @ApiOkResponse({ type: TimelinePageDto })
  timeline(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TimelineQueryDto,
  ): Promise<TimelinePageDto> {
    return this.clocks.timeline(actor, id, query);
  }
}
