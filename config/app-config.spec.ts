import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config';

const base = { NODE_ENV: 'test' };

describe('configuration', () => {
  it('has working defaults: port 3000, SQLite under ./data, reminders 5 and 1 working days before at 09:00', () => {
    const c = loadConfig(base);
    expect(c.port).toBe(3000);
    expect(c.db.type).toBe('sqlite');
    expect(c.db.path).toMatch(/data\/duban\.sqlite$/);
    expect(c.reminders).toMatchObject({ beforeWorkingDays: [5, 1], hour: 9 });
    expect(c.businessTimeZone).toBe('Asia/Shanghai');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DB_TYPE: 'mysql' }, 'DB_TYPE'],
    [{ DB_TYPE: 'postgres' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ REMINDER_BEFORE_WORKING_DAYS: '5,x' }, 'REMINDER_BEFORE_WORKING_DAYS'],
    [{ CLOCK_START: 'yesterday' }, 'CLOCK_START'],
  ])('stops the boot on a bad value and names it: %j', (env, variable) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...env })).toThrow(variable);
  });

  it('refuses in production a missing secret, the default admin password and CLOCK_START', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'a-long-production-secret', ADMIN_PASSWORD: 'a-real-password' };
    expect(() => loadConfig(prod)).not.toThrow();
    expect(() => loadConfig({ ...prod, JWT_SECRET: '' })).toThrow('JWT_SECRET');
    expect(() => loadConfig({ ...prod, ADMIN_PASSWORD: '' })).toThrow('ADMIN_PASSWORD');
    expect(() => loadConfig({ ...prod, CLOCK_START: '2027-01-01T00:00:00Z' })).toThrow('CLOCK_START');
  });

  it('accepts CLOCK_START outside production', () => {
    expect(loadConfig({ ...base, CLOCK_START: '2027-01-04T00:59:00Z' }).clockStart).toBe('2027-01-04T00:59:00Z');
  });
});
