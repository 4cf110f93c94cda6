import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { inChunks } from '../../common/database/chunks';
import { TransactionalRepository } from '../../common/database/transactional-repository';
import { User } from './user.entity';

@Injectable()
export class UsersRepository extends TransactionalRepository {
  findById(id: string): Promise<User | null> {
    return this.em().findOneBy(User, { id });
  }

  findByUsername(username: string): Promise<User | null> {
    return this.em().findOneBy(User, { username: username.toLowerCase() });
  }

  count(): Promise<number> {
    return this.em().count(User);
  }

  /**
   * Ids of the enabled admins, locked for the rest of the transaction on PostgreSQL so two
   * concurrent demotions cannot both see "another admin remains" (SQLite serialises writers anyway).
   */
  async lockActiveAdminIds(): Promise<string[]> {
    const qb = this.em().createQueryBuilder(User, 'u').select('u.id', 'id').where('u.role = :role AND u.disabled = :disabled', { role: 'admin', disabled: false });
    if (this.postgres()) qb.setLock('pessimistic_write');
    return (await qb.getRawMany<{ id: string }>()).map((r) => r.id);
  }

  list(): Promise<User[]> {
    return this.em().find(User, { order: { username: 'ASC' } });
  }

  /** Enabled users of these departments (who receive a reminder). */
  activeUsersOf(departmentIds: string[]): Promise<User[]> {
    return inChunks(departmentIds, (chunk) => this.em().find(User, { where: { departmentId: In(chunk), disabled: false } }));
  }

  async insert(user: User): Promise<void> {
    await this.em().insert(User, user);
  }

  async save(user: User): Promise<void> {
    await this.em().save(User, user);
  }
}
