import { ApiProperty } from '@nestjs/swagger';

/** VNPay's expected IPN answer body, exactly these two fields. */
export class VnpayIpnAnswerDto {
  @ApiProperty({ example: '00', enum: ['00', '01', '02', '04', '97', '99'] })
  RspCode: string;

  @ApiProperty({ example: 'Confirm Success' })
  Message: string;
}
