import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ProcessDefinitionEntity } from '@motcua/persistence';

export class ProcessDefinitionResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() procedureId: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) publishedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'ProcessDefinitionDocument' }) document: Record<string, unknown>;

  static of(entity: ProcessDefinitionEntity): ProcessDefinitionResponseDto {
    return {
      id: entity.id,
      procedureId: entity.procedureId,
      version: entity.version,
      status: entity.status,
      publishedAt: entity.publishedAt ? new Date(entity.publishedAt).toISOString() : null,
      createdAt: new Date(entity.createdAt).toISOString(),
      document: entity.document as unknown as Record<string, unknown>,
    };
  }
}
