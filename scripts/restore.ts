// npm run restore -- <file> [--database <name>] [--replace] — restores a backup of `npm run backup` into the app's
// database (DATABASE_URL, or the embedded one) or into <name> on the same server, then applies the migrations the
// backup lacks. A database that already has tables is replaced only with --replace, and kept as <name>_before_<time>.
import path from "node:path";
import { parseArgs } from "node:util";
import { BackupError, databaseNameOf, describeCounts, restoreDatabase } from "./lib/backup";
import { ensureDatabase } from "./lib/database";

const USAGE = "用法：npm run restore -- <备份文件> [--database <库名>] [--replace]";
const here = process.env.INIT_CWD ?? process.cwd();

let parsed: { values: { database?: string; replace?: boolean }; positionals: string[] };
try {
  parsed = parseArgs({ options: { database: { type: "string" }, replace: { type: "boolean" } }, allowPositionals: true });
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n${USAGE}`);
  process.exit(2);
}
if (parsed.positionals.length !== 1) {
  console.error(USAGE);
  process.exit(2);
}
const file = path.resolve(here, parsed.positionals[0]!);

const server = await ensureDatabase({ log: (message) => console.error(message) });
try {
  const database = parsed.values.database ?? databaseNameOf(server.url);
  const restored = await restoreDatabase({
    file,
    serverUrl: server.url,
    database,
    replace: parsed.values.replace ?? false,
    log: (message) => console.log(message),
  });
  const { archive } = restored;
  console.log(`已恢复到数据库 ${restored.database}：${shown(file)}`);
  console.log(
    `备份来源：数据库 ${archive.database ?? "?"}，生成于 ${archive.createdAt ?? "?"}（PostgreSQL ${archive.serverVersion ?? "?"}，pg_dump ${archive.pgDumpVersion ?? "?"}，${archive.tables} 张表）`,
  );
  console.log(`行数：${describeCounts(restored.counts)}`);
  console.log(restored.migrationsApplied.length ? `补做迁移：${restored.migrationsApplied.join(", ")}` : "数据库结构已是最新，无需迁移。");
  if (restored.previous) console.log(`原数据库保留为 ${restored.previous}；确认无误后可删除：DROP DATABASE "${restored.previous}";`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exitCode = 1;
} finally {
  await server.stop();
}

/** A path as typed from here when it lies below, else absolute. */
function shown(file: string): string {
  const relative = path.relative(here, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
