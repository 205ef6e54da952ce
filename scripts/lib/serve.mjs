// The app's server process: `node [--import client-address.mjs] scripts/lib/serve.mjs start --hostname H --port P`.
//
// Node runs JavaScript on one core, so one `next start` process cannot use a second core however busy it is: at
// province scale the writers' request handling filled one core while the other sat half idle (decision 0019).
// Here a primary process forks LUOSHI_WORKERS `next start` workers (default: one per core, at most 8) that share
// the port through node:cluster; each is a whole app instance as in decision 0017 — PostgreSQL holds every state
// (sessions, sign-in limits, jobs, files) — so any worker may answer any request. A worker that dies is replaced; a
// worker that dies again and again within seconds of starting stops the whole server instead of looping.
// SIGTERM/SIGINT stop the workers (each finishes its requests) and then the primary. `dev`, or LUOSHI_WORKERS=1,
// runs Next in this process as before.
import cluster from "node:cluster";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { workerCount } from "./workers.mjs";

const QUICK_DEATH_MS = 10_000;
const QUICK_DEATHS_TOLERATED = 3;
const STOP_GRACE_MS = 10_000;

const args = process.argv.slice(2);
const dev = args[0] === "dev";
const workers = dev ? 1 : workerCount();

if (cluster.isPrimary && workers > 1) {
  // The workers accept connections themselves from the shared socket, rather than the primary accepting each and
  // handing it to a worker in turn (Node's default on Linux): with the cores busy, that hand-over waited on the
  // primary and on the worker's IPC, and the first request of a new connection took 200–400 ms under a burst of
  // writes, against 50–100 ms on an open one (decision 0024). NODE_CLUSTER_SCHED_POLICY=rr brings the default back.
  if (!process.env.NODE_CLUSTER_SCHED_POLICY) cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let stopCode = 0;
  const quickDeaths = [];
  const started = new Map();
  const fork = () => {
    const worker = cluster.fork();
    started.set(worker.id, Date.now());
  };
  console.log(`落实: ${workers} 个服务进程（LUOSHI_WORKERS），共用端口`);
  // One after another, each once the one before listens: their boot work (the job queue's setup) does not collide.
  let forked = 1;
  fork();
  cluster.on("listening", () => {
    if (forked < workers && !stopping) {
      forked++;
      fork();
    }
  });
  cluster.on("exit", (worker, code, signal) => {
    const lived = Date.now() - (started.get(worker.id) ?? 0);
    started.delete(worker.id);
    if (stopping) {
      if (!started.size) process.exit(stopCode);
      return;
    }
    console.error(`服务进程 ${worker.process.pid} 退出（${signal ?? code}），正在重启…`);
    if (lived < QUICK_DEATH_MS) quickDeaths.push(Date.now());
    while (quickDeaths.length && Date.now() - quickDeaths[0] > 60_000) quickDeaths.shift();
    if (quickDeaths.length > QUICK_DEATHS_TOLERATED) {
      console.error("服务进程启动后反复退出，停止服务。请查看上面的错误信息。");
      stop(1);
      return;
    }
    fork();
  });
  const stop = (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    stopCode = exitCode;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(exitCode);
    }, STOP_GRACE_MS).unref();
    if (!started.size) process.exit(exitCode);
  };
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => stop(0));
} else {
  // A worker (or the only process): Next's own command line, in this process — its server offering a figure's
  // submission and approval to the app's fast routes first (scripts/lib/fast-routes.mjs, decision 0024).
  if (!dev && process.env.LUOSHI_FAST_ROUTES !== "0") (await import("./fast-routes.mjs")).installFastRoutes();
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  process.argv = [process.argv[0], nextBin, ...args];
  await import(pathToFileURL(nextBin).href);
}
