import type { Option } from "./form-fields";

const MAX_LABEL = 40;

/**
 * The plan-part sections of a report as select options, in report order; sub-sections are indented.
 * Review-part sections (回顾) hold achievements, not targets, so goals are not put there — except `keepId`,
 * a goal's current section, which stays selectable so that saving an edit does not drop it.
 */
export function sectionOptions(
  sections: readonly { id: string; parentId: string | null; number: string | null; title: string; part: string }[],
  keepId?: string | null,
): Option[] {
  const planPart = sections.filter((s) => s.part === "plan" || s.id === keepId);
  const depth = new Map<string, number>();
  const byId = new Map(sections.map((s) => [s.id, s]));
  const depthOf = (id: string): number => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    const parent = byId.get(id)?.parentId;
    const d = parent && byId.get(parent)?.part === "plan" ? depthOf(parent) + 1 : 0;
    depth.set(id, d);
    return d;
  };
  return planPart.map((s) => {
    const text = `${s.number ?? ""}${s.title}`;
    return { value: s.id, label: `${"\u3000".repeat(depthOf(s.id))}${text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL)}…` : text}` };
  });
}
