import { Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/access.decorator';
import { WEB_CONSOLE_PATH } from '../web-console/web-console';
import { VnpaySandboxUseCase } from './vnpay-sandbox.use-case';

/** The query string of a request as it came (the signed parameters must reach the page unchanged). */
const queryString = (request: Request) => request.originalUrl.split('?')[1] ?? '';

/**
 * The embedded VNPay sandbox under /sandbox/vnpay, with VNPay's own paths. Public: it is "the gateway"; pay URLs
 * and merchant API calls are verified by their signatures. Left out of the OpenAPI document (not motcua's API).
 * Its payment page is a page of the web front end (`/app/sandbox/vnpay`, like every page of the product): the pay
 * URL sends the browser there with the signed parameters, the page reads the checked order from `pay-page` and
 * posts the payer's choice back to the pay URL.
 */
@ApiExcludeController()
@Controller('sandbox/vnpay')
@Public()
export class VnpaySandboxController {
  constructor(private readonly sandbox: VnpaySandboxUseCase) {}

  @Get('paymentv2/vpcpay.html')
  page(@Req() request: Request, @Res() response: Response): void {
    response.redirect(302, `${WEB_CONSOLE_PATH}/sandbox/vnpay?${queryString(request)}`);
  }

  /** The order behind the pay URL's parameters, checked (JSON for the web page). */
  @Get('pay-page')
  payPage(@Req() request: Request, @Res() response: Response): void {
    const answer = this.sandbox.page(request.query as Record<string, unknown>);
    response.status(answer.status).json(answer.body);
  }

  /**
   * The payer's choice (pay or cancel) with the signed fields: a form post (303 to the merchant's return URL, as
   * VNPay answers) or, from the web page (`Accept: application/json`), `{ redirect }`. Refusals are JSON.
   */
  @Post('paymentv2/vpcpay.html')
  async submit(@Req() request: Request, @Res() response: Response): Promise<void> {
    const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    const result = await this.sandbox.submit(body);
    if (!('redirect' in result)) {
      response.status(result.status).json(result.body);
      return;
    }
    if (request.accepts(['html', 'json']) === 'json') response.status(200).json({ redirect: result.redirect });
    else response.redirect(303, result.redirect);
  }

  @Post('merchant_webapi/api/transaction')
  @HttpCode(200)
  transaction(@Req() request: Request): Promise<Record<string, string>> {
    return this.sandbox.merchantApi(request.body);
  }
}
