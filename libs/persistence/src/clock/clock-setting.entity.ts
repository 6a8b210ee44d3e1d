import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The test/demo clock shared by every service (one row). Only read when TEST_CLOCK_ENABLED is on,
 * which production configuration refuses.
 */
@Entity({ name: 'clock_setting' })
export class ClockSettingEntity {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /** Added to the real time. */
  @Column({ name: 'offset_ms', type: 'bigint', default: 0 })
  offsetMs: string;

  /** When set, time stands still at this instant. */
  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true })
  frozenAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
