// The README's module graph is the code's: each module's imports and @Global flag, as Nest reads them.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import 'reflect-metadata';
import { QueueModule } from './queue/queue.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CalendarModule } from './modules/calendar/calendar.module';
import { DepartmentsModule } from './modules/departments/departments.module';
import { HealthModule } from './modules/health/health.module';
import { IndicatorsModule } from './modules/indicators/indicators.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PlanCorrectionsModule } from './modules/plan-corrections/plan-corrections.module';
import { PlansModule } from './modules/plans/plans.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RollupsModule } from './modules/rollups/rollups.module';
import { TasksModule } from './modules/tasks/tasks.module';
import { UploadsModule } from './modules/uploads/uploads.module';
import { UsersModule } from './modules/users/users.module';

const MODULES: Record<string, object> = {
  AuditModule, AuthModule, CalendarModule, DepartmentsModule, HealthModule, IndicatorsModule, MetricsModule, NotificationsModule, PlanCorrectionsModule, PlansModule,
  QueueModule, RemindersModule, ReportsModule, RollupsModule, TasksModule, UploadsModule, UsersModule,
};

/** "A (global) → B, C" lines of the README block, AppModule's aside. */
function readmeGraph(): Map<string, { global: boolean; imports: string[] }> {
  const readme = readFileSync(resolve(process.cwd(), 'README.md'), 'utf8');
  const block = /<!-- module-graph -->([\s\S]*?)<!-- \/module-graph -->/.exec(readme);
  if (!block) throw new Error('README.md has no <!-- module-graph --> block');
  const graph = new Map<string, { global: boolean; imports: string[] }>();
  for (const line of block[1].split('\n')) {
    const m = /^(\w+Module)( \(global\))? → (.*)$/.exec(line.trim());
    if (!m || m[1] === 'AppModule') continue;
    graph.set(m[1], { global: !!m[2], imports: m[3] === 'nothing' ? [] : m[3].split(', ') });
  }
  return graph;
}

/** Our own modules a module imports (library modules such as JwtModule aside). */
function importsOf(module: object): string[] {
  const imports = (Reflect.getMetadata('imports', module) ?? []) as ({ name?: string; module?: { name: string } })[];
  return imports.map((i) => i.module?.name ?? i.name ?? '').filter((name) => name in MODULES);
}

describe('module graph', () => {
  const graph = readmeGraph();

  it('lists every module once, and this spec knows every *.module.ts', () => {
    const declared = (readdirSync(resolve(process.cwd(), 'src'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('.module.ts') && f !== 'app.module.ts')
      .flatMap((f) => [...readFileSync(resolve(process.cwd(), 'src', f), 'utf8').matchAll(/export class (\w+Module)\b/g)].map((m) => m[1]));
    expect(declared.sort()).toEqual(Object.keys(MODULES).sort());
    expect([...graph.keys()].sort()).toEqual(Object.keys(MODULES).sort());
  });

  it.each(Object.keys(MODULES))('%s imports what the README says, and is global only if it says so', (name) => {
    const module = MODULES[name];
    expect(importsOf(module).sort()).toEqual([...(graph.get(name)?.imports ?? [])].sort());
    expect(Reflect.getMetadata('__module:global__', module) === true).toBe(graph.get(name)?.global ?? false);
  });
});
