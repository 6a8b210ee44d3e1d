import { Body, Controller, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '../identity/access.decorator';
import { CitizenStatusUseCase } from './citizen-status.use-case';
import { ComplaintUseCase } from './complaint.use-case';
import { ComplaintReceiptDto, SubmitComplaintDto } from './dto/complaint.dto';
import { CitizenStatusDto } from './dto/citizen-status.dto';
import { CitizenPaymentDto } from '../payment/dto/citizen-payment.dto';
import { CitizenRatingDto, RatingResponseDto } from './dto/rating.dto';
import { RatingUseCase } from './rating.use-case';

/**
 * Citizens follow their dossier on the status page, rate the service and complain without an account (code + lookup
 * secret, or an agency); throttled.
 */
@ApiTags('public')
@Controller('public')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@ApiBadRequestResponse({ description: 'Invalid input (named field)' })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
export class CitizenFeedbackController {
  constructor(
    private readonly ratings: RatingUseCase,
    private readonly complaints: ComplaintUseCase,
    private readonly statuses: CitizenStatusUseCase,
  ) {}

  @Post('dossiers/:code/status-page')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The public status page: status in plain words, appointment, what is needed, timeline, actions (code + secret in the body)',
  })
  @ApiOkResponse({ type: CitizenStatusDto })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
  status(@Param('code') code: string, @Body() body: CitizenPaymentDto): Promise<CitizenStatusDto> {
    return this.statuses.view(code, body.secret);
  }

  @Post('dossiers/:code/rating')
  @HttpCode(201)
  @ApiOperation({ summary: 'Rate the service once the result was returned (once per dossier)' })
  @ApiCreatedResponse({ type: RatingResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
  @ApiConflictResponse({ description: 'Already rated' })
  @ApiUnprocessableEntityResponse({ description: 'The result has not been returned yet' })
  rate(@Param('code') code: string, @Body() body: CitizenRatingDto): Promise<RatingResponseDto> {
    return this.ratings.rateByLink(code, body);
  }

  @Post('complaints')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Send a complaint (phản ánh, kiến nghị) about a dossier (code + secret) or an agency; answered in working days',
  })
  @ApiCreatedResponse({ type: ComplaintReceiptDto })
  @ApiNotFoundResponse({ description: 'Unknown dossier/secret or agency' })
  complain(@Body() body: SubmitComplaintDto): Promise<ComplaintReceiptDto> {
    return this.complaints.submit(body);
  }
}
