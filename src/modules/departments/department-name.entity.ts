// Every way a document may name a department (its name, short name and aliases) lives in one table
// with one unique key, so a name can never point at two departments.
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { Department } from './department.entity';

export type DepartmentNameKind = 'name' | 'short' | 'alias';

@Entity('department_names')
export class DepartmentName {
  /** normaliseDepartmentName(text): the lookup key. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Index('idx_department_names_department')
  @Column({ name: 'department_id', type: 'varchar', length: 36 })
  departmentId: string;

  @Column({ type: 'varchar', length: 100 })
  text: string;

  @Column({ type: 'varchar', length: 8 })
  kind: DepartmentNameKind;

  @ManyToOne(() => Department, (d) => d.names, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'department_id' })
  department?: Relation<Department>;
}
