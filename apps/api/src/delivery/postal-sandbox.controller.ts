import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@motcua/domain';
import {
  PostalCarrier,
  SandboxPostalCarrier,
  SandboxShipment,
  SandboxShipmentNotFoundError,
  SignedWebhook,
} from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import type { Request } from 'express';
import { Roles } from '../identity/access.decorator';
import { SandboxEventDto } from './dto/sandbox-event.dto';
import { SandboxShipmentDto, SandboxShipmentPageDto, SandboxShipmentQueryDto } from './dto/sandbox-shipment.dto';
import { POSTAL_CARRIER } from './postal-carrier.provider';

export interface SandboxDelivery {
  webhook: SignedWebhook;
  /** What our webhook endpoint answered when the sandbox sent it over HTTP. */
  response: { status: number; body: unknown };
}

/**
 * The embedded sandbox carrier's own side (admin only, POSTAL_CARRIER=sandbox): a postal worker scans an item, the
 * sandbox records it and sends the signed webhook to this installation over HTTP, exactly as a carrier would.
 */
@ApiTags('postal sandbox')
@ApiBearerAuth()
@Controller('sandbox/postal/shipments')
@Roles('admin')
export class PostalSandboxController {
  constructor(
    @Inject(POSTAL_CARRIER) private readonly carrier: PostalCarrier,
    @Inject(ClockService) private readonly clock: ClockService,
  ) {}

  @Get()
  @ApiOperation({
    summary: "The sandbox carrier's shipments, most recently scanned first, with the scans allowed next",
  })
  @ApiOkResponse({ type: SandboxShipmentPageDto })
  async list(@Query() query: SandboxShipmentQueryDto): Promise<SandboxShipmentPageDto> {
    const { items, total } = await this.sandbox().listShipments(query);
    return { items: items.map(SandboxShipmentDto.from), total, page: query.page, pageSize: query.pageSize };
  }

  @Get(':trackingNumber')
  @ApiOperation({ summary: 'A sandbox shipment with its scan history' })
  @ApiNotFoundResponse({ description: 'No such sandbox shipment' })
  async get(@Param('trackingNumber') trackingNumber: string): Promise<SandboxShipment> {
    const shipment = await this.sandbox().findShipment(trackingNumber);
    if (!shipment) throw this.notFound(trackingNumber);
    return shipment;
  }

  @Post(':trackingNumber/events')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Scan the item (picked-up, in-transit, delivered, failed, returned-to-sender); sends the webhook',
  })
  @ApiOkResponse({ description: 'The signed webhook and what the webhook endpoint answered' })
  async scan(
    @Param('trackingNumber') trackingNumber: string,
    @Body() body: SandboxEventDto,
    @Req() request: Request,
  ): Promise<SandboxDelivery> {
    let webhook: SignedWebhook;
    try {
      webhook = await this.sandbox().reportStatus(trackingNumber, body.status, this.clock.now(), body.reason ?? null);
    } catch (error) {
      if (error instanceof SandboxShipmentNotFoundError) throw this.notFound(trackingNumber);
      throw error;
    }
    return this.send(webhook, request);
  }

  @Post(':trackingNumber/redeliver')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send every scan of the shipment again (the carrier retrying webhooks that got no 2xx), oldest first',
  })
  @ApiOkResponse({ description: 'Each signed webhook and what the webhook endpoint answered' })
  @ApiNotFoundResponse({ description: 'No such sandbox shipment' })
  async redeliver(
    @Param('trackingNumber') trackingNumber: string,
    @Req() request: Request,
  ): Promise<SandboxDelivery[]> {
    let webhooks: SignedWebhook[];
    try {
      webhooks = await this.sandbox().redeliverWebhooks(trackingNumber, this.clock.now());
    } catch (error) {
      if (error instanceof SandboxShipmentNotFoundError) throw this.notFound(trackingNumber);
      throw error;
    }
    const deliveries: SandboxDelivery[] = [];
    for (const webhook of webhooks) deliveries.push(await this.send(webhook, request));
    return deliveries;
  }

  /** Sends a webhook to this installation over HTTP, as the carrier would. */
  private async send(webhook: SignedWebhook, request: Request): Promise<SandboxDelivery> {
    const address = request.socket.localAddress ?? '127.0.0.1';
    const host = address.includes(':') ? `[${address}]` : address;
    const sent = await fetch(`http://${host}:${request.socket.localPort}${webhook.path}`, {
      method: webhook.method,
      headers: webhook.headers,
      body: webhook.body,
    });
    const text = await sent.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { webhook, response: { status: sent.status, body: parsed } };
  }

  private sandbox(): SandboxPostalCarrier {
    if (!(this.carrier instanceof SandboxPostalCarrier)) {
      throw new DomainError('postal.no-sandbox', 'The configured postal carrier is not the sandbox', 'not-found');
    }
    return this.carrier;
  }

  private notFound(trackingNumber: string): DomainError {
    return new DomainError('postal.sandbox-shipment-not-found', `No sandbox shipment ${trackingNumber}`, 'not-found');
  }
}
