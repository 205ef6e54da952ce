"use client";
import { useActionState, useRef, useState } from "react";
import { LEVEL_LABELS } from "@/lib/domain/labels";
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField, controlClass, initialFormState } from "@/components/form-fields";
import { importPlanAction, type PlanImportValues } from "./actions";

const LEVEL_OPTIONS = Object.entries(LEVEL_LABELS).map(([value, label]) => ({ value, label }));
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const EMPTY: PlanImportValues = { region: "", regionId: "", level: "", year: "", title: "", text: "" };

/** Reads a text file; a file that is not valid UTF-8 (common for reports saved on Windows) is read again as GB18030. */
function readTextFile(file: File, encoding: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file, encoding);
  });
}

/** A region of the importer's scope, as the picker offers it. */
export interface ImportRegion {
  id: string;
  name: string;
  level: string;
  depth: number;
}

/** The picker's value for "a region not yet in the tree": the name and level fields appear. */
const NEW_REGION = "new";

export function PlanImportForm({ regions, defaultRegionId }: { regions: readonly ImportRegion[]; defaultRegionId: string }) {
  const [state, formAction, pending] = useActionState(importPlanAction, initialFormState({ ...EMPTY, regionId: defaultRegionId }));
  const textRef = useRef<HTMLTextAreaElement>(null);
  const [fileNote, setFileNote] = useState<{ ok: boolean; text: string } | null>(null);
  const v = state.values;
  const f = state.fields;
  // A refused "new region" import comes back without a regionId: the new-region fields stay open.
  const [choice, setChoice] = useState(v.regionId || (regions.length === 0 || v.region ? NEW_REGION : defaultRegionId));
  const chosen = regions.find((r) => r.id === choice);
  const [newName, setNewName] = useState(v.regionId ? "" : v.region);

  async function onFile(event: React.ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileNote({ ok: false, text: "文件超过5MB，请确认是否为报告正文" });
      return;
    }
    try {
      let content = await readTextFile(file, "UTF-8");
      let note = `已读取 ${file.name}（${content.length.toLocaleString("zh-CN")} 字）`;
      if (content.includes("\uFFFD")) {
        content = await readTextFile(file, "GB18030");
        note += "，文件不是UTF-8编码，已按GBK/GB18030读取，请核对文字是否正常";
      }
      if (textRef.current) textRef.current.value = content;
      setFileNote({ ok: true, text: note });
    } catch {
      setFileNote({ ok: false, text: "读取文件失败，请改为复制粘贴报告全文" });
    }
  }

  return (
    <form action={formAction} noValidate key={state.at} className="space-y-4" data-testid="plan-import-form">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <div className="text-sm sm:col-span-2 lg:col-span-4">
          <label htmlFor="field-region-choice" className="mb-1 block text-slate-700">地区</label>
          <select
            id="field-region-choice"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            aria-invalid={Boolean(f.regionId)}
            aria-describedby="field-region-choice-error field-region-choice-hint"
            className={`${controlClass} sm:max-w-md`}
          >
            {regions.map((r) => (
              <option key={r.id} value={r.id}>{`${"　".repeat(r.depth)}${r.name}（${LEVEL_LABELS[r.level as keyof typeof LEVEL_LABELS] ?? r.level}）`}</option>
            ))}
            <option value={NEW_REGION}>新建下级地区：{newName || "填写名称"}</option>
          </select>
          <p id="field-region-choice-hint" className="mt-1 text-xs text-slate-500">
            报告所属的政府：本级或下级地区。下级地区尚未建立时选“新建下级地区”，将建在本级之下。
          </p>
          <p id="field-region-choice-error" aria-live="polite" className="mt-1 text-red-700 empty:hidden">{f.regionId}</p>
        </div>
        {chosen ? (
          <>
            <input type="hidden" name="regionId" value={chosen.id} />
            <input type="hidden" name="region" value={chosen.name} />
            <input type="hidden" name="level" value={chosen.level} />
          </>
        ) : (
          <>
            <TextField label="新地区名称" name="region" defaultValue={newName} onChange={(e) => setNewName(e.target.value)} error={f.region} required placeholder="例如 东安区" autoComplete="off" />
            <SelectField label="行政层级" name="level" defaultValue={v.level} error={f.level} options={LEVEL_OPTIONS} placeholder="请选择" required />
          </>
        )}
        <TextField label="计划年度（可选）" name="year" defaultValue={v.year} error={f.year} inputMode="numeric" autoComplete="off" placeholder="留空则从报告中识别" />
        <TextField label="标题（可选）" name="title" defaultValue={v.title} error={f.title} autoComplete="off" placeholder="默认：地区+年度+政府工作报告目标任务" />
      </div>
      <div className="text-sm">
        <label htmlFor="report-file" className="mb-1 block text-slate-700">从文本文件读取（.txt，UTF-8）</label>
        <input id="report-file" type="file" accept=".txt,text/plain" onChange={onFile} aria-describedby="report-file-note" className={`${controlClass} file:mr-3 file:rounded file:border-0 file:bg-slate-100 file:px-2 file:py-1`} />
        <p id="report-file-note" aria-live="polite" className={`mt-1 ${fileNote?.ok === false ? "text-red-700" : "text-slate-500"}`}>
          {fileNote?.text ?? "文件内容会填入下方文本框，可再核对修改。"}
        </p>
      </div>
      <TextAreaField
        label="报告全文"
        name="text"
        ref={textRef}
        defaultValue={v.text}
        error={f.text}
        rows={18}
        required
        spellCheck={false}
        placeholder="粘贴政府工作报告全文。系统会识别“今年主要预期目标”和各项重点工作中的量化目标，并按章节归类、建议牵头单位。"
        hint="导入后可在看板上逐项核对，并在“计划设置与新增指标”中补充或修改。"
      />
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pending={pending} pendingText="正在识别目标…">导入并识别目标</SubmitButton>
        <FormMessage state={state} testId="plan-import-message" />
      </div>
    </form>
  );
}
