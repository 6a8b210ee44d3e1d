import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only audit trail of a dossier, hash-chained per dossier: `hash` = sha256 over `previous_hash` plus the
 * canonical JSON of the event (see `dossierEventHash`). Write only through `appendDossierEvent`.
 */
@Entity({ name: 'dossier_event' })
@Index('dossier_event_sequence_key', ['dossierId', 'sequence'], { unique: true })
export class DossierEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId: string;

  /** 1, 2, 3... per dossier. */
  @Column({ type: 'int' })
  sequence: number;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_agency_id', type: 'uuid', nullable: true })
  actorAgencyId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'previous_hash', type: 'text' })
  previousHash: string;

  @Column({ type: 'text' })
  hash: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
