import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReminderPolicy } from '../../../config/app-config';

@Entity('plans')
export class Plan {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'doc_number', type: 'varchar', length: 100, nullable: true })
  docNumber: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  issuer: string | null;

  @Column({ name: 'issued_on', type: 'varchar', length: 10, nullable: true })
  issuedOn: string | null;

  @Column({ name: 'lead_office', type: 'varchar', length: 200, nullable: true })
  leadOffice: string | null;

  @Column({ name: 'supervising_office', type: 'varchar', length: 200, nullable: true })
  supervisingOffice: string | null;

  /** sha256 of the parsed content: the same document imported twice (as .txt, .md or .docx) collides here. */
  @Column({ type: 'varchar', length: 64, unique: true })
  fingerprint: string;

  @Column({ name: 'source_name', type: 'varchar', length: 255, nullable: true })
  sourceName: string | null;

  @Column({ type: 'simple-json' })
  warnings: { line: number; message: string }[];

  /** Overrides of the configured reminder policy for this plan (null: the configuration applies). */
  @Column({ name: 'reminder_policy', type: 'simple-json', nullable: true })
  reminderPolicy?: Partial<ReminderPolicy> | null;

  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  /** Set when the office archives the plan (a misread import put aside); null while in use. */
  @Column({ name: 'archived_at', type: 'varchar', length: 24, nullable: true })
  archivedAt?: string | null;

  /** Stamped by every write a roll-up depends on (plans/ledger-changes.ts); written by SQL only. */
  @Column({ name: 'change_seq', type: 'integer', default: 0, select: false, insert: false, update: false })
  changeSeq?: number;

  /** Stamped when the plan's chapters or items change: every task's roll-up facts depend on them. */
  @Column({ name: 'structure_seq', type: 'integer', default: 0, select: false, insert: false, update: false })
  structureSeq?: number;
}
