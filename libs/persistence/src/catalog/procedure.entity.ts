import type { FeeRule, SupplementClockMode } from '@motcua/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PROCEDURE_LEVELS = ['central', 'province', 'district', 'commune'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];

export const LEGAL_TIME_UNITS = ['working-days', 'working-hours'] as const;
export type LegalTimeUnit = (typeof LEGAL_TIME_UNITS)[number];

export const ONLINE_LEVELS = ['full-online', 'partly-online', 'none'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];

export const RESULT_TYPES = ['paper', 'electronic', 'both'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

export const DOCUMENT_FORMS = ['original', 'certified-copy', 'copy'] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

export { FEE_MODES, FEE_TIMINGS } from '@motcua/domain';
export type { FeeMode, FeeTiming, FeeRule } from '@motcua/domain';

/** One document of the procedure's required list (thành phần hồ sơ). */
export interface RequiredDocument {
  code: string;
  name: string;
  form: DocumentForm;
  count: number;
  mandatory: boolean;
}

/** Working minutes in one working day for `legal_time_minutes` (DOMAIN.md: 1 working day = 8 h). */
export const LEGAL_MINUTES_PER_WORKING_DAY = 480;

/** Legal processing time in working minutes. */
export function legalTimeMinutes(value: number, unit: LegalTimeUnit): number {
  return Math.round(unit === 'working-days' ? value * LEGAL_MINUTES_PER_WORKING_DAY : value * 60);
}

/** An administrative procedure (thủ tục hành chính) of the national catalog, as configured locally. */
@Entity({ name: 'procedure' })
export class ProcedureEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** National code, e.g. `1.001234`. */
  @Index('procedure_code_key', { unique: true })
  @Column({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** Field (lĩnh vực), e.g. `Đất đai`. */
  @Column({ type: 'text' })
  field: string;

  @Column({ type: 'text' })
  level: ProcedureLevel;

  @Column({
    name: 'legal_time_value',
    type: 'numeric',
    precision: 10,
    scale: 2,
    transformer: {
      to: (value: number) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  legalTimeValue: number;

  @Column({ name: 'legal_time_unit', type: 'text' })
  legalTimeUnit: LegalTimeUnit;

  /** The legal time in working minutes (8 h per working day). */
  @Column({ name: 'legal_time_minutes', type: 'int' })
  legalTimeMinutes: number;

  /** Local `HH:mm`; reception after it counts from the next working day (NĐ 61/2018 Art. 18). null = none. */
  @Column({ name: 'cutoff_time', type: 'text', nullable: true })
  cutoffTime: string | null;

  /** Supplement restarts or pauses the clock (one of the rule set's `supplementClockChoices`); null = the rule set's. */
  @Column({ name: 'supplement_clock', type: 'text', nullable: true })
  supplementClock: SupplementClockMode | null;

  @Column({ name: 'fee_rule', type: 'jsonb' })
  feeRule: FeeRule;

  @Column({ name: 'required_documents', type: 'jsonb' })
  requiredDocuments: RequiredDocument[];

  @Column({ type: 'text', array: true })
  channels: string[];

  @Column({ name: 'online_level', type: 'text' })
  onlineLevel: OnlineLevel;

  @Column({ name: 'result_type', type: 'text' })
  resultType: ResultType;

  /** `ND61-2018` or `ND118-2025` (see getRuleSet in @motcua/domain). */
  @Column({ name: 'rule_set_id', type: 'text' })
  ruleSetId: string;

  /** Agencies whose desks may receive dossiers for this procedure. */
  @Column({ name: 'receiving_agency_ids', type: 'uuid', array: true, default: () => "'{}'" })
  receivingAgencyIds: string[];

  /** The agency that decides (cơ quan giải quyết). */
  @Column({ name: 'handling_agency_id', type: 'uuid', nullable: true })
  handlingAgencyId: string | null;

  /** Other agencies of an inter-agency procedure (thủ tục liên thông); empty otherwise. */
  @Column({ name: 'participating_agency_ids', type: 'uuid', array: true, default: () => "'{}'" })
  participatingAgencyIds: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
