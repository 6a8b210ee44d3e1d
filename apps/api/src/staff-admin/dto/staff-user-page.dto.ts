import { ApiProperty } from '@nestjs/swagger';
import { StaffUserResponseDto } from './staff-user-response.dto';

export class StaffUserPageDto {
  @ApiProperty({ type: [StaffUserResponseDto] }) items: StaffUserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
