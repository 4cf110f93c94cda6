import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionRunner } from '../../common/database/transaction-runner';
import { DepartmentName } from './department-name.entity';
import { Department } from './department.entity';

@Injectable()
export class DepartmentsRepository {
  constructor(private readonly tx: TransactionRunner) {}

  private em(): EntityManager {
    return this.tx.manager();
  }

  findById(id: string): Promise<Department | null> {
    return this.em().findOne(Department, { where: { id }, relations: { names: true } });
  }

  findByIds(ids: string[]): Promise<Department[]> {
    return inChunks(ids, (chunk) => this.em().find(Department, { where: { id: In(chunk) } }));
  }

  /** Display names by id, for labelling rows that carry department ids. */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.findByIds(ids)).map((d) => [d.id, d.name]));
  }

  listWithNames(): Promise<Department[]> {
    return this.em().find(Department, { relations: { names: true }, order: { name: 'ASC' } });
  }

  findNamesByKeys(keys: string[]): Promise<DepartmentName[]> {
    return inChunks(keys, (chunk) => this.em().find(DepartmentName, { where: { key: In(chunk) } }));
  }

  /** Every name key with its department: the directory is small enough (≤ a few thousand) to match in memory. */
  allNames(): Promise<DepartmentName[]> {
    return this.em().find(DepartmentName);
  }

  async insert(department: Department, names: DepartmentName[]): Promise<void> {
    await this.em().insert(Department, department);
    if (names.length) await this.em().insert(DepartmentName, names);
  }

  async update(department: Department, names: DepartmentName[]): Promise<void> {
    const { names: _ignored, ...columns } = department;
    await this.em().update(Department, { id: department.id }, columns);
    await this.em().delete(DepartmentName, { departmentId: department.id });
    if (names.length) await this.em().insert(DepartmentName, names);
  }
}
