/**
 * Once per run: a PostgreSQL server (DATABASE_URL's, or an embedded one) and a migrated template
 * database that every test file copies (tests/setup/test-database.ts).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../db/migrate';
import { postgresServer } from './postgres-server';
import { withDatabase } from './urls';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await postgresServer('test');
  const adminUrl = server.adminUrl;
  const templateDatabase = `plenum_template_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabase}`);
  await admin.unsafe(`CREATE DATABASE ${templateDatabase}`);
  const template = postgres(withDatabase(adminUrl, templateDatabase), { max: 1, onnotice: () => {} });
  await migrate(template);
  await template.end();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${templateDatabase} WITH (FORCE)`);
    await admin.end();
    await server.stop();
  };
}
