import { ApiProperty } from '@nestjs/swagger';
import { SHIPMENT_STATUSES, ShipmentStatus } from '@motcua/domain';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsOptional } from '../../common/validation';

/** A postal worker's scan in the sandbox carrier. */
export class SandboxEventDto {
  @ApiProperty({ enum: SHIPMENT_STATUSES.filter((status) => status !== 'created') })
  @IsIn(SHIPMENT_STATUSES.filter((status) => status !== 'created'), {
    message: '$property must be one of picked-up, in-transit, delivered, failed, returned-to-sender',
  })
  status: Exclude<ShipmentStatus, 'created'>;

  @ApiProperty({
    required: false,
    example: 'Không có người nhận',
    description: 'why an attempt failed or the item came back',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
