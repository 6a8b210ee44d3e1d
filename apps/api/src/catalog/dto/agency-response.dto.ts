import { ApiProperty } from '@nestjs/swagger';
import type { AgencyEntity } from '@motcua/persistence';

export class AgencyResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() identifier: string;
  @ApiProperty() name: string;
  @ApiProperty() level: string;
  @ApiProperty({ type: String, nullable: true }) parentId: string | null;
  @ApiProperty() path: string;
  @ApiProperty() hasDesk: boolean;
  @ApiProperty({ type: String, nullable: true }) address: string | null;

  static from(agency: AgencyEntity): AgencyResponseDto {
    return {
      id: agency.id,
      identifier: agency.identifier,
      name: agency.name,
      level: agency.level,
      parentId: agency.parentId,
      path: agency.path,
      hasDesk: agency.hasDesk,
      address: agency.address,
    };
  }
}
