// Data source for the TypeORM CLI: `npm run migration:run` / `migration:revert`.
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from './app-config';
import { buildDataSourceOptions } from './typeorm-options';

const config = loadConfig();
if (config.db.type === 'sqlite') mkdirSync(dirname(config.db.path), { recursive: true });

export default new DataSource(buildDataSourceOptions(config));
