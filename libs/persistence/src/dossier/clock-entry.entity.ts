import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const CLOCK_ENTRY_TYPES = ['start', 'pause', 'resume', 'extend', 'stop'] as const;
export type ClockEntryType = (typeof CLOCK_ENTRY_TYPES)[number];

/**
 * The deadline ledger (append-only, shared by intake, workflow and deadline timers): one fact per row.
 * `step_task_id` null = the dossier's overall clock; set = a step's own clock (workflow engine).
 */
@Entity({ name: 'clock_entry' })
@Index('clock_entry_dossier_idx', ['dossierId', 'id'])
export class ClockEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId: string;

  @Column({ name: 'step_task_id', type: 'uuid', nullable: true })
  stepTaskId: string | null;

  @Column({ type: 'text' })
  type: ClockEntryType;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  party: 'applicant' | 'agency' | 'other' | null;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis: string | null;

  @Column({ name: 'new_deadline', type: 'timestamptz', nullable: true })
  newDeadline: Date | null;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
