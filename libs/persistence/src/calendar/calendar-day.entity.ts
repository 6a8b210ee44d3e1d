import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row of the admin-maintained calendar: a public holiday (or substitute day off), or an extra working day
 * (make-up Saturday). Days without a row follow the weekly office windows.
 */
@Entity({ name: 'calendar_day' })
export class CalendarDayEntity {
  /** Local date `YYYY-MM-DD` (Asia/Ho_Chi_Minh). */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'text' })
  kind: 'holiday' | 'working';

  @Column({ type: 'text' })
  name: string;

  /** Office windows of a working day when they differ from the standard ones. */
  @Column({ type: 'jsonb', nullable: true })
  windows: Array<{ start: string; end: string }> | null;

  /** Where the row comes from, e.g. `seed:BLLD-2019` or `admin`. */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
