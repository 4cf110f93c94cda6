import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique, type Relation } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * In-app notification: the channel of record. Every reminder lands here once per user (reminder id),
 * every event once per user (event key), written in the transaction of the change it reports.
 */
@Entity('notifications')
@Unique('uq_notifications_reminder_user', ['reminderId', 'userId'])
@Unique('uq_notifications_event_user', ['eventKey', 'userId'])
@Index('idx_notifications_user', ['userId', 'createdAt'])
export class Notification {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ name: 'reminder_id', type: 'varchar', length: 36, nullable: true })
  reminderId: string | null;

  @Column({ name: 'task_id', type: 'varchar', length: 36, nullable: true })
  taskId: string | null;

  @Column({ name: 'plan_id', type: 'varchar', length: 36, nullable: true })
  planId: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** Where the web app opens it, e.g. /tasks/<id>. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link: string | null;

  @Column({ name: 'event_key', type: 'varchar', length: 160, nullable: true })
  eventKey: string | null;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'created_at', type: 'varchar', length: 24 })
  createdAt: string;

  @Column({ name: 'read_at', type: 'varchar', length: 24, nullable: true })
  readAt: string | null;
}
