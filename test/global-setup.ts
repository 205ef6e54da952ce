// Vitest global setup of the integration project: one PostgreSQL server for the whole run, and a migrated template
// database from which every test file gets its own copy (test/db.ts). Uses TEST_DATABASE_URL when set (a server
// the tests may create and drop databases on); otherwise an embedded cluster under .data/test-postgres.
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ensureDatabase } from "../scripts/lib/database";
import { applyMigrations } from "../scripts/lib/migrate";
import { PROJECT_ROOT } from "../scripts/lib/migrations";
import { databaseUrl, freePort, TEST_DATABASE_PREFIX, withClient } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Connection URL of a database on the test server with rights to CREATE/DROP DATABASE. */
    testServerUrl: string;
    /** Name of the migrated template database. */
    testTemplateDatabase: string;
  }
}

const TEST_PG_PORT = 54339;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.TEST_DATABASE_URL;
  const server = external
    ? { url: external, embedded: false, stop: async () => {} }
    : await ensureDatabase({
        dataDir: path.join(PROJECT_ROOT, ".data", "test-postgres"),
        port: Number(process.env.LUOSHI_TEST_PG_PORT) || (await freePort(TEST_PG_PORT)),
        databaseName: "postgres",
        ephemeral: true,
        embeddedOnly: true,
        log: () => {},
      });
  const template = `${TEST_DATABASE_PREFIX}template_${process.pid}`;
  try {
    await withClient(server.url, async (client) => {
      // Databases left by an interrupted run on our own cluster (on a shared server, only our own template).
      const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
        server.embedded ? `${TEST_DATABASE_PREFIX}%` : template,
      ]);
      for (const { datname } of rows) await client.query(`DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`);
    });
    await applyMigrations(databaseUrl(server.url, template));
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide("testServerUrl", server.url);
  project.provide("testTemplateDatabase", template);

  return async () => {
    await withClient(server.url, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(template)} WITH (FORCE)`),
    ).catch(() => {});
    await server.stop();
  };
}
