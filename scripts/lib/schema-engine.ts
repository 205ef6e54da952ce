// Prisma's schema engine (the part of `prisma migrate` that computes SQL), run as WebAssembly because the native
// engine binary cannot be downloaded here. The CLI only drives the native engine, so we call the Wasm build directly.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import type { MigrationList, SchemaEngine as WasmSchemaEngine } from "@prisma/schema-engine-wasm";
import { LOCKFILE_CONTENT, LOCKFILE_NAME, MIGRATIONS_DIR, PROJECT_ROOT, readMigrationFolders, readSchemaFile } from "./migrations";

const require = createRequire(import.meta.url);
// Prisma's adapter binder, from the copy adapter-pg itself depends on.
const { bindMigrationAwareSqlAdapterFactory } = createRequire(require.resolve("@prisma/adapter-pg"))(
  "@prisma/driver-adapter-utils",
) as { bindMigrationAwareSqlAdapterFactory(factory: object): object };

type Bindings = typeof import("@prisma/schema-engine-wasm");
let bindings: Promise<Bindings> | undefined;

/**
 * The package's entry imports the .wasm file as an ES module, which Node 20 cannot do; instantiate it by hand
 * with the generated JS glue as its import object, exactly as that entry would.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(pathToFileURL(gluePath).href)) as Bindings & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasm = await WebAssembly.compile(new Uint8Array(await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm"))));
    const instance = await WebAssembly.instantiate(wasm, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

/**
 * PrismaPg as the engine's database driver, with three fixes for migration use:
 * - The schema describer reads catalog columns of Postgres' one-byte "char" type (pg_class.relkind, …), which
 *   PrismaPg refuses as an unsupported type; pg hands them over as strings, so declare them text.
 * - executeScript splits on ";" (breaking semicolons inside strings or function bodies); send the script whole,
 *   which the simple query protocol allows.
 * - connectToShadowDb drops the shadow database while its own pool is still connected and never closes the
 *   connection that created it; close first, then DROP … WITH (FORCE).
 */
function migrationAdapter(url: string) {
  const factory = new PrismaPg({ connectionString: url });
  const open = new Set<{ dispose(): Promise<void> }>();
  const forMigrations = <T extends { executeScript(script: string): Promise<void>; underlyingDriver(): unknown }>(
    adapter: T,
  ): T => {
    adapter.executeScript = async (script: string) => {
      const pool = adapter.underlyingDriver() as import("pg").Pool;
      await pool.query(script);
    };
    charAsText(adapter);
    const startTransaction = (adapter as unknown as Transactional).startTransaction.bind(adapter);
    (adapter as unknown as Transactional).startTransaction = async (...args) => charAsText(await startTransaction(...args));
    return adapter;
  };
  const unbound = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = forMigrations(await factory.connect());
      open.add(adapter);
      return adapter;
    },
    connectToShadowDb: async () => {
      const shadowName = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      const admin = await factory.connect();
      await admin.executeRaw({ sql: `CREATE DATABASE "${shadowName}"`, args: [], argTypes: [] });
      const shadowUrl = new URL(url);
      shadowUrl.pathname = `/${shadowName}`;
      const shadow = forMigrations(await new PrismaPg({ connectionString: shadowUrl.href }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeRaw({ sql: `DROP DATABASE IF EXISTS "${shadowName}" WITH (FORCE)`, args: [], argTypes: [] });
        await admin.dispose();
      };
      return shadow;
    },
  };
  return {
    // The engine expects every adapter call to resolve to a Result ({ ok, value | error }), as Prisma's own
    // binder produces it for the query engine.
    bound: bindMigrationAwareSqlAdapterFactory(unbound),
    /** The engine never disposes its main connection; we do, or the pool keeps the process alive. */
    disposeAll: async () => {
      await Promise.all([...open].map((adapter) => adapter.dispose()));
      open.clear();
    },
  };
}

interface Transactional {
  startTransaction(...args: unknown[]): Promise<object>;
}

const PG_CHAR = 18;
const PG_TEXT = 25;

/** Patches PrismaPg's internal query method (performIO) to report "char" columns as text. */
function charAsText<T extends object>(queryable: T): T {
  const target = queryable as unknown as { performIO(query: unknown): Promise<import("pg").QueryResult> };
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === PG_CHAR) field.dataTypeID = PG_TEXT;
    return result;
  };
  return queryable;
}

export interface SchemaEngine {
  engine: WasmSchemaEngine;
  close(): Promise<void>;
}

/**
 * Opens the engine against `databaseUrl` (it connects at once; diffs that need a shadow database create and drop
 * one on that server). `schemaFiles` are [path, content] pairs of the Prisma schema.
 */
export async function openSchemaEngine(databaseUrl: string, schemaFiles: [string, string][] = []): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadBindings();
  const adapter = migrationAdapter(databaseUrl);
  const engine = await SchemaEngine.new(
    { datamodels: schemaFiles.length ? schemaFiles : undefined },
    () => {}, // engine log lines (tracing); errors reach us as rejected promises
    adapter.bound,
  );
  return {
    engine,
    close: async () => {
      engine.free();
      await adapter.disposeAll();
    },
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** The migrations folder in the shape the engine reads it (as the Prisma CLI builds it). */
export async function engineMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  // Without a lockfile (before the first migration) the engine cannot tell the connector; we only have one.
  const lockfile = await readFile(path.join(dir, LOCKFILE_NAME), "utf8").catch(() => LOCKFILE_CONTENT);
  const folders = await readMigrationFolders(dir);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE_NAME, content: lockfile },
    shadowDbInitScript: "",
    migrationDirectories: folders.map((folder) => ({
      path: folder.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: folder.sql } },
    })),
  };
}

/** What `prisma migrate diff` prints between a live database and schema.prisma; "" when they agree. */
export async function diffDatabaseToSchema(databaseUrl: string): Promise<string> {
  const schema = await readSchemaFile();
  const se = await openSchemaEngine(databaseUrl, [[schema.path, schema.content]]);
  try {
    const result = await se.engine.diff({
      // "The datasource's database" — with an adapter that is the database the engine is connected to.
      from: { tag: "schemaDatasource", files: [schema], configDir: PROJECT_ROOT },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return emptyDiff(result.stdout ?? "");
  } finally {
    await se.close();
  }
}

/**
 * The SQL that takes the end of the migration history (replayed in a throwaway shadow database on the server of
 * `databaseUrl`) to schema.prisma: `prisma migrate diff --from-migrations … --to-schema …`. "" when they agree.
 * This is also how new migrations are drafted: the Wasm engine's createMigration cannot use a shadow database
 * (only diff and the diagnostics receive the adapter factory), and it renders the same script.
 */
export async function diffMigrationsToSchema(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<string> {
  const schema = await readSchemaFile();
  const se = await openSchemaEngine(databaseUrl, [[schema.path, schema.content]]);
  try {
    const result = await se.engine.diff({
      from: { tag: "migrations", ...(await engineMigrationList(dir)) },
      to: { tag: "schemaDatamodel", files: [schema] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    return emptyDiff(result.stdout ?? "");
  } finally {
    await se.close();
  }
}

/** The engine renders "no difference" as a comment; normalise that to "". */
function emptyDiff(script: string): string {
  return script.trim() === "-- This is an empty migration." ? "" : script.trim();
}
