// Typed configuration: the only place that reads process.env.
// Every value is validated at boot; a bad value stops the boot with a message naming the variable.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, resolve } from 'node:path';

export type DbType = 'sqlite' | 'postgres';
export type NodeEnv = 'development' | 'production' | 'test';

export interface LightThresholds {
  /** A task due within this many calendar days with progress behind schedule is yellow. */
  dueSoonDays: number;
  /** Yellow when reported percent trails the elapsed share of time by more than this many points. */
  behindSchedulePoints: number;
}

/** When reminders fire; overridable per plan. Offsets are in working days (工作日). */
export interface ReminderPolicy {
  /** Working days before the due date, e.g. [5, 1]. */
  beforeWorkingDays: number[];
  /** Local hour (Asia/Shanghai) at which reminders fire. */
  hour: number;
  /** While overdue, a reminder every N working days. */
  overdueEveryWorkingDays: number;
  /** After M overdue reminders, a 督办 notice is issued automatically (0: never). */
  autoSuperviseAfter: number;
  /** Quarterly progress reminders this many working days before the reporting deadline (the 10th). */
  quarterlyWorkingDaysBefore: number;
  /** A quarter's progress is due by this day of the month after it (每季度首月10日前): its reporting window. */
  reportingWindowDay: number;
  /** The quarter closes (its roll-up is frozen) this many working days after its reporting window ends. */
  closeAfterWorkingDays: number;
  /** A department that has not acknowledged (签收) a task this many working days after it was assigned is reminded (0: never). */
  acknowledgeWithinWorkingDays: number;
}

export interface AppConfig {
  nodeEnv: NodeEnv;
  port: number;
  db: { type: DbType; path: string; url: string | null; logging: boolean };
  redis: { url: string | null; autostart: boolean; dataDir: string };
  jwt: { secret: string; expiresIn: string; issuer: string; audience: string };
  admin: { username: string; password: string; usingDefaultPassword: boolean };
  http: {
    bodyLimitBytes: number;
    importBodyLimitBytes: number;
    /** Failed logins allowed per username (from any address) within the window. */
    loginRateLimit: number;
    /** Failed logins allowed per client address (for any username) within the window. */
    loginAddressRateLimit: number;
    loginRateWindowMs: number;
  };
  dataDir: string;
  businessTimeZone: 'Asia/Shanghai';
  clockStart: string | null;
  lights: LightThresholds;
  /** Departments whose on-time rate (按期完成率, percent) is below this are named on the dashboard and in the year-end report. */
  /**
   * preloadLedgers: load the ledgers of the newest plans into memory at boot, readiness waiting for
   * them (a province's first roll-up would otherwise wait ~12 s for it). Off in tests unless asked for.
   */
  rollups: { lowOnTimeRatePercent: number; preloadLedgers: boolean };
  reminders: ReminderPolicy;
  /** Robot webhooks: hosts that may be called (https only, public addresses only). */
  webhooks: { allowedHosts: string[]; allowLocalForTests: boolean };
  /** How long the dashboard and live roll-ups may be served from cache when another process writes. */
  readCacheTtlMs: number;
  /** Slow answers served from their last computation while the next runs (common/cache/read-cache.ts). */
  readCacheStale: { slowMs: number; maxStaleMs: number };
  queue: {
    /** BullMQ key prefix (a Redis Cluster hash tag is added around it). */
    prefix: string;
    /**
     * This process consumes the queues and runs the dispatcher and the quarter-close scheduler:
     * WORKER_IN_API for the API process (default true); the worker entry always sets it.
     */
    runsWorker: boolean;
    /** How often the dispatcher moves planned rows into BullMQ and the sweeper re-plans lost jobs. */
    dispatchIntervalMs: number;
    /** A queued reminder this late without delivery is considered lost and re-queued. */
    lostAfterMs: number;
    webhookTimeoutMs: number;
    /** Messages per minute per group robot, shared by every process (DingTalk and WeCom allow 20). */
    robotMessagesPerMinute: number;
    /** Reminders already due that one delivery transaction takes along. */
    deliveryBatch: number;
  };
  ops: {
    /** SIGTERM: the process exits within this bound, Redis or not. */
    shutdownTimeoutMs: number;
    /** Bearer token for GET /metrics; null: /metrics answers only an admin's token. */
    metricsToken: string | null;
    /** pino level: fatal, error, warn, info, debug, trace. */
    logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
    /** The API runs the migrations and seeds the first admin at boot (false: `npm run migrate` is a deploy step). */
    migrateAtBoot: boolean;
  };
}

function intList(env: Env, name: string, fallback: number[]): number[] {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const parts = raw.split(',').map((p) => p.trim());
  if (!parts.every((p) => /^\d+$/.test(p)) || parts.some((p) => Number(p) < 1 || Number(p) > 60)) {
    throw new ConfigError(name, `expected comma-separated working-day counts 1..60, got "${raw}"`);
  }
  return [...new Set(parts.map(Number))].sort((a, b) => b - a);
}

/** Comma-separated host names (no scheme, port or path). */
function hostList(env: Env, name: string, fallback: string[]): string[] {
  const raw = optional(env, name);
  if (raw === null) return fallback;
  const hosts = raw.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((h) => !/^[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,62}[a-z0-9])?)*$/.test(h));
  if (!hosts.length || bad !== undefined) throw new ConfigError(name, `expected comma-separated host names, got "${bad ?? raw}"`);
  return [...new Set(hosts)];
}

/** A switch that only tests may turn on: refused unless NODE_ENV=test. */
function testOnlyFlag(env: Env, name: string, nodeEnv: NodeEnv): boolean {
  const on = bool(env, name, false);
  if (on && nodeEnv !== 'test') throw new ConfigError(name, 'may only be set with NODE_ENV=test');
  return on;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export const DEFAULT_ADMIN_PASSWORD = 'admin12345';
const DEV_JWT_SECRET_FILE = '.jwt-secret';

export class ConfigError extends Error {
  constructor(public readonly variable: string, message: string) {
    super(`Invalid configuration ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string, fallback: string): string {
  const v = env[name];
  return v === undefined || v.trim() === '' ? fallback : v.trim();
}

function optional(env: Env, name: string): string | null {
  const v = env[name];
  return v === undefined || v.trim() === '' ? null : v.trim();
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^-?\d+$/.test(raw.trim())) throw new ConfigError(name, `expected an integer, got "${raw}"`);
  const n = Number(raw.trim());
  if (n < min || n > max) throw new ConfigError(name, `expected ${min}..${max}, got ${n}`);
  return n;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const v = str(env, name, fallback);
  if (!(allowed as readonly string[]).includes(v)) {
    throw new ConfigError(name, `expected one of ${allowed.join(' | ')}, got "${v}"`);
  }
  return v as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const v = optional(env, name);
  if (v === null) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(v.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(v.toLowerCase())) return false;
  throw new ConfigError(name, `expected true or false, got "${v}"`);
}

function url(env: Env, name: string, protocols: string[]): string | null {
  const v = optional(env, name);
  if (v === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(v);
  } catch {
    throw new ConfigError(name, `not a valid URL`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `expected a ${protocols.join(' or ')} URL, got ${parsed.protocol}`);
  }
  return v;
}

/** In development a missing JWT_SECRET gets a random one kept under the data dir, so tokens survive restarts. */
function devJwtSecret(dataDir: string): string {
  const file = resolve(dataDir, DEV_JWT_SECRET_FILE);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: Env = process.env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = resolve(str(env, 'DATA_DIR', './data'));
  const dbType = oneOf(env, 'DB_TYPE', ['sqlite', 'postgres'] as const, 'sqlite');
  const dbUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (dbType === 'postgres' && !dbUrl) throw new ConfigError('DATABASE_URL', 'required when DB_TYPE=postgres');

  const jwtSecretRaw = optional(env, 'JWT_SECRET');
  if (production && !jwtSecretRaw) throw new ConfigError('JWT_SECRET', 'must be set in production');
  if (jwtSecretRaw !== null && jwtSecretRaw.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');

  const adminPassword = str(env, 'ADMIN_PASSWORD', DEFAULT_ADMIN_PASSWORD);
  const usingDefaultPassword = adminPassword === DEFAULT_ADMIN_PASSWORD;
  if (production && usingDefaultPassword) {
    throw new ConfigError('ADMIN_PASSWORD', 'the default password is refused in production; set ADMIN_PASSWORD');
  }
  // The first admin's password follows the password policy (checked in full when the admin is created).
  if ([...adminPassword].length < 10) throw new ConfigError('ADMIN_PASSWORD', 'must be at least 10 characters');
  if (Buffer.byteLength(adminPassword, 'utf8') > 72) throw new ConfigError('ADMIN_PASSWORD', 'must be at most 72 bytes');

  const clockStart = optional(env, 'CLOCK_START');
  if (clockStart !== null) {
    if (production) throw new ConfigError('CLOCK_START', 'is refused in production mode');
    if (Number.isNaN(Date.parse(clockStart))) throw new ConfigError('CLOCK_START', `not an ISO instant: "${clockStart}"`);
  }

  return {
    nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    db: {
      type: dbType,
      path: resolve(str(env, 'DATABASE_PATH', resolve(dataDir, 'duban.sqlite'))),
      url: dbUrl,
      logging: bool(env, 'DB_LOGGING', false),
    },
    redis: {
      url: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
      autostart: bool(env, 'REDIS_AUTOSTART', true),
      dataDir: resolve(dataDir, 'redis'),
    },
    jwt: {
      secret: jwtSecretRaw ?? (nodeEnv === 'test' ? 'test-only-jwt-secret-not-for-use' : devJwtSecret(dataDir)),
      expiresIn: str(env, 'JWT_EXPIRES_IN', '8h'),
      issuer: 'duban-taizhang',
      audience: 'duban-taizhang-api',
    },
    admin: { username: str(env, 'ADMIN_USERNAME', 'admin').toLowerCase(), password: adminPassword, usingDefaultPassword },
    http: {
      bodyLimitBytes: int(env, 'BODY_LIMIT_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
      importBodyLimitBytes: 8 * 1024 * 1024,
      loginRateLimit: int(env, 'LOGIN_RATE_LIMIT', 10, 1, 100000),
      loginAddressRateLimit: int(env, 'LOGIN_ADDRESS_RATE_LIMIT', 30, 1, 100000),
      loginRateWindowMs: int(env, 'LOGIN_RATE_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
    },
    dataDir,
    businessTimeZone: 'Asia/Shanghai',
    clockStart,
    lights: {
      dueSoonDays: int(env, 'LIGHT_DUE_SOON_DAYS', 7, 0, 365),
      behindSchedulePoints: int(env, 'LIGHT_BEHIND_POINTS', 20, 0, 100),
    },
    rollups: {
      lowOnTimeRatePercent: int(env, 'ROLLUP_LOW_ON_TIME_PERCENT', 80, 0, 100),
      preloadLedgers: bool(env, 'LEDGER_PRELOAD', nodeEnv !== 'test'),
    },
    reminders: {
      beforeWorkingDays: intList(env, 'REMINDER_BEFORE_WORKING_DAYS', [5, 1]),
      hour: int(env, 'REMINDER_HOUR', 9, 0, 23),
      overdueEveryWorkingDays: int(env, 'REMINDER_OVERDUE_EVERY_WORKING_DAYS', 3, 1, 60),
      autoSuperviseAfter: int(env, 'REMINDER_AUTO_SUPERVISE_AFTER', 2, 0, 100),
      quarterlyWorkingDaysBefore: int(env, 'REMINDER_QUARTERLY_WORKING_DAYS_BEFORE', 3, 0, 30),
      reportingWindowDay: int(env, 'REPORTING_WINDOW_DAY', 10, 1, 28),
      closeAfterWorkingDays: int(env, 'ROLLUP_CLOSE_AFTER_WORKING_DAYS', 3, 0, 30),
      acknowledgeWithinWorkingDays: int(env, 'REMINDER_ACKNOWLEDGE_WORKING_DAYS', 2, 0, 30),
    },
    webhooks: {
      allowedHosts: hostList(env, 'WEBHOOK_ALLOWED_HOSTS', ['oapi.dingtalk.com', 'qyapi.weixin.qq.com']),
      allowLocalForTests: testOnlyFlag(env, 'WEBHOOK_ALLOW_LOCAL_FOR_TESTS', nodeEnv),
    },
    readCacheTtlMs: int(env, 'READ_CACHE_TTL_MS', 5000, 0, 3_600_000),
    // Off in tests unless asked for: a test reads its own writes at once, whatever the machine's load.
    readCacheStale: {
      slowMs: int(env, 'READ_CACHE_SLOW_MS', nodeEnv === 'test' ? 1_000_000_000 : 250, 0, 1_000_000_000),
      maxStaleMs: int(env, 'READ_CACHE_MAX_STALE_MS', 10_000, 0, 3_600_000),
    },
    queue: {
      prefix: str(env, 'QUEUE_PREFIX', 'duban'),
      runsWorker: bool(env, 'WORKER_IN_API', true),
      dispatchIntervalMs: int(env, 'DISPATCH_INTERVAL_MS', 5000, 100, 3_600_000),
      lostAfterMs: int(env, 'REMINDER_LOST_AFTER_MS', 120_000, 1000, 86_400_000),
      webhookTimeoutMs: int(env, 'WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
      robotMessagesPerMinute: int(env, 'ROBOT_MESSAGES_PER_MINUTE', 20, 1, 10_000),
      deliveryBatch: int(env, 'REMINDER_DELIVERY_BATCH', 500, 1, 5000),
    },
    ops: {
      shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 1000, 600_000),
      metricsToken: metricsToken(env),
      logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const, nodeEnv === 'test' ? 'warn' : 'info'),
      migrateAtBoot: bool(env, 'MIGRATE_AT_BOOT', true),
    },
  };
}

function metricsToken(env: Env): string | null {
  const v = optional(env, 'METRICS_TOKEN');
  if (v !== null && v.length < 16) throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return v;
}

/** For entry points: the configuration, or a one-line message naming the bad variable and exit 1. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
