// npm run backup [-- --out <dir>] — dumps the app's database (DATABASE_URL, or the embedded one `npm start` uses:
// shared when running, else started and stopped again) into <dir>/luoshi-<YYYYMMDD-HHmmss>.dump with pg_dump's
// custom format. <dir>: --out, else LUOSHI_BACKUP_DIR, else backups/. Restore with `npm run restore -- <file>`.
import path from "node:path";
import { parseArgs } from "node:util";
import { backupDatabase, BackupError, describeCounts } from "./lib/backup";
import { ensureDatabase } from "./lib/database";
import { PROJECT_ROOT } from "./lib/migrations";

// npm runs scripts from the project folder; a relative --out means the folder the command was typed in.
const here = process.env.INIT_CWD ?? process.cwd();

let options: { out?: string };
try {
  options = parseArgs({ options: { out: { type: "string" } }, allowPositionals: false }).values;
} catch (error) {
  console.error(`${error instanceof Error ? error.message : error}\n用法：npm run backup [-- --out <目录>]`);
  process.exit(2);
}
const dir = options.out
  ? path.resolve(here, options.out)
  : process.env.LUOSHI_BACKUP_DIR
    ? path.resolve(here, process.env.LUOSHI_BACKUP_DIR)
    : path.join(PROJECT_ROOT, "backups");

// Ctrl-C or a stop request ends pg_dump, and the partial file is removed before exiting.
const abort = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => abort.abort());

const database = await ensureDatabase({ log: (message) => console.error(message) });
try {
  const backup = await backupDatabase({ databaseUrl: database.url, dir, signal: abort.signal });
  console.log(`备份完成：${shown(backup.file)}`);
  console.log(`大小：${formatBytes(backup.bytes)}（PostgreSQL ${backup.serverVersion}，pg_dump ${backup.pgDumpVersion}）`);
  console.log(`行数：${describeCounts(backup.counts)}`);
  console.log(`恢复：npm run restore -- ${shown(backup.file)} [--database <库名>] [--replace]`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : error);
  process.exitCode = abort.signal.aborted ? 130 : 1;
} finally {
  await database.stop();
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/** A path as typed from here when it lies below, else absolute. */
function shown(file: string): string {
  const relative = path.relative(here, file);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : file;
}
