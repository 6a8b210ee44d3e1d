import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsObject, IsUUID } from 'class-validator';
import { IsOptional } from '../../common/validation';

export class MigrateDossiersDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Only dossiers pinned to this version (default: every other version)',
  })
  @IsOptional()
  @IsUUID()
  fromDefinitionId?: string;

  @ApiPropertyOptional({ description: 'Old step id → new step id', example: { 'land-office': 'land-registry' } })
  @IsOptional()
  @IsObject()
  stepMapping?: Record<string, string>;

  @ApiPropertyOptional({ type: [String], description: 'Only these dossiers' })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  dossierIds?: string[];
}
