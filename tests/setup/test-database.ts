/**
 * Per test file: a fresh database copied from the migrated template, set as DATABASE_URL so the
 * app's shared client (db/sql.ts) and any server the file starts use it; dropped afterwards.
 * Also makes any console.error fail the test: no silent failures.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject, vi } from 'vitest';
import { closeSql } from '../../db/sql';
import { withDatabase } from './urls';

const adminUrl = inject('adminUrl');
const template = inject('templateDatabase');
const database = `plenum_test_${randomBytes(6).toString('hex')}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });

beforeAll(async () => {
  // Copying a template fails while another copy of it is being made; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`CREATE DATABASE ${database} TEMPLATE ${template}`);
      break;
    } catch (error) {
      if (attempt >= 20 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
    }
  }
  process.env.DATABASE_URL = withDatabase(adminUrl, database);
  process.env.TEST_ADMIN_URL = adminUrl;
});

afterAll(async () => {
  await closeSql();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

const consoleError = console.error;
vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  consoleError(...args);
  throw new Error(`console.error was called: ${args.map(String).join(' ')}`);
});
