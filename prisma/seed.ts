// Sample data for a first start: the two sample reports imported through the extraction engine, the
// departments they name, one account per role, and a reporting history labelled as sample figures (示例数据,
// prisma/sample-history.ts). Shared by `npm start`, the tests and the benchmark.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { departmentName, STANDARD_DEPARTMENTS } from "@/lib/domain/departments";
import { PLAN_LEVELS } from "@/lib/domain/inputs";
import type { Actor } from "@/lib/domain/permissions";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { loadSampleHistory } from "./sample-history";

export interface SampleLogin {
  username: string;
  password: string;
  role: "admin" | "reporter" | "leader";
  /** Department base name (without the 市/区 prefix) and level, for reporters. */
  department?: { base: string; level: (typeof PLAN_LEVELS)[number] };
  name: string;
}

/** Sample accounts, printed by `npm start` and listed in the README. Change them before real use. */
export const SAMPLE_LOGINS: SampleLogin[] = [
  { username: "admin", password: "luoshi-dcs-2024", role: "admin", name: "督查室管理员" },
  { username: "leader", password: "luoshi-szf-2024", role: "leader", name: "市政府领导" },
  { username: "nongye", password: "luoshi-nyj-2024", role: "reporter", name: "市农业农村局填报员", department: { base: "农业农村局", level: "city" } },
  { username: "fagai", password: "luoshi-fgw-2024", role: "reporter", name: "市发改委填报员", department: { base: "发展和改革委员会", level: "city" } },
  { username: "shangwu", password: "luoshi-swj-2024", role: "reporter", name: "市商务局填报员", department: { base: "商务局", level: "city" } },
  { username: "renshe", password: "luoshi-rsj-2024", role: "reporter", name: "市人社局填报员", department: { base: "人力资源和社会保障局", level: "city" } },
  { username: "aimin_nongye", password: "luoshi-amq-2024", role: "reporter", name: "爱民区农业农村局填报员", department: { base: "农业农村局", level: "district" } },
];

const sampleReport = z.object({
  file: z.string(),
  region: z.string(),
  level: z.enum(PLAN_LEVELS),
  year: z.number().int(),
  title: z.string(),
});

export function sampleReports() {
  const dir = fileURLToPath(new URL("../data/reports/", import.meta.url));
  const manifest = z.array(sampleReport).parse(JSON.parse(readFileSync(`${dir}samples.json`, "utf8")));
  return manifest.map((r) => ({ ...r, text: readFileSync(`${dir}${r.file}`, "utf8") }));
}

/**
 * Loads the sample data into an empty database; does nothing when any plan exists.
 * `db` must be the client lib/server uses (DATABASE_URL points at the same database).
 */
export async function seedIfEmpty(db: PrismaClient): Promise<{ seeded: boolean; logins: SampleLogin[] }> {
  if ((await db.plan.count()) > 0) return { seeded: false, logins: [] };
  // lib/server reads DATABASE_URL when first imported, so these load after the caller has set it.
  const { createPlanFromText } = await import("@/lib/server/plans");
  const { insertUser } = await import("@/lib/server/users");

  const admin = await db.$transaction(async (tx) => {
    for (const level of ["city", "district"] as const) {
      for (const [position, base] of STANDARD_DEPARTMENTS.entries()) {
        const name = departmentName(base, level);
        await tx.department.upsert({ where: { name }, create: { name, position }, update: {} });
      }
    }
    const existing = await tx.user.findUnique({ where: { username: "admin" } });
    const first = SAMPLE_LOGINS[0]!;
    return existing ?? insertUser(tx, { username: first.username, name: first.name, password: first.password, role: first.role, departmentId: null });
  });
  const actor: Actor = { userId: admin.id, username: "admin", name: admin.name, role: "admin", departmentId: null, departmentName: null };

  for (const report of sampleReports()) {
    const result = await createPlanFromText(actor, {
      region: report.region,
      level: report.level,
      year: report.year,
      title: report.title,
      text: report.text,
    });
    if (!result.ok) throw new Error(`sample report ${report.file}: ${result.error.message}`);
  }

  await db.$transaction(async (tx) => {
    for (const login of SAMPLE_LOGINS.slice(1)) {
      if (await tx.user.findUnique({ where: { username: login.username } })) continue;
      const department = login.department
        ? await tx.department.findUnique({ where: { name: departmentName(login.department.base, login.department.level) } })
        : null;
      await insertUser(tx, {
        username: login.username,
        name: login.name,
        password: login.password,
        role: login.role,
        departmentId: department?.id ?? null,
      });
    }
  });
  await loadSampleHistory(db, { adminId: admin.id });
  return { seeded: true, logins: SAMPLE_LOGINS };
}
