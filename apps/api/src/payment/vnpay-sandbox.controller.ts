import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/access.decorator';
import { SandboxPageResult, VnpaySandboxUseCase } from './vnpay-sandbox.use-case';

/**
 * The embedded VNPay sandbox under /sandbox/vnpay, with VNPay's own paths. Public: it is "the gateway"; pay URLs
 * and merchant API calls are verified by their signatures. Left out of the OpenAPI document (not motcua's API).
 */
@ApiExcludeController()
@Controller('sandbox/vnpay')
@Public()
export class VnpaySandboxController {
  constructor(private readonly sandbox: VnpaySandboxUseCase) {}

  @Get('paymentv2/vpcpay.html')
  page(@Req() request: Request, @Res() response: Response): void {
    this.send(response, this.sandbox.page(request.query as Record<string, unknown>));
  }

  @Post('paymentv2/vpcpay.html')
  async submit(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    this.send(response, await this.sandbox.submit(body));
  }

  @Post('merchant_webapi/api/transaction')
  @HttpCode(200)
  transaction(@Req() request: Request): Promise<Record<string, string>> {
    return this.sandbox.merchantApi(request.body);
  }

  private send(response: Response, result: SandboxPageResult): void {
    if ('redirect' in result) {
      response.redirect(303, result.redirect);
      return;
    }
    response.status(result.status).type('html').send(result.html);
  }
}
