import { Check, Column, Entity, OneToMany, PrimaryColumn } from 'typeorm';
import { DepartmentName } from './department-name.entity';

export const DEPARTMENT_KINDS = ['town', 'street', 'bureau', 'office', 'other'] as const;
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number];

@Entity('departments')
@Check('chk_departments_kind', "kind IN ('town','street','bureau','office','other')")
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'short_name', type: 'varchar', length: 100, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 16, default: 'other' })
  kind: DepartmentKind;

  /** Optional group robot (DingTalk or WeCom) that receives the department's reminder digests. */
  @Column({ name: 'webhook_url', type: 'varchar', length: 500, nullable: true })
  webhookUrl?: string | null;

  @Column({ name: 'webhook_kind', type: 'varchar', length: 12, nullable: true })
  webhookKind?: 'dingtalk' | 'wecom' | null;

  /** DingTalk 加签 secret, when the robot uses signing. */
  @Column({ name: 'webhook_secret', type: 'varchar', length: 200, nullable: true })
  webhookSecret?: string | null;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 24 })
  updatedAt: string;

  @OneToMany(() => DepartmentName, (n) => n.department)
  names?: DepartmentName[];
}
