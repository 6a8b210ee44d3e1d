import { ApiProperty } from '@nestjs/swagger';
import type { DeadLetterRow } from '@motcua/persistence';

/** A connector step that failed every attempt and waits for a supervisor's retry. */
export class DeadLetterDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dossierId: string;
  @ApiProperty() dossierCode: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty() agencyIdentifier: string;
  @ApiProperty() stepId: string;
  @ApiProperty() attempt: number;
  @ApiProperty() branchKey: string;
  @ApiProperty({ type: String, nullable: true }) connector: string | null;
  @ApiProperty() connectorAttempts: number;
  @ApiProperty({ type: Number, nullable: true }) maxAttempts: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() deadLetteredAt: string;
  @ApiProperty() manualRetries: number;

  static of(row: DeadLetterRow): DeadLetterDto {
    return { ...row, deadLetteredAt: row.deadLetteredAt.toISOString() };
  }
}

export class DeadLetterPageDto {
  @ApiProperty({ type: [DeadLetterDto] }) items: DeadLetterDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page; null on the last' })
  nextCursor: string | null;
}
