import { ApiProperty } from '@nestjs/swagger';
import { ProcedureResponseDto } from './procedure-response.dto';

export class ProcedurePageDto {
  @ApiProperty({ type: [ProcedureResponseDto] }) items: ProcedureResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
