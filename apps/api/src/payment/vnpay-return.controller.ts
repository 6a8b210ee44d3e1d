import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { PAYMENT_GATEWAY, PaymentGateway } from '@motcua/integrations';
import { PaymentRepository } from '@motcua/persistence';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../identity/access.decorator';
import { WEB_CONSOLE_PATH } from '../web-console/web-console';

/** What the payer's return page shows: the gateway's answer, verified, and where the fee request stands. */
export class PaymentReturnOutcomeDto {
  @ApiProperty({ description: "false when the gateway's signature does not verify (nothing else is shown)" })
  verified: boolean;
  @ApiProperty() paid: boolean;
  @ApiProperty({ nullable: true, type: String }) txnRef: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountVnd: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['pending', 'paid', 'expired', 'cancelled'],
    description: "the fee request's state as recorded (the IPN changes it, never this page)",
  })
  requestStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) dossierCode: string | null;
}

/**
 * Where the payer's browser lands after the gateway: the web page `/app/thanh-toan` (every page is in the web front
 * end) shows the outcome read from `return/outcome`. Changes nothing (the IPN does).
 */
@ApiTags('payments')
@Controller('payments/vnpay')
@Public()
export class VnpayReturnController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  @Get('return')
  @ApiOperation({
    summary: 'VNPay return URL (public): sends the browser to the outcome page with the same parameters',
  })
  @ApiFoundResponse({ description: 'Redirect to /app/thanh-toan' })
  show(@Req() request: Request, @Res() response: Response): void {
    response.redirect(302, `${WEB_CONSOLE_PATH}/thanh-toan?${request.originalUrl.split('?')[1] ?? ''}`);
  }

  @Get('return/outcome')
  @ApiOperation({
    summary: "The outcome of a gateway return (public: verified by the gateway's signature); never changes a payment",
  })
  @ApiOkResponse({ type: PaymentReturnOutcomeDto })
  async outcome(@Req() request: Request): Promise<PaymentReturnOutcomeDto> {
    const notification = this.gateway.readNotification(request.query as Record<string, unknown>);
    const found =
      notification.verified && notification.txnRef
        ? await new PaymentRepository(this.dataSource.manager).findByTxnRef(notification.txnRef)
        : null;
    const [dossier] = found
      ? await this.dataSource.query(`SELECT code FROM dossier WHERE id = $1`, [found.dossierId])
      : [];
    return {
      verified: notification.verified,
      paid: notification.verified && notification.paid,
      txnRef: notification.verified ? notification.txnRef : null,
      amountVnd: notification.verified ? notification.amountVnd : null,
      requestStatus: found?.status ?? null,
      dossierCode: dossier?.code ?? null,
    };
  }
}
