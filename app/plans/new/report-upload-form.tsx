"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { LEVEL_LABELS } from "@/lib/domain/labels";
import { apiUpload, errorText, type ApiError } from "@/lib/client/api";
import { controlClass } from "@/components/form-fields";
import { REPORT_FILE_LIMIT } from "@/lib/domain/body-limits";

/** A region of the importer's scope, as the picker offers it. */
export interface UploadRegion {
  id: string;
  name: string;
  level: string;
  depth: number;
}

/** The server's limit: checked here first so a 30 MB file is not sent. */
const MAX_FILE_BYTES = REPORT_FILE_LIMIT;
const ACCEPT = ".txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const LEVEL_OPTIONS = Object.entries(LEVEL_LABELS) as [keyof typeof LEVEL_LABELS, string][];

type Source = "file" | "text";
type Phase = { step: "idle" } | { step: "uploading"; share: number } | { step: "reading" } | { step: "done" };

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The report and its government, sent as multipart/form-data to POST /api/v1/imports with XMLHttpRequest so the
 * upload's progress shows (a server action would give only a pending state); the answer is the draft to review.
 */
export function ReportUploadForm({ regions, defaultRegionId, target }: {
  regions: readonly UploadRegion[];
  defaultRegionId: string;
  /** A re-import into this plan: its region, level and year are fixed. */
  target: { id: string; regionId: string; region: string; level: string; year: number } | null;
}) {
  const router = useRouter();
  const [source, setSource] = useState<Source>("file");
  const [regionId, setRegionId] = useState(target?.regionId ?? (regions.some((r) => r.id === defaultRegionId) ? defaultRegionId : regions[0]?.id ?? ""));
  const region = regions.find((r) => r.id === regionId);
  const [level, setLevel] = useState(target?.level ?? region?.level ?? "city");
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ step: "idle" });
  const [error, setError] = useState<ApiError | null>(null);
  const busy = phase.step === "uploading" || phase.step === "reading" || phase.step === "done";
  const f = error?.fields ?? {};

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    form.delete("file");
    form.delete("text");
    if (source === "file") {
      if (!file) return setError({ code: "validation", message: "请选择报告文件（.txt、.docx 或 .pdf）", fields: { file: "请选择报告文件" } });
      if (file.size === 0) return setError({ code: "validation", message: "所选文件是空的，请选择报告正文文件", fields: { file: "所选文件是空的" } });
      if (file.size > MAX_FILE_BYTES) return setError({ code: "too_large", message: `文件过大（${sizeText(file.size)}），上限 20 MB`, fields: { file: "文件超过 20 MB" } });
      form.set("file", file);
    } else {
      const text = String(new FormData(event.currentTarget).get("text") ?? "");
      if (!text.trim()) return setError({ code: "validation", message: "请粘贴报告全文", fields: { text: "请粘贴报告全文" } });
      form.set("text", text);
    }
    setError(null);
    setPhase({ step: "uploading", share: 0 });
    const answer = await apiUpload<{ import: { id: string } }>("/api/v1/imports", form, (share) =>
      setPhase(share >= 1 ? { step: "reading" } : { step: "uploading", share }),
    );
    if (!answer.ok) {
      setPhase({ step: "idle" });
      setError(answer.error);
      return;
    }
    setPhase({ step: "done" });
    router.push(`/imports/${answer.value.import.id}`);
  }

  const tab = (value: Source, label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={source === value}
      aria-controls={`source-${value}`}
      id={`source-tab-${value}`}
      onClick={() => setSource(value)}
      className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${source === value ? "border-brand-700 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-brand-700"}`}
    >
      {label}
    </button>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4" data-testid="report-upload-form" aria-busy={busy}>
      {target && <input type="hidden" name="planId" value={target.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="text-sm sm:col-span-2">
          <label htmlFor="field-regionId" className="mb-1 block text-slate-700">地区</label>
          {target ? (
            <>
              <input type="hidden" name="regionId" value={target.regionId} />
              <p id="field-regionId" className="py-1.5">{target.region}</p>
            </>
          ) : (
            <select
              id="field-regionId"
              name="regionId"
              value={regionId}
              onChange={(e) => {
                setRegionId(e.target.value);
                const chosen = regions.find((r) => r.id === e.target.value);
                if (chosen) setLevel(chosen.level);
              }}
              aria-invalid={Boolean(f.regionId)}
              aria-describedby="field-regionId-error"
              className={controlClass}
            >
              {regions.map((r) => (
                <option key={r.id} value={r.id}>{`${"　".repeat(r.depth)}${r.name}（${LEVEL_LABELS[r.level as keyof typeof LEVEL_LABELS] ?? r.level}）`}</option>
              ))}
            </select>
          )}
          <p id="field-regionId-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.regionId}</p>
        </div>
        <div className="text-sm">
          <label htmlFor="field-level" className="mb-1 block text-slate-700">行政层级</label>
          {target ? <input type="hidden" name="level" value={level} /> : null}
          <select id="field-level" name={target ? undefined : "level"} value={level} onChange={(e) => setLevel(e.target.value)} disabled={Boolean(target)} aria-invalid={Boolean(f.level)} aria-describedby="field-level-error" className={controlClass}>
            {LEVEL_OPTIONS.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </select>
          <p id="field-level-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.level}</p>
        </div>
        <div className="text-sm">
          <label htmlFor="field-year" className="mb-1 block text-slate-700">计划年度{target ? "" : "（可选）"}</label>
          {target ? (
            <>
              <input type="hidden" name="year" value={target.year} />
              <p id="field-year" className="py-1.5">{target.year}年</p>
            </>
          ) : (
            <input id="field-year" name="year" inputMode="numeric" autoComplete="off" placeholder="留空则从报告中识别" aria-invalid={Boolean(f.year)} aria-describedby="field-year-error" className={controlClass} />
          )}
          <p id="field-year-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.year}</p>
        </div>
        {!target && (
          <div className="text-sm sm:col-span-2 lg:col-span-4">
            <label htmlFor="field-title" className="mb-1 block text-slate-700">标题（可选）</label>
            <input id="field-title" name="title" autoComplete="off" placeholder="默认：地区+年度+政府工作报告目标任务" aria-invalid={Boolean(f.title)} aria-describedby="field-title-error" className={`${controlClass} lg:max-w-xl`} />
            <p id="field-title-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.title}</p>
          </div>
        )}
      </div>

      <div>
        <div role="tablist" aria-label="报告来源" className="mb-3 flex gap-1 border-b border-slate-200">
          {tab("file", "上传文件")}
          {tab("text", "粘贴文本")}
        </div>
        <div id="source-file" role="tabpanel" aria-labelledby="source-tab-file" hidden={source !== "file"} className="text-sm">
          <label htmlFor="report-file" className="mb-1 block text-slate-700">报告文件（.txt、.docx 或文字版 .pdf，不超过 20 MB）</label>
          {/* The native control names its button in the browser's language; ours says 选择文件. */}
          <div className="flex flex-wrap items-center gap-3">
            <input
              id="report-file"
              type="file"
              accept={ACCEPT}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setError(null);
              }}
              aria-invalid={Boolean(f.file)}
              aria-describedby="report-file-note"
              className="peer sr-only"
            />
            <label
              htmlFor="report-file"
              className={`cursor-pointer rounded border bg-white px-3 py-1.5 hover:border-slate-500 peer-focus-visible:ring-2 peer-focus-visible:ring-brand-600 ${f.file ? "border-red-600" : "border-slate-300"}`}
            >
              选择文件
            </label>
            <span className="text-slate-700" data-testid="chosen-file">{file ? `${file.name}（${sizeText(file.size)}）` : "未选择文件"}</span>
          </div>
          <p id="report-file-note" className="mt-1 text-slate-500">
            扫描件（图片）PDF 没有文字层，无法识别，请改用 Word 或文字版 PDF。
          </p>
        </div>
        <div id="source-text" role="tabpanel" aria-labelledby="source-tab-text" hidden={source !== "text"} className="text-sm">
          <label htmlFor="field-text" className="mb-1 block text-slate-700">报告全文</label>
          <textarea
            id="field-text"
            name="text"
            rows={14}
            spellCheck={false}
            aria-invalid={Boolean(f.text)}
            aria-describedby="field-text-error"
            placeholder="粘贴政府工作报告全文。系统会识别“今年主要预期目标”和各项重点工作中的量化目标。"
            className={controlClass}
          />
          <p id="field-text-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.text}</p>
        </div>
      </div>

      {phase.step === "uploading" || phase.step === "reading" ? (
        <div className="text-sm" data-testid="upload-progress">
          <progress
            className="h-2 w-full max-w-md overflow-hidden rounded [&::-webkit-progress-bar]:bg-slate-100 [&::-webkit-progress-value]:bg-brand-600"
            max={1}
            value={phase.step === "uploading" ? phase.share : undefined}
            aria-label="上传进度"
          />
          <p className="mt-1 text-slate-600" aria-live="polite">
            {phase.step === "uploading" ? `正在上传… ${Math.round(phase.share * 100)}%` : "上传完成，正在读取文件并识别目标…"}
          </p>
        </div>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={busy} className="rounded bg-brand-700 px-4 py-2 text-sm text-white hover:bg-brand-600 disabled:opacity-60">
          {busy ? "正在识别目标…" : target ? "上传并比对" : "上传并识别目标"}
        </button>
        <p role="alert" className="text-sm text-red-700 empty:hidden" data-testid="upload-message">{error ? errorText(error) : ""}</p>
      </div>
    </form>
  );
}
