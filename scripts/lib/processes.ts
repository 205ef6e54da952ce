// Looking at processes we started in an earlier run (from pid files), to stop what a hard kill left behind.
// Linux reads /proc; elsewhere the answers fall back to "trust the pid file".
import { readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie has exited and only waits to be reaped. /proc/<pid>/stat reads "pid (comm) state …".
  const stat = procFile(pid, "stat");
  return stat === null || !stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z");
}

/** Whether the live process `pid` runs a command containing `needle` (true when that cannot be read). */
export function runs(pid: number, needle: string): boolean {
  if (!isAlive(pid)) return false;
  const cmdline = procFile(pid, "cmdline");
  return cmdline === null || cmdline.includes(needle);
}

/**
 * Whether the process lost the Node process that started it (killed hard): it was re-parented to init or a
 * subreaper, and nobody will stop it.
 */
export function isOrphaned(pid: number): boolean {
  const ppid = Number(procFile(pid, "status")?.match(/^PPid:\s*(\d+)/m)?.[1]);
  if (!Number.isInteger(ppid) || ppid <= 1) return true;
  const argv0 = procFile(ppid, "cmdline")?.split("\0")[0] ?? "";
  return !path.basename(argv0).startsWith("node");
}

/** Sends `signal`, waits until the process is gone, escalates to `force` after `graceMs`. */
export async function stopProcess(
  pid: number,
  { signal = "SIGTERM", force = "SIGKILL", graceMs = 15_000 }: { signal?: NodeJS.Signals; force?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let waited = 0; isAlive(pid); waited += 100) {
    if (waited === graceMs) process.kill(pid, force);
    if (waited >= graceMs * 2) throw new Error(`Process ${pid} does not stop`);
    await sleep(100);
  }
}

function procFile(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, "utf8");
  } catch {
    return null;
  }
}

/** Something answers TCP on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
