import type { ProcessDefinitionDocument } from '@motcua/domain';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type ProcessDefinitionStatus = 'draft' | 'published';

/** One version of a procedure's route (immutable once published; a trigger refuses updates). */
@Entity({ name: 'process_definition' })
export class ProcessDefinitionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'procedure_id', type: 'uuid' })
  procedureId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  document: ProcessDefinitionDocument;

  @Column({ type: 'text' })
  status: ProcessDefinitionStatus;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
