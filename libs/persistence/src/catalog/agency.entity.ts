import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export const AGENCY_LEVELS = ['province', 'department', 'district', 'commune'] as const;
export type AgencyLevel = (typeof AGENCY_LEVELS)[number];

/**
 * An agency (cơ quan, đơn vị): identified by its QCVN 102:2016 electronic identifier (e.g. `000.00.12.H62`).
 * `path` is the materialised ancestry (`/<root id>/.../<own id>/`) so a supervisor's subtree is one
 * indexed prefix match.
 */
@Entity({ name: 'agency' })
export class AgencyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('agency_identifier_key', { unique: true })
  @Column({ type: 'text' })
  identifier: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: AgencyLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AgencyEntity, { nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: AgencyEntity | null;

  @Index('agency_path_idx')
  @Column({ type: 'text' })
  path: string;

  /** Whether this agency has a reception desk (Bộ phận Một cửa). */
  @Column({ name: 'has_desk', type: 'boolean', default: false })
  hasDesk: boolean;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
