import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { Public } from '../identity/access.decorator';
import { CitizenPaymentUseCase } from './citizen-payment.use-case';
import { CitizenPaymentDto } from './dto/citizen-payment.dto';
import { OnlinePaymentDto } from './dto/payment-response.dto';

/** Citizens pay the open fee of their dossier online, with the code and secret printed on the receipt. */
@ApiTags('public')
@Controller('public/dossiers')
@Public()
@UseGuards(ThrottlerGuard)
@SkipThrottle({ login: true })
@ApiNotFoundResponse({ description: 'Unknown code or wrong secret (indistinguishable)' })
@ApiTooManyRequestsResponse({ description: 'Too many requests from this address' })
export class CitizenPaymentController {
  constructor(private readonly payments: CitizenPaymentUseCase) {}

  @Post(':code/payments/vnpay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start paying the open fee online (VNPay): returns the gateway payment URL' })
  @ApiOkResponse({ type: OnlinePaymentDto })
  @ApiConflictResponse({ description: 'No open payment request, or it has expired' })
  start(
    @Param('code') code: string,
    @Body() body: CitizenPaymentDto,
    @Req() request: Request,
  ): Promise<OnlinePaymentDto> {
    return this.payments.startOnline(code, body.secret, request.ip ?? '127.0.0.1');
  }
}
