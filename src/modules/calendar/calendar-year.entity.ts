import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A year's holidays and make-up working days (调休) as entered by the legal office; overrides the package. */
@Entity('calendar_years')
export class CalendarYearEntry {
  @PrimaryColumn({ type: 'integer' })
  year: number;

  @Column({ type: 'simple-json' })
  holidays: string[];

  @Column({ type: 'simple-json' })
  workdays: string[];

  @Column({ name: 'entered_by', type: 'varchar', length: 36, nullable: true })
  enteredBy: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;
}
