import "server-only";
import { Worker } from "node:worker_threads";
import { renderDocx, type DocxSpec } from "./docx-render";

// A big document is rendered in a worker thread, so the ≈3 s docx spends serialising 5,000 rows blocks no one;
// a small one (most summaries) in-process, where starting a thread would cost more than it saves.
// The worker gets renderDocx's own source and loads docx from node_modules (process.cwd(), where the app runs).

const WORKER_THRESHOLD = 150;

// `__name`: the helper esbuild's keepNames (tsx) wraps inner functions with.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const __name = (fn) => fn;
const render = (${renderDocx.toString()});
render(require("docx"), workerData).then(
  (bytes) => parentPort.postMessage({ bytes }, [bytes.buffer]),
  (error) => parentPort.postMessage({ error: String(error && error.stack || error) }),
);`;

function inWorker(spec: DocxSpec): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: spec });
    worker.once("message", (message: { bytes?: Uint8Array; error?: string }) => {
      if (message.bytes) resolve(message.bytes);
      else reject(new Error(`Word 文件生成失败：${message.error}`));
      void worker.terminate();
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`Word worker exited with ${code}`)));
  });
}

/** The .docx bytes of a spec; `rows` (table rows in it) decides whether a thread is worth starting. */
export async function docxBytes(spec: DocxSpec, rows: number): Promise<Uint8Array> {
  if (rows < WORKER_THRESHOLD) return renderDocx(await import("docx"), spec);
  try {
    return await inWorker(spec);
  } catch (error) {
    // A thread that cannot start (docx not where the worker looks) must not cost the user the file.
    console.error("[exports] Word worker failed, rendering in-process", error);
    return renderDocx(await import("docx"), spec);
  }
}
