import { ApiProperty } from '@nestjs/swagger';
import { AgencyResponseDto } from './agency-response.dto';

export class AgencyPageDto {
  @ApiProperty({ type: [AgencyResponseDto] }) items: AgencyResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
