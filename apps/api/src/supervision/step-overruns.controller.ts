import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { StepOverrunPageDto, StepOverrunQueryDto } from './dto/step-overrun.dto';
import { StepOverrunsUseCase } from './step-overruns.use-case';

@ApiTags('supervision')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed (supervisor, admin)' })
@Roles('supervisor', 'admin')
@Controller('supervision/step-overruns')
export class StepOverrunsController {
  constructor(private readonly overruns: StepOverrunsUseCase) {}

  @Get('now')
  @ApiOperation({
    summary: 'Steps overrunning now, per agency whose step overran (subtree), most overdue first, with durations',
  })
  @ApiOkResponse({ type: StepOverrunPageDto })
  @ApiBadRequestResponse({ description: 'Invalid query' })
  @ApiNotFoundResponse({ description: 'agencyId outside your subtree' })
  now(@CurrentActor() actor: Actor, @Query() query: StepOverrunQueryDto): Promise<StepOverrunPageDto> {
    return this.overruns.overrunningNow(actor, query);
  }

  @Get()
  @ApiOperation({
    summary: 'Step overruns whose deadline passed in a period [from, to), finished late or still open, with durations',
  })
  @ApiOkResponse({ type: StepOverrunPageDto })
  @ApiBadRequestResponse({ description: 'Invalid query or period (from is required)' })
  @ApiNotFoundResponse({ description: 'agencyId outside your subtree' })
  inPeriod(@CurrentActor() actor: Actor, @Query() query: StepOverrunQueryDto): Promise<StepOverrunPageDto> {
    return this.overruns.inPeriod(actor, query);
  }
}
