import type { CalendarDateClassification, Handover, StepOutcome, WorkStepDefinition } from '@motcua/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const STEP_TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled', 'dead-letter'] as const;
export type StepTaskStatus = (typeof STEP_TASK_STATUSES)[number];
/** Statuses in which a step still waits for work (and counts as open in the process run). */
export const PENDING_STEP_TASK_STATUSES: readonly StepTaskStatus[] = ['open', 'claimed', 'dead-letter'];

/** One run of one process step at one agency (see libs/persistence/src/workflow/README.md). */
@Entity({ name: 'step_task' })
export class StepTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId: string;

  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId: string;

  @Column({ name: 'process_definition_id', type: 'uuid' })
  processDefinitionId: string;

  @Column({ name: 'step_id', type: 'text' })
  stepId: string;

  @Column({ type: 'int' })
  attempt: number;

  /** '' outside parallel branches (so the unique business key works), else `${parallel}/${round}/${branch}`. */
  @Column({ name: 'branch_key', type: 'text', default: '' })
  branchKey: string;

  @Column({ type: 'text' })
  kind: WorkStepDefinition['kind'];

  @Column({ name: 'agency_id', type: 'uuid' })
  agencyId: string;

  @Column({ name: 'assigned_user_id', type: 'uuid', nullable: true })
  assignedUserId: string | null;

  @Column({ type: 'text' })
  status: StepTaskStatus;

  @Column({ name: 'budget_minutes', type: 'int' })
  budgetMinutes: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'deadline_at', type: 'timestamptz' })
  deadlineAt: Date;

  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  outcome: StepOutcome | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'on_time_class', type: 'text', nullable: true })
  onTimeClass: CalendarDateClassification | null;

  @Column({ type: 'text' })
  handover: Handover;

  @Column({ name: 'previous_step_task_id', type: 'uuid', nullable: true })
  previousStepTaskId: string | null;

  @Column({ name: 'previous_step_id', type: 'text', nullable: true })
  previousStepId: string | null;

  @Column({ name: 'parallel_step_id', type: 'text', nullable: true })
  parallelStepId: string | null;

  @Column({ name: 'lead_agency_id', type: 'uuid', nullable: true })
  leadAgencyId: string | null;

  @Column({ type: 'text', nullable: true })
  connector: string | null;

  @Column({ name: 'max_attempts', type: 'int', nullable: true })
  maxAttempts: number | null;

  @Column({ name: 'connector_attempts', type: 'int', default: 0 })
  connectorAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'dead_lettered_at', type: 'timestamptz', nullable: true })
  deadLetteredAt: Date | null;

  @Column({ name: 'manual_retries', type: 'int', default: 0 })
  manualRetries: number;

  /** Sequence of the dossier event whose routing started this step. */
  @Column({ name: 'started_event_sequence', type: 'int' })
  startedEventSequence: number;

  /** Sequence of this step's 'step-completed' event. */
  @Column({ name: 'completed_event_sequence', type: 'int', nullable: true })
  completedEventSequence: number | null;

  @Column({ name: 'run_order', type: 'bigint', insert: false, update: false })
  runOrder: string;

  /** Optimistic lock: every update is `WHERE version = $expected` and bumps it. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
