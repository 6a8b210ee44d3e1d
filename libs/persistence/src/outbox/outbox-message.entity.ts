import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Transactional outbox: a row written in the same transaction as the state change that caused it.
 * The relay publishes it to BullMQ with jobId = `o<id>`; the consumer marks it consumed in the same
 * transaction as its own effect, which is how duplicates are recognised and how a Redis loss is repaired.
 */
@Entity({ name: 'outbox_message' })
@Index('outbox_message_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_message_unconsumed_idx', ['publishedAt'], { where: 'published_at IS NOT NULL AND consumed_at IS NULL' })
export class OutboxMessageEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  queue: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** Business key; a second row with the same key is silently not written. */
  @Column({ name: 'dedupe_key', type: 'text', nullable: true, unique: true })
  dedupeKey: string | null;

  /** Deliver no earlier than this instant (delayed jobs such as deadline timers). */
  @Column({ name: 'deliver_at', type: 'timestamptz', nullable: true })
  deliverAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'publish_count', type: 'int', default: 0 })
  publishCount: number;

  @Column({ name: 'consumed_at', type: 'timestamptz', nullable: true })
  consumedAt: Date | null;
}
