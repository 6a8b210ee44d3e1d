import { ApiProperty } from '@nestjs/swagger';

export class ChainVerificationDto {
  @ApiProperty() dossierId: string;
  @ApiProperty() valid: boolean;
  @ApiProperty() eventCount: number;
  @ApiProperty({ required: false }) brokenAtSequence?: number;
  @ApiProperty({ required: false }) reason?: string;
}
