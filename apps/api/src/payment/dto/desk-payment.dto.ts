import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { DESK_PAYMENT_METHODS, DeskPaymentMethod } from '@motcua/domain';

/** A payment taken at the desk: cash or bank transfer, with the desk's receipt number. */
export class DeskPaymentDto {
  @ApiProperty({ enum: DESK_PAYMENT_METHODS })
  @IsIn(DESK_PAYMENT_METHODS)
  method: DeskPaymentMethod;

  @ApiProperty({ description: 'Receipt number issued by the desk (unique per desk)', example: 'BL-2026-000123' })
  @Matches(/^[A-Za-z0-9./-]{1,50}$/, { message: 'receiptNumber must be 1–50 letters, digits, . / -' })
  receiptNumber: string;

  @ApiProperty({ description: 'Amount received, whole VND; must equal the open request', example: 100000 })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount: number;
}
