import { Controller, Get, HttpCode, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../identity/access.decorator';
import { VnpayIpnAnswerDto } from './dto/vnpay-ipn-answer.dto';
import { VnpayIpnUseCase } from './vnpay-ipn.use-case';

/** VNPay's server-to-server notification: public, verified by the HMAC-SHA512 signature of its parameters. */
@ApiTags('payments')
@Controller('payments/vnpay')
@Public()
export class VnpayIpnController {
  constructor(private readonly ipn: VnpayIpnUseCase) {}

  @Get('ipn')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'VNPay IPN (public, signature-verified): answers {"RspCode","Message"} — 97 bad signature, 01 order not found, 04 wrong amount, 02 already confirmed, 00 recorded',
  })
  @ApiOkResponse({ type: VnpayIpnAnswerDto })
  notify(@Req() request: Request): Promise<VnpayIpnAnswerDto> {
    return this.ipn.handle(request.query as Record<string, unknown>, request.ip ?? null);
  }
}
