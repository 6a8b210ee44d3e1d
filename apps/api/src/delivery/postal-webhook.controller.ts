import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../identity/access.decorator';
import { PostalWebhookUseCase, WebhookOutcome } from './postal-webhook.use-case';

/** Carrier status webhooks: public, authenticated by the carrier's HMAC signature over the raw body. */
@ApiTags('webhooks')
@Controller('webhooks/postal')
@Public()
export class PostalWebhookController {
  constructor(private readonly webhooks: PostalWebhookUseCase) {}

  @Post(':carrier')
  @HttpCode(200)
  @ApiOperation({ summary: 'Shipment status from the postal carrier (signed; redeliveries are no-ops)' })
  @ApiOkResponse({ description: 'Recorded (or already recorded)' })
  @ApiUnauthorizedResponse({ description: 'Missing, stale or wrong signature' })
  @ApiNotFoundResponse({ description: 'Unknown carrier or tracking number' })
  receive(@Param('carrier') carrier: string, @Req() request: Request & { rawBody?: Buffer }): Promise<WebhookOutcome> {
    return this.webhooks.receive(carrier, request.rawBody, request.headers);
  }
}
