import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsUUID } from 'class-validator';

export class CreateProcessDefinitionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  procedureId: string;

  @ApiProperty({
    description: 'ProcessDefinitionDocument (see libs/domain/src/process-definition/README.md); version is assigned',
  })
  @IsObject()
  document: Record<string, unknown>;
}
