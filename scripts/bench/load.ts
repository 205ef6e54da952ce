// Load on loopback for the province benchmark: HTTP reads at a given concurrency (autocannon), the same for a SQL
// statement through a pg Pool, writers posting figures and reviewers approving them while the reads run, the count
// of lost and duplicated writes afterwards, and the server's resident memory.
import { readdir, readFile } from "node:fs/promises";
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import type pg from "pg";
import { summarise, type Timing } from "./timing";

export interface LoadTiming extends Timing {
  concurrency: number;
  p99: number;
  /** Responses other than the expected status, and requests that failed or timed out… */
  failures: number;
  /** …by status, "error" or "timeout". */
  failed: Record<string, number>;
  seconds: number;
}

/** Adds p99 (nearest rank) to a summary of the samples; NaN times when nothing succeeded (the failures say why). */
export function summariseLoad(samples: number[], concurrency: number, failed: Record<string, number>, seconds: number): LoadTiming {
  const failures = Object.values(failed).reduce((n, c) => n + c, 0);
  if (!samples.length) {
    return { iterations: 0, p50: NaN, p95: NaN, p99: NaN, min: NaN, max: NaN, mean: NaN, samples, concurrency, failures, failed, seconds };
  }
  const sorted = [...samples].sort((a, b) => a - b);
  return { ...summarise(samples), concurrency, p99: sorted[Math.max(0, Math.ceil(0.99 * sorted.length) - 1)]!, failures, failed, seconds };
}

export interface Bound {
  concurrency: number;
  /** Requests to make… */
  amount: number;
  /** …unless this many seconds pass first. */
  maxSeconds: number;
}

/** GETs `url` `amount` times over `concurrency` connections (autocannon); the latency of every 200. */
export function httpLoad(url: string, headers: Record<string, string>, bound: Bound): Promise<LoadTiming> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    const failed: Record<string, number> = {};
    const started = performance.now();
    let cutOff = false;
    const instance = autocannon(
      { url, headers, connections: bound.concurrency, amount: Math.max(bound.amount, bound.concurrency), timeout: Math.max(30, bound.maxSeconds) },
      (error, result) => {
        clearTimeout(timer);
        if (error) return reject(error);
        // Errors and timeouts never reach "response" (autocannon counts a timeout among the errors too).
        if (result.timeouts) failed.timeout = result.timeouts;
        if (result.errors - result.timeouts > 0) failed.error = result.errors - result.timeouts;
        // Stopped at the time bound: every connection had a request in flight, unanswered (not timed).
        if (cutOff) failed[`cut off at ${bound.maxSeconds} s`] = bound.concurrency;
        resolve(summariseLoad(samples, bound.concurrency, failed, (performance.now() - started) / 1000));
      },
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime);
      else failed[statusCode] = (failed[statusCode] ?? 0) + 1;
    });
    const timer = setTimeout(() => {
      cutOff = true;
      instance.stop();
    }, bound.maxSeconds * 1000);
  });
}

/** Runs `operation` `amount` times with `concurrency` at once (e.g. a statement through a pg Pool); the latency of each. */
export async function concurrentLoad(operation: () => Promise<unknown>, bound: Bound): Promise<LoadTiming> {
  const samples: number[] = [];
  const failed: Record<string, number> = {};
  let issued = 0;
  const started = performance.now();
  const deadline = started + bound.maxSeconds * 1000;
  const worker = async () => {
    while (issued < Math.max(bound.amount, bound.concurrency) && performance.now() < deadline) {
      issued++;
      const t = performance.now();
      try {
        await operation();
        samples.push(performance.now() - t);
      } catch {
        failed.error = (failed.error ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: bound.concurrency }, worker));
  return summariseLoad(samples, bound.concurrency, failed, (performance.now() - started) / 1000);
}

export interface Writer {
  token: string;
  /** The goals the writer's department leads, each with the period to report. */
  goals: { id: string; period: string }[];
}

export interface WriteLoadResult {
  seconds: number;
  /** Acknowledged (201) submissions: their tag and the version id the server returned. */
  acknowledged: { tag: string; id: string }[];
  /** Submissions answered otherwise, by status ("error" when no answer came). */
  refused: Record<string, number>;
  /** Acknowledged (200) approvals. */
  approved: string[];
  /** Approvals answered otherwise, by status (409: the version was superseded meanwhile). */
  approvalsRefused: Record<string, number>;
  submitLatency: Timing | null;
  approveLatency: Timing | null;
}

/**
 * Starts the writers (one loop each, posting the next of its goals with a unique tag in the note) and the reviewers
 * (approving acknowledged versions, the newest first). stop() lets every request in flight finish.
 */
export function startWriteLoad(opts: { origin: string; writers: Writer[]; reviewerToken: string; reviewers: number; tag: (writer: number, sequence: number) => string }) {
  let stopping = false;
  const started = performance.now();
  const result: WriteLoadResult = { seconds: 0, acknowledged: [], refused: {}, approved: [], approvalsRefused: {}, submitLatency: null, approveLatency: null };
  const submitSamples: number[] = [];
  const approveSamples: number[] = [];
  const toReview: string[] = [];
  const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);
  // node:http on keep-alive connections rather than fetch: the client shares the machine's two cores with the
  // server and PostgreSQL, and fetch's streams cost it about twice the CPU per request.
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.writers.length + opts.reviewers });
  const post = (path: string, token: string, body: unknown) =>
    new Promise<{ status: number; json: { entry?: { id?: string } } | null }>((resolve, reject) => {
      const payload = JSON.stringify(body);
      const request = http.request(`${opts.origin}${path}`, {
        method: "POST",
        agent,
        timeout: 60_000,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          let json: { entry?: { id?: string } } | null = null;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { entry?: { id?: string } };
          } catch {
            // not JSON: counted by its status
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error("timeout")));
      request.on("error", reject);
      request.end(payload);
    });

  const writer = async (writer: Writer, n: number) => {
    for (let sequence = 0; !stopping; sequence++) {
      const goal = writer.goals[sequence % writer.goals.length]!;
      const tag = opts.tag(n, sequence);
      const t = performance.now();
      try {
        const { status, json } = await post(`/api/v1/goals/${goal.id}/entries`, writer.token, { period: goal.period, value: String(10 + (sequence % 90)), note: tag, confirm: true });
        if (status === 201 && json?.entry?.id) {
          submitSamples.push(performance.now() - t);
          result.acknowledged.push({ tag, id: json.entry.id });
          toReview.push(json.entry.id);
        } else bump(result.refused, String(status));
      } catch {
        bump(result.refused, "error");
      }
    }
  };
  const reviewer = async () => {
    while (!stopping) {
      // The newest first, as an office clears its queue from the top: an older one is likelier to be superseded.
      const id = toReview.pop();
      if (!id) {
        await sleep(20);
        continue;
      }
      const t = performance.now();
      try {
        const { status } = await post(`/api/v1/entries/${id}/approve`, opts.reviewerToken, {});
        if (status === 200) {
          approveSamples.push(performance.now() - t);
          result.approved.push(id);
        } else bump(result.approvalsRefused, String(status));
      } catch {
        bump(result.approvalsRefused, "error");
      }
    }
  };
  const loops = [...opts.writers.map(writer), ...Array.from({ length: opts.reviewers }, reviewer)];
  return {
    /** Acknowledged submissions so far. */
    written: () => result.acknowledged.length,
    /** Progress, for the log. */
    progress: () => `${result.acknowledged.length} writes and ${result.approved.length} approvals acknowledged` +
      (Object.keys(result.refused).length ? `, writes refused ${JSON.stringify(result.refused)}` : "") +
      (Object.keys(result.approvalsRefused).length ? `, approvals refused ${JSON.stringify(result.approvalsRefused)}` : ""),
    async stop(): Promise<WriteLoadResult> {
      stopping = true;
      await Promise.all(loops);
      agent.destroy();
      result.seconds = (performance.now() - started) / 1000;
      result.submitLatency = submitSamples.length ? summarise(submitSamples) : null;
      result.approveLatency = approveSamples.length ? summarise(approveSamples) : null;
      return result;
    },
  };
}

export interface WriteAudit {
  acknowledged: number;
  /** Acknowledged but not in the database. */
  lost: number;
  /** Tags present more than once. */
  duplicated: number;
  /** Acknowledged versions without their entry.submit AuditEvent. */
  withoutAudit: number;
  /** Written though the client saw no 201 (an answer lost on the way): not lost, not counted as acknowledged. */
  unacknowledgedButStored: number;
  approvalsAcknowledged: number;
  /** Acknowledged approvals whose version is not approved, or has no entry.approve event. */
  approvalsLost: number;
}

/** Counts, in the database, what became of every write of the run (tags start with `prefix`). */
export async function auditWrites(pool: pg.Pool, prefix: string, load: WriteLoadResult): Promise<WriteAudit> {
  const { rows } = await pool.query<{ note: string; n: number; ids: string[] }>(
    `SELECT "note", count(*)::int AS n, array_agg("id") AS ids FROM "ProgressEntry" WHERE "note" LIKE $1 || '%' GROUP BY "note"`,
    [prefix],
  );
  const stored = new Map(rows.map((r) => [r.note, r]));
  const acknowledgedTags = new Set(load.acknowledged.map((a) => a.tag));
  const ids = load.acknowledged.map((a) => a.id);
  const { rows: audited } = await pool.query<{ n: number }>(
    `SELECT count(DISTINCT "entityId")::int AS n FROM "AuditEvent" WHERE "action" = 'entry.submit' AND "entityType" = 'ProgressEntry' AND "entityId" = ANY($1::text[])`,
    [ids],
  );
  const { rows: approved } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "ProgressEntry" e
     WHERE e."id" = ANY($1::text[]) AND e."state" = 'approved'
       AND EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."entityType" = 'ProgressEntry' AND a."entityId" = e."id" AND a."action" = 'entry.approve')`,
    [load.approved],
  );
  return {
    acknowledged: load.acknowledged.length,
    lost: load.acknowledged.filter((a) => !stored.get(a.tag)?.ids.includes(a.id)).length,
    duplicated: rows.filter((r) => r.n > 1).length,
    withoutAudit: load.acknowledged.length - (audited[0]?.n ?? 0),
    unacknowledgedButStored: rows.filter((r) => !acknowledgedTags.has(r.note)).length,
    approvalsAcknowledged: load.approved.length,
    approvalsLost: load.approved.length - (approved[0]?.n ?? 0),
  };
}

/** The next-server processes under `rootPid` (the cluster's workers; `next start` may serve from a child), else `rootPid` itself. */
export async function serverProcesses(rootPid: number): Promise<number[]> {
  const parents = new Map<number, number>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid) parents.set(Number(entry), ppid);
  }
  const descends = (pid: number): boolean => {
    for (let p = pid; p > 1; p = parents.get(p) ?? 0) if (p === rootPid) return true;
    return false;
  };
  const found: number[] = [];
  for (const pid of parents.keys()) {
    if (!descends(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.startsWith("next-server")) found.push(pid);
  }
  return found.length ? found : [rootPid];
}

/** Samples the processes' resident memory (VmRSS, summed) every interval until stopped; MiB. */
export function sampleRss(pids: readonly number[], intervalMs = 500) {
  let max = 0;
  let last = 0;
  const read = async () => {
    let kb = 0;
    for (const pid of pids) {
      const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    }
    if (kb) {
      last = kb / 1024;
      max = Math.max(max, last);
    }
  };
  void read();
  const timer = setInterval(() => void read(), intervalMs).unref();
  return {
    async stop(): Promise<{ maxMiB: number; endMiB: number }> {
      clearInterval(timer);
      await read();
      return { maxMiB: max, endMiB: last };
    },
  };
}
