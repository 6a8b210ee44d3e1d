import { EntityManager } from 'typeorm';
import { Handover } from '@motcua/domain';
import { entityOfRow } from '../database/entity-of-row';
import { StepTaskEntity, StepTaskStatus } from './step-task.entity';

/** A `RETURNING *` row of step_task as the entity `findById` would give (`entityOfRow`). */
export function stepTaskOfRow(manager: EntityManager, row: Record<string, unknown>): StepTaskEntity {
  return entityOfRow(manager, StepTaskEntity, row);
}

export interface InboxFilter {
  /** Default: open and claimed. */
  status?: 'open' | 'claimed' | 'dead-letter';
  procedureId?: string;
  deadlineBefore?: Date;
  assignedUserId?: string;
}

export interface InboxCursor {
  deadlineAt: Date;
  id: string;
}

export interface InboxRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  procedureId: string;
  stepId: string;
  attempt: number;
  branchKey: string;
  kind: string;
  status: StepTaskStatus;
  assignedUserId: string | null;
  startedAt: Date;
  deadlineAt: Date;
  budgetMinutes: number;
  handover: Handover;
  version: number;
}

export interface DeadLetterRow {
  id: string;
  dossierId: string;
  dossierCode: string;
  agencyId: string;
  agencyIdentifier: string;
  stepId: string;
  attempt: number;
  branchKey: string;
  connector: string | null;
  connectorAttempts: number;
  maxAttempts: number | null;
  lastError: string | null;
  deadLetteredAt: Date;
  manualRetries: number;
}
