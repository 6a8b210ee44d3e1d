import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PAYMENT_GATEWAY, PaymentGateway } from '@motcua/integrations';
import { PaymentRepository } from '@motcua/persistence';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../identity/access.decorator';
import { paymentReturnPage } from './vnpay-sandbox.page';

/** Where the payer's browser lands after the gateway: shows the outcome, changes nothing (the IPN does). */
@ApiTags('payments')
@Controller('payments/vnpay')
@Public()
export class VnpayReturnController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
  ) {}

  @Get('return')
  @ApiOperation({ summary: 'VNPay return URL (public): an HTML page with the outcome; never changes a payment' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page (Vietnamese)' })
  async show(@Req() request: Request, @Res() response: Response): Promise<void> {
    const notification = this.gateway.readNotification(request.query as Record<string, unknown>);
    const found =
      notification.verified && notification.txnRef
        ? await new PaymentRepository(this.dataSource.manager).findByTxnRef(notification.txnRef)
        : null;
    const [dossier] = found
      ? await this.dataSource.query(`SELECT code FROM dossier WHERE id = $1`, [found.dossierId])
      : [];
    response
      .status(200)
      .type('html')
      .send(
        paymentReturnPage({
          verified: notification.verified,
          paid: notification.verified && notification.paid,
          txnRef: notification.verified ? notification.txnRef : null,
          amountVnd: notification.verified ? notification.amountVnd : null,
          requestStatus: found?.status ?? null,
          dossierCode: dossier?.code ?? null,
        }),
      );
  }
}
