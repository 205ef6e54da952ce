"use client";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState } from "react";
import { KIND_LABELS } from "@/lib/domain/labels";
import { textRuns } from "@/lib/domain/import/segments";
import { apiJson, errorText, type ApiError } from "@/lib/client/api";
import { Dialog } from "@/components/dialog";
import { CandidateCard, type CandidatePatch } from "./candidate-card";
import { KINDS, KIND_MARK, KIND_SWATCH, DIFF_LABELS, needsOwnDecision, type Candidate, type Draft } from "./review-types";

const button = "rounded border px-2.5 py-1 text-sm disabled:opacity-50";

/**
 * Brings `el` into view: inside its scrolling `pane` (a third of the way down) after bringing the pane itself into
 * the window; when the pane does not scroll (the list on a phone), the window scrolls to the element.
 */
function scrollWithin(pane: HTMLElement | null, el: HTMLElement | null) {
  if (!el) return;
  if (!pane || pane.scrollHeight <= pane.clientHeight + 1) {
    el.scrollIntoView({ block: "center", behavior: "smooth" });
    return;
  }
  const box = pane.getBoundingClientRect();
  // Scrolls the pane's ancestors (the window) only, never the pane's own content.
  if (box.top < 0 || box.bottom > window.innerHeight) pane.scrollIntoView({ block: "nearest" });
  const offset = el.getBoundingClientRect().top - pane.getBoundingClientRect().top - pane.clientHeight / 3;
  // A long jump at once (a smooth one through pages of text takes seconds); a short one smoothly.
  pane.scrollTo({ top: pane.scrollTop + offset, behavior: Math.abs(offset) > pane.clientHeight * 2 ? "instant" : "smooth" });
}

/** The text offset of a DOM selection point inside the text pane (each run carries data-start/data-end). */
function offsetOf(pane: HTMLElement, node: Node, offset: number): number | null {
  if (!pane.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement?.closest<HTMLElement>("[data-start]");
    return run ? Number(run.dataset.start) + offset : null;
  }
  const el = node as HTMLElement;
  if (el.dataset?.start !== undefined) return offset === 0 ? Number(el.dataset.start) : Number(el.dataset.end);
  const child = el.childNodes[offset] as HTMLElement | undefined;
  if (child?.dataset?.start !== undefined) return Number(child.dataset.start);
  const last = el.childNodes[offset - 1] as HTMLElement | undefined;
  return last?.dataset?.end !== undefined ? Number(last.dataset.end) : null;
}

interface Group {
  key: string;
  sectionId: string | null;
  title: string;
  review: boolean;
  candidates: Candidate[];
}

export function ReviewScreen({ draft }: { draft: Draft }) {
  const router = useRouter();
  const [candidates, setCandidates] = useState<Candidate[]>(draft.candidates);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, ApiError>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [selection, setSelection] = useState<{ start: number; end: number } | null>(null);
  const [textOpen, setTextOpen] = useState(false);
  const [dialog, setDialog] = useState<"commit" | "discard" | null>(null);
  const [acceptAll, setAcceptAll] = useState(false);
  const [closing, setClosing] = useState<ApiError | null>(null);
  const [working, setWorking] = useState(false);
  // A candidate just added from a selection opens with its editor.
  const [editorFor, setEditorFor] = useState<string | null>(null);
  const textPane = useRef<HTMLDivElement>(null);
  const listPane = useRef<HTMLDivElement>(null);
  const base = `/api/v1/imports/${draft.id}`;
  const departments = draft.departments;

  const byId = useMemo(() => new Map(candidates.map((c) => [c.id, c])), [candidates]);
  const spanKey = candidates.map((c) => `${c.id}:${c.start}:${c.end}`).join(",");
  const reviewParts = useMemo(() => draft.sections.filter((s) => s.part === "review" && s.parentId === null), [draft.sections]);
  const runs = useMemo(
    () => textRuns(draft.text.length, candidates, reviewParts),
    // Only the spans matter, not the decisions: recomputed when a candidate is added.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [spanKey, draft.text.length, reviewParts],
  );

  // Where each candidate's highlight begins (a span cut by a review part's edge has several runs): the scroll target.
  const firstRuns = useMemo(() => {
    const first = new Map<string, number>();
    for (const r of runs) if (r.candidateId && !first.has(r.candidateId)) first.set(r.candidateId, r.start);
    return first;
  }, [runs]);

  const groups = useMemo<Group[]>(() => {
    const sections = new Map(draft.sections.map((s) => [s.id, s]));
    const pathOf = (id: string): string => {
      const s = sections.get(id);
      if (!s) return id;
      const own = `${s.number}${s.title}`;
      return s.parentId ? `${pathOf(s.parentId)} › ${own}` : own;
    };
    const out = new Map<string, Group>();
    const sorted = [...candidates].sort((a, b) => (a.start < 0 ? 1 : 0) - (b.start < 0 ? 1 : 0) || a.start - b.start || a.position - b.position);
    for (const c of sorted) {
      const key = c.diff === "removed" ? "removed" : c.sectionId ?? "none";
      let group = out.get(key);
      if (!group) {
        group =
          key === "removed"
            ? { key, sectionId: null, title: "新文本中已没有的指标", review: false, candidates: [] }
            : key === "none"
              ? { key, sectionId: null, title: "未归入章节", review: false, candidates: [] }
              : { key, sectionId: key, title: pathOf(key), review: sections.get(key)?.part === "review", candidates: [] };
        out.set(key, group);
      }
      group.candidates.push(c);
    }
    return [...out.values()];
  }, [candidates, draft.sections]);

  const counts = useMemo(() => {
    const goals = candidates.filter((c) => !needsOwnDecision(c));
    return {
      undecided: goals.filter((c) => c.decision === "undecided").length,
      accepted: candidates.filter((c) => c.decision === "accepted").length,
      rejected: candidates.filter((c) => c.decision === "rejected").length,
      withoutDepartment: goals.filter((c) => c.decision !== "rejected" && !c.leadDepartment).length,
      hints: candidates.filter((c) => c.origin === "milestone_hint" && c.decision === "undecided").length,
    };
  }, [candidates]);

  const replace = (next: Candidate) => setCandidates((list) => (list.some((c) => c.id === next.id) ? list.map((c) => (c.id === next.id ? next : c)) : [...list, next]));

  const reload = useCallback(async (): Promise<boolean> => {
    const answer = await apiJson<{ import: Draft }>("GET", base);
    if (!answer.ok) {
      setNotice({ ok: false, text: errorText(answer.error) });
      return false;
    }
    setCandidates(answer.value.import.candidates);
    return true;
  }, [base]);

  async function patch(c: Candidate, body: CandidatePatch): Promise<boolean> {
    setBusyIds((s) => new Set(s).add(c.id));
    const answer = await apiJson<{ candidate: Candidate }>("PATCH", `${base}/candidates/${c.id}`, { version: c.version, ...body });
    setBusyIds((s) => {
      const next = new Set(s);
      next.delete(c.id);
      return next;
    });
    if (answer.ok) {
      replace(answer.value.candidate);
      setErrors(({ [c.id]: _drop, ...rest }) => rest);
      return true;
    }
    // A stale version (someone else changed it): show why, and load what it is now.
    if (answer.status === 409) await reload();
    setErrors((e) => ({ ...e, [c.id]: answer.error }));
    return false;
  }

  function locateText(c: Candidate) {
    setActiveId(c.id);
    setTextOpen(true);
    // The pane may just have opened (phone): scroll once it is laid out.
    requestAnimationFrame(() => scrollWithin(textPane.current, document.getElementById(`t-${c.id}`)));
  }

  function locateCard(id: string) {
    setActiveId(id);
    const card = document.getElementById(`c-${id}`);
    scrollWithin(listPane.current, card);
    card?.querySelector<HTMLButtonElement>("button")?.focus({ preventScroll: true });
  }

  function readSelection() {
    const pane = textPane.current;
    const sel = window.getSelection();
    if (!pane || !sel || sel.rangeCount === 0 || sel.isCollapsed) return setSelection(null);
    const range = sel.getRangeAt(0);
    const a = offsetOf(pane, range.startContainer, range.startOffset);
    const b = offsetOf(pane, range.endContainer, range.endOffset);
    if (a === null || b === null || b <= a) return setSelection(null);
    // Blank edges are not part of a target.
    let start = a;
    let end = b;
    while (start < end && /\s/.test(draft.text[start]!)) start++;
    while (end > start && /\s/.test(draft.text[end - 1]!)) end--;
    setSelection(end > start ? { start, end } : null);
  }

  async function addFromSelection(kind: "target" | "milestone") {
    if (!selection) return;
    setWorking(true);
    const answer = await apiJson<{ candidate: Candidate }>("POST", `${base}/candidates`, { ...selection, ...(kind === "milestone" ? { kind: "milestone" } : {}) });
    if (!answer.ok) {
      setWorking(false);
      return setNotice({ ok: false, text: errorText(answer.error) });
    }
    let added = answer.value.candidate;
    let text = `已添加“${added.metric || added.quote.slice(0, 20)}”，请核对其数值和牵头单位`;
    // No figure could be read from the span: the server makes it a milestone; a target waits for its value instead.
    if (kind === "target" && added.kind === "milestone") {
      const retyped = await apiJson<{ candidate: Candidate }>("PATCH", `${base}/candidates/${added.id}`, { version: added.version, kind: "level", decision: "undecided" });
      if (retyped.ok) added = retyped.value.candidate;
      text = "已添加，但未能从选中的文字中读出目标值：请填写目标值和单位后接受";
    }
    setWorking(false);
    replace(added);
    setEditorFor(added.id);
    setSelection(null);
    window.getSelection()?.removeAllRanges();
    setNotice({ ok: true, text });
    requestAnimationFrame(() => locateCard(added.id));
  }

  async function bulk(group: Group, body: { decision?: "accepted" | "rejected"; leadDepartmentId?: string | null }) {
    if (!group.sectionId) return;
    setWorking(true);
    const answer = await apiJson<{ updated: number }>("POST", `${base}/sections`, { sectionId: group.sectionId, ...body });
    if (answer.ok) await reload();
    setWorking(false);
    setNotice(answer.ok ? { ok: true, text: `已更新本节 ${answer.value.updated} 项` } : { ok: false, text: errorText(answer.error) });
  }

  async function commit() {
    setWorking(true);
    const answer = await apiJson<{ plan: { id: string } }>("POST", `${base}/commit`, { acceptAll });
    if (!answer.ok) {
      setWorking(false);
      setClosing(answer.error);
      if (answer.status === 409 || answer.status === 422) await reload();
      return;
    }
    router.push(`/plans/${answer.value.plan.id}`);
  }

  async function discard() {
    setWorking(true);
    const answer = await apiJson<unknown>("DELETE", base);
    if (!answer.ok) {
      setWorking(false);
      return setClosing(answer.error);
    }
    router.push("/");
  }

  // What the commit will do: the accepted candidates (and with 其余全部接受 the undecided ones it may accept).
  const willTake = candidates.filter((c) => c.decision === "accepted" || (acceptAll && c.decision === "undecided" && !needsOwnDecision(c)));
  const reimport = draft.targetPlanId !== null;
  const plan = {
    created: willTake.filter((c) => c.diff !== "removed" && (c.diff === null || c.diff === "new")),
    updated: willTake.filter((c) => c.diff === "changed" || c.diff === "unchanged"),
    removed: willTake.filter((c) => c.diff === "removed"),
  };

  // The review of last year often fills the first pages: one step to where this year's targets begin.
  const firstPlanTarget = candidates.filter((c) => c.start >= 0 && c.part !== "review" && c.origin !== "milestone_hint").sort((a, b) => a.start - b.start)[0];

  const selectionText = selection ? draft.text.slice(selection.start, selection.end) : "";

  return (
    <div className="space-y-3">
      <div className="sticky top-0 z-10 -mx-1 flex flex-wrap items-center gap-x-4 gap-y-2 rounded border border-slate-200 bg-white/95 px-3 py-2 text-sm shadow-sm backdrop-blur" data-testid="review-counts">
        <span>待定 <b data-testid="count-undecided">{counts.undecided}</b></span>
        <span className="text-green-800">已接受 <b data-testid="count-accepted">{counts.accepted}</b></span>
        <span className="text-slate-600">已拒绝 <b data-testid="count-rejected">{counts.rejected}</b></span>
        <span className={counts.withoutDepartment ? "text-red-700" : "text-slate-600"}>未指定部门 <b data-testid="count-without-department">{counts.withoutDepartment}</b></span>
        {counts.hints > 0 && <span className="text-rose-800">可能的里程碑 <b>{counts.hints}</b></span>}
        {draft.counts.diff && (
          <span className="text-slate-600" data-testid="diff-counts">
            {(Object.keys(DIFF_LABELS) as (keyof typeof DIFF_LABELS)[]).map((k) => `${DIFF_LABELS[k]} ${candidates.filter((c) => c.diff === k).length}`).join(" · ")}
          </span>
        )}
        <span className="ml-auto flex gap-2">
          <button type="button" onClick={() => { setClosing(null); setDialog("discard"); }} className={`${button} border-slate-300 bg-white hover:border-slate-500`} data-testid="discard-import">放弃</button>
          <button type="button" onClick={() => { setClosing(null); setDialog("commit"); }} className={`${button} border-brand-700 bg-brand-700 text-white hover:bg-brand-600`} data-testid="open-commit">
            {reimport ? "更新计划" : "创建计划"}
          </button>
        </span>
      </div>
      <p aria-live="polite" className={`text-sm empty:hidden ${notice?.ok === false ? "text-red-700" : "text-slate-600"}`} data-testid="review-notice">{notice?.text ?? ""}</p>

      <div className="grid gap-4 lg:grid-cols-2">
        <section aria-labelledby="source-heading" className="rounded-lg border border-slate-200 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-100 px-3 py-2">
            <h2 id="source-heading" className="font-semibold">报告原文</h2>
            {firstPlanTarget && (
              <button type="button" className="text-sm text-brand-700 underline" onClick={() => locateText(firstPlanTarget)} data-testid="jump-first-target">
                跳到今年目标
              </button>
            )}
            <button type="button" className="text-sm text-brand-700 underline lg:hidden" aria-expanded={textOpen} aria-controls="source-text" onClick={() => setTextOpen((o) => !o)}>
              {textOpen ? "收起原文" : "展开原文"}
            </button>
            <ul className="flex w-full flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600" aria-label="图例" data-testid="legend">
              {KINDS.map((k) => (
                <li key={k} className="inline-flex items-center gap-1"><span className={`inline-block h-3 w-4 ${KIND_SWATCH[k]}`} aria-hidden="true" />{KIND_LABELS[k]}</li>
              ))}
              <li className="inline-flex items-center gap-1"><span className="inline-block w-4 border-b-2 border-dotted border-rose-400" aria-hidden="true" />可能的里程碑</li>
              <li className="inline-flex items-center gap-1"><span className="inline-block h-3 w-4 bg-slate-200" aria-hidden="true" />回顾部分（灰）</li>
              <li className="inline-flex items-center gap-1"><span className="inline-block h-3 w-4 bg-sky-100 ring-2 ring-green-600" aria-hidden="true" />已接受</li>
              <li className="inline-flex items-center gap-1"><span className="line-through">已拒绝</span></li>
            </ul>
          </div>
          {selection && (
            <div className="flex flex-wrap items-center gap-2 border-b border-brand-600/30 bg-brand-50 px-3 py-2 text-sm" data-testid="selection-bar">
              <span className="min-w-0 flex-1 truncate">已选：“{selectionText.length > 40 ? `${selectionText.slice(0, 40)}…` : selectionText}”</span>
              <button type="button" disabled={working} onMouseDown={(e) => e.preventDefault()} onClick={() => void addFromSelection("target")} className={`${button} border-brand-700 bg-brand-700 text-white`} data-testid="add-target">添加为目标</button>
              <button type="button" disabled={working} onMouseDown={(e) => e.preventDefault()} onClick={() => void addFromSelection("milestone")} className={`${button} border-slate-400 bg-white`} data-testid="add-milestone">添加为里程碑</button>
            </div>
          )}
          <div
            id="source-text"
            ref={textPane}
            onMouseUp={readSelection}
            onKeyUp={readSelection}
            onTouchEnd={() => setTimeout(readSelection, 0)}
            data-testid="source-text"
            tabIndex={0}
            aria-label="报告原文（可选中文字添加目标）"
            className={`${textOpen ? "block" : "hidden"} max-h-[70vh] overflow-auto whitespace-pre-wrap break-words px-3 py-2 text-[15px] leading-7 lg:block lg:h-[calc(100vh-12rem)] lg:max-h-none`}
          >
            {runs.map((r) => {
              const text = draft.text.slice(r.start, r.end);
              const c = r.candidateId ? byId.get(r.candidateId) : undefined;
              if (!c) {
                return <span key={r.start} data-start={r.start} data-end={r.end} className={r.review ? "text-slate-500" : undefined}>{text}</span>;
              }
              const hint = c.origin === "milestone_hint";
              const look = hint ? "bg-transparent underline decoration-dotted decoration-rose-400 decoration-2 underline-offset-4" : KIND_MARK[c.kind];
              const state = c.decision === "accepted" ? "ring-2 ring-green-600/70" : c.decision === "rejected" ? "line-through opacity-60" : "";
              const first = firstRuns.get(c.id) === r.start;
              return (
                <mark
                  key={r.start}
                  id={first ? `t-${c.id}` : undefined}
                  data-start={r.start}
                  data-end={r.end}
                  data-candidate={c.id}
                  data-decision={c.decision}
                  title={`${KIND_LABELS[c.kind]}：${c.metric}（点击查看候选项）`}
                  onClick={() => {
                    if (window.getSelection()?.isCollapsed !== false) locateCard(c.id);
                  }}
                  className={`cursor-pointer rounded-sm text-inherit ${look} ${state} ${r.review ? "text-slate-500" : ""} ${activeId === c.id ? "outline outline-2 outline-brand-600" : ""}`}
                >
                  {text}
                </mark>
              );
            })}
          </div>
          <p className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">在原文中选中一段文字，可将其添加为目标或里程碑。</p>
        </section>

        <section aria-labelledby="candidates-heading" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="candidates-heading" className="border-b border-slate-100 px-3 py-2 font-semibold">候选目标（{candidates.length}）</h2>
          <div ref={listPane} className="space-y-4 px-3 py-2 lg:h-[calc(100vh-10rem)] lg:overflow-auto" data-testid="candidate-list">
            {groups.map((g) => (
              <div key={g.key} data-testid="candidate-group" data-section={g.sectionId ?? g.key} className={g.review ? "opacity-90" : undefined}>
                <div className="mb-1.5 flex flex-wrap items-center gap-2 border-b border-slate-100 pb-1">
                  <h3 className="min-w-0 flex-1 text-sm font-medium text-slate-700">
                    {g.title}
                    {g.review && <span className="ml-1 text-xs font-normal text-slate-500">（回顾部分）</span>}
                    <span className="ml-1 text-xs font-normal text-slate-500">{g.candidates.length} 项</span>
                  </h3>
                  {g.sectionId && (
                    <span className="flex flex-wrap items-center gap-1">
                      <button type="button" disabled={working} onClick={() => void bulk(g, { decision: "accepted" })} className="rounded border border-green-700 px-1.5 py-0.5 text-xs text-green-800 hover:bg-green-50" data-testid="section-accept">本节全部接受</button>
                      <button type="button" disabled={working} onClick={() => void bulk(g, { decision: "rejected" })} className="rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:border-slate-500" data-testid="section-reject">本节全部拒绝</button>
                      <label className="sr-only" htmlFor={`lead-${g.key}`}>本节牵头单位</label>
                      <select
                        id={`lead-${g.key}`}
                        disabled={working}
                        value=""
                        onChange={(e) => {
                          if (e.target.value) void bulk(g, { leadDepartmentId: e.target.value === "-" ? null : e.target.value });
                        }}
                        className="max-w-40 rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
                        data-testid="section-lead"
                      >
                        <option value="">本节指定牵头单位…</option>
                        {departments.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
                        <option value="-">清除牵头单位</option>
                      </select>
                    </span>
                  )}
                </div>
                <div className="space-y-2">
                  {g.candidates.map((c) => (
                    <CandidateCard
                      key={c.id}
                      candidate={c}
                      departments={departments}
                      active={activeId === c.id}
                      busy={busyIds.has(c.id)}
                      error={errors[c.id] ?? null}
                      onPatch={(body) => patch(c, body)}
                      onLocate={() => locateText(c)}
                      startEditing={editorFor === c.id}
                    />
                  ))}
                </div>
              </div>
            ))}
            {candidates.length === 0 && <p className="py-6 text-center text-sm text-slate-500">没有识别到目标。可在原文中选中文字添加。</p>}
          </div>
        </section>
      </div>

      <Dialog open={dialog === "commit"} onClose={() => setDialog(null)} title={reimport ? "按修订稿更新计划" : "创建计划"} testId="commit-dialog">
        <div className="space-y-3 text-sm">
          <label className="flex items-start gap-2">
            <input type="checkbox" checked={acceptAll} onChange={(e) => setAcceptAll(e.target.checked)} className="mt-1" data-testid="accept-all" />
            <span>其余全部接受（待定的 {counts.undecided} 项一并接受；可能的里程碑和删除项仍需逐项决定）</span>
          </label>
          {reimport ? (
            <ul className="list-disc pl-5" data-testid="commit-summary">
              <li>新增指标 {plan.created.length} 项</li>
              <li>更新指标 {plan.updated.length} 项</li>
              <li>删除或归档 {plan.removed.length} 项（有填报数据的只归档）</li>
            </ul>
          ) : (
            <p data-testid="commit-summary">将创建“{draft.title}”，含 {plan.created.length} 项目标{counts.withoutDepartment > 0 ? `，其中部分尚未指定牵头单位（可在计划中补充）` : ""}。</p>
          )}
          {willTake.length > 0 && (
            <ol className="max-h-48 list-decimal overflow-auto rounded border border-slate-100 py-1 pl-8 pr-2 text-xs text-slate-700">
              {willTake.map((c) => <li key={c.id}>{c.diff ? `［${DIFF_LABELS[c.diff]}］` : ""}{c.metric} {c.kind === "milestone" ? "（里程碑）" : `${c.value ?? "？"}${c.unit}`}{c.leadDepartment ? ` · ${c.leadDepartment.name}` : ""}</li>)}
            </ol>
          )}
          {closing && <p role="alert" className="text-red-700" data-testid="commit-error">{errorText(closing)}</p>}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={() => setDialog(null)} className={`${button} border-slate-300 bg-white`}>返回核对</button>
            <button type="button" disabled={working || willTake.length === 0} onClick={() => void commit()} className={`${button} border-brand-700 bg-brand-700 text-white hover:bg-brand-600`} data-testid="confirm-commit">
              {working ? "正在创建…" : reimport ? "确认更新" : `创建计划（${plan.created.length} 项）`}
            </button>
          </div>
        </div>
      </Dialog>
      <Dialog open={dialog === "discard"} onClose={() => setDialog(null)} title="放弃这次导入？" testId="discard-dialog">
        <p className="text-sm">放弃后此草稿不能再修改，也不会创建计划。可以随时重新导入。</p>
        {closing && <p role="alert" className="mt-2 text-sm text-red-700">{errorText(closing)}</p>}
        <div className="mt-3 flex justify-end gap-2">
          <button type="button" onClick={() => setDialog(null)} className={`${button} border-slate-300 bg-white`}>继续核对</button>
          <button type="button" disabled={working} onClick={() => void discard()} className={`${button} border-red-700 bg-red-700 text-white`} data-testid="confirm-discard">放弃导入</button>
        </div>
      </Dialog>
    </div>
  );
}
