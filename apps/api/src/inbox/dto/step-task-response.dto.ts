import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InboxRow, StepTaskEntity } from '@motcua/persistence';

const iso = (value: Date | string | null | undefined): string | null => (value ? new Date(value).toISOString() : null);

export class StepTaskResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() dossierId: string;
  @ApiPropertyOptional() dossierCode?: string;
  @ApiProperty() procedureId: string;
  @ApiProperty() stepId: string;
  @ApiProperty() attempt: number;
  @ApiProperty({ description: "'' outside parallel branches" }) branchKey: string;
  @ApiProperty() kind: string;
  @ApiProperty() status: string;
  @ApiPropertyOptional({ type: String, nullable: true }) assignedUserId: string | null;
  @ApiProperty() startedAt: string;
  @ApiProperty() deadlineAt: string;
  @ApiProperty() budgetMinutes: number;
  @ApiProperty({ enum: ['electronic', 'paper'] }) handover: string;
  @ApiPropertyOptional({ type: String, nullable: true }) completedAt?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) outcome?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) onTimeClass?: string | null;
  @ApiProperty({ description: 'Send it back on claim/complete (optimistic lock)' }) version: number;

  static ofRow(row: InboxRow): StepTaskResponseDto {
    return { ...row, startedAt: row.startedAt.toISOString(), deadlineAt: row.deadlineAt.toISOString() };
  }

  static of(task: StepTaskEntity): StepTaskResponseDto {
    return {
      id: task.id,
      dossierId: task.dossierId,
      procedureId: task.procedureId,
      stepId: task.stepId,
      attempt: task.attempt,
      branchKey: task.branchKey,
      kind: task.kind,
      status: task.status,
      assignedUserId: task.assignedUserId,
      startedAt: iso(task.startedAt) as string,
      deadlineAt: iso(task.deadlineAt) as string,
      budgetMinutes: task.budgetMinutes,
      handover: task.handover,
      completedAt: iso(task.completedAt),
      outcome: task.outcome,
      onTimeClass: task.onTimeClass,
      version: task.version,
    };
  }
}

export class InboxPageDto {
  @ApiProperty({ type: [StepTaskResponseDto] }) items: StepTaskResponseDto[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'Pass as ?cursor= for the next page' }) nextCursor:
    string | null;
}

export class BulkReassignResultDto {
  @ApiProperty() id: string;
  @ApiProperty() ok: boolean;
  @ApiPropertyOptional() status?: number;
  @ApiPropertyOptional() error?: string;
}
