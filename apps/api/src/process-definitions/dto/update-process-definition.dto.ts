import { ApiProperty } from '@nestjs/swagger';
import { IsObject } from 'class-validator';

export class UpdateProcessDefinitionDto {
  @ApiProperty({ description: 'Replaces the draft document' })
  @IsObject()
  document: Record<string, unknown>;
}
