import type { DossierChannel, DossierStatus, SupplementClockMode } from '@motcua/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { DocumentForm } from '../catalog/procedure.entity';

/** The applicant (người nộp hồ sơ). */
export interface DossierApplicant {
  name: string;
  identityNumber: string;
  address: string;
  phone: string;
  email?: string | null;
}

/** One line of the checklist as received at the desk. */
export interface ReceivedDocument {
  code: string;
  name: string;
  form: DocumentForm;
  count: number;
}

/** One missing or defective document of a supplement request, with the reason (all listed at once). */
export interface SupplementItem {
  documentCode: string;
  documentName: string;
  reason: string;
}

/** One application (hồ sơ) for one procedure by one applicant. */
@Entity({ name: 'dossier' })
@Index('dossier_status_appointment_idx', ['status', 'appointmentAt'])
@Index('dossier_agency_received_idx', ['receivingAgencyId', 'receivedAt'])
export class DossierEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** `<agency identifier>-<YYMMDD>-<NNNN>` (TT 01/2018 Art. 19). */
  @Index('dossier_code_key', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId: string;

  @Column({ name: 'receiving_agency_id', type: 'uuid' })
  receivingAgencyId: string;

  @Column({ type: 'text' })
  channel: DossierChannel;

  @Column({ type: 'text' })
  status: DossierStatus;

  @Column({ type: 'jsonb' })
  applicant: DossierApplicant;

  @Column({ name: 'applicant_name', type: 'text' })
  applicantName: string;

  @Column({ type: 'jsonb' })
  documents: ReceivedDocument[];

  @Column({ name: 'number_of_sets', type: 'int', default: 1 })
  numberOfSets: number;

  /** Submission instant (postal: when the hand-over record was signed, QĐ 45/2016 Art. 7). */
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  /** Where the processing clock started (cut-off and office hours applied); null unless accepted. */
  @Column({ name: 'counting_started_at', type: 'timestamptz', nullable: true })
  countingStartedAt: Date | null;

  /** Current appointment (ngày hẹn trả kết quả). */
  @Index('dossier_appointment_idx')
  @Column({ name: 'appointment_at', type: 'timestamptz', nullable: true })
  appointmentAt: Date | null;

  /** Appointment printed on the receipt. */
  @Column({ name: 'original_appointment_at', type: 'timestamptz', nullable: true })
  originalAppointmentAt: Date | null;

  @Column({ name: 'legal_time_minutes', type: 'int' })
  legalTimeMinutes: number;

  @Column({ name: 'rule_set_id', type: 'text' })
  ruleSetId: string;

  /** The procedure's choice pinned at intake; null = the rule set's `supplementClock` (effectiveSupplementClock). */
  @Column({ name: 'supplement_clock', type: 'text', nullable: true })
  supplementClock: SupplementClockMode | null;

  @Column({ name: 'supplement_items', type: 'jsonb', nullable: true })
  supplementItems: SupplementItem[] | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason: string | null;

  /** sha256 of the citizen lookup secret (printed once on the receipt). Never returned by the API. */
  @Column({ name: 'lookup_secret_hash', type: 'text' })
  lookupSecretHash: string;

  /** Client idempotency key, unique per receiving agency. */
  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** sha256 of the canonical submission the idempotency key first created (same key, other body → 409). */
  @Column({ name: 'request_fingerprint', type: 'text', nullable: true })
  requestFingerprint: string | null;

  /** Linked inter-agency sub-dossier's parent. */
  @Column({ name: 'parent_dossier_id', type: 'uuid', nullable: true })
  parentDossierId: string | null;

  /** Set by the workflow engine (pinned process definition version). */
  @Column({ name: 'process_definition_id', type: 'uuid', nullable: true })
  processDefinitionId: string | null;

  /** Optimistic lock: bump on every update (`WHERE version = $expected`). */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
