import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { AssignStepDto } from './dto/assign-step.dto';
import { BulkReassignDto } from './dto/bulk-reassign.dto';
import { ClaimStepDto } from './dto/claim-step.dto';
import { CompleteStepDto } from './dto/complete-step.dto';
import { ListInboxQueryDto } from './dto/list-inbox-query.dto';
import { BulkReassignResultDto, InboxPageDto, StepTaskResponseDto } from './dto/step-task-response.dto';
import { InboxUseCase } from './inbox.use-case';

@ApiTags('inbox')
@Controller('inbox/steps')
export class InboxController {
  constructor(private readonly inbox: InboxUseCase) {}

  @Get()
  @Roles('agency_officer', 'agency_lead', 'desk_officer')
  @ApiOperation({ summary: "My agency's open steps by deadline (keyset pagination)" })
  @ApiOkResponse({ type: InboxPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListInboxQueryDto): Promise<InboxPageDto> {
    return this.inbox.list(actor, query);
  }

  @Post('bulk-reassign')
  @HttpCode(200)
  @Roles('agency_lead')
  @ApiOperation({ summary: 'Reassign many steps to one officer (same checks as a single assignment, one result each)' })
  @ApiOkResponse({ type: BulkReassignResultDto, isArray: true })
  bulkReassign(@CurrentActor() actor: Actor, @Body() body: BulkReassignDto): Promise<BulkReassignResultDto[]> {
    return this.inbox.bulkReassign(actor, body.stepTaskIds, body.userId);
  }

  @Get(':id')
  @Roles('agency_officer', 'agency_lead', 'desk_officer')
  @ApiOkResponse({ type: StepTaskResponseDto })
  @ApiOperation({ summary: 'One step of your agency' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string): Promise<StepTaskResponseDto> {
    return this.inbox.get(actor, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_lead', 'desk_officer')
  @ApiOkResponse({ type: StepTaskResponseDto })
  @ApiOperation({ summary: 'Take a step to work on it; 409 if someone else holds it or the version is stale' })
  claim(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ClaimStepDto,
  ): Promise<StepTaskResponseDto> {
    return this.inbox.claim(actor, id, body.version);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @Roles('agency_lead')
  @ApiOkResponse({ type: StepTaskResponseDto })
  @ApiOperation({ summary: 'Assign a step to an active officer of its agency' })
  assign(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AssignStepDto,
  ): Promise<StepTaskResponseDto> {
    return this.inbox.assign(actor, id, body.userId, body.version);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Roles('agency_officer', 'agency_lead', 'desk_officer')
  @ApiOperation({
    summary:
      'Complete with an outcome (approve / return / request-supplement / refuse / forward); 409 if someone else won',
  })
  @ApiOkResponse({ type: StepTaskResponseDto })
  complete(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteStepDto,
  ): Promise<StepTaskResponseDto> {
    return this.inbox.complete(actor, id, body);
  }
}
