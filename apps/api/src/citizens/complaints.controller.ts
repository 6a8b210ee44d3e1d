import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '../identity/access.decorator';
import { ComplaintUseCase } from './complaint.use-case';
import { AnswerComplaintDto, ComplaintDto, ComplaintListQueryDto, ComplaintPageDto } from './dto/complaint.dto';
import { DeskRatingDto, RatingResponseDto } from './dto/rating.dto';
import { RatingUseCase } from './rating.use-case';

@ApiTags('citizen feedback')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No or invalid token' })
@ApiForbiddenResponse({ description: 'Role not allowed' })
@Controller()
export class ComplaintsController {
  constructor(
    private readonly complaints: ComplaintUseCase,
    private readonly ratings: RatingUseCase,
  ) {}

  @Get('complaints')
  @Roles('desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin')
  @ApiOperation({ summary: "Complaints assigned to your agency (supervisors: your subtree's), oldest due first" })
  @ApiOkResponse({ type: ComplaintPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ComplaintListQueryDto): Promise<ComplaintPageDto> {
    return this.complaints.list(actor, query, false);
  }

  @Get('complaints/late')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'Late complaints of your subtree: unanswered past their due instant, or answered after it' })
  @ApiOkResponse({ type: ComplaintPageDto })
  late(@CurrentActor() actor: Actor, @Query() query: ComplaintListQueryDto): Promise<ComplaintPageDto> {
    return this.complaints.list(actor, query, true);
  }

  @Post('complaints/:id/answer')
  @HttpCode(200)
  @Roles('desk_officer', 'agency_officer', 'agency_lead')
  @ApiOperation({ summary: 'Answer a complaint assigned to your agency (once)' })
  @ApiOkResponse({ type: ComplaintDto })
  @ApiNotFoundResponse({ description: 'Unknown, or assigned to another agency' })
  @ApiConflictResponse({ description: 'Already answered' })
  answer(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AnswerComplaintDto,
  ): Promise<ComplaintDto> {
    return this.complaints.answer(actor, id, body);
  }

  @Post('dossiers/:id/rating')
  @HttpCode(201)
  @Roles('desk_officer')
  @ApiOperation({ summary: "Record the applicant's satisfaction rating at the desk (once per dossier, after return)" })
  @ApiCreatedResponse({ type: RatingResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or outside your scope' })
  @ApiConflictResponse({ description: 'Already rated' })
  @ApiUnprocessableEntityResponse({ description: 'The result has not been returned yet' })
  rate(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeskRatingDto,
  ): Promise<RatingResponseDto> {
    return this.ratings.rateAtDesk(actor, id, body);
  }
}
