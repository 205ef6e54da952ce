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
import { loadSampleDecomposition } from "./sample-shares";

export interface SampleLogin {
  username: string;
  password: string;
  role: "admin" | "reporter" | "leader";
  /** Department base name (without the 市/区 prefix) and level, for reporters (the level names the sample region). */
  department?: { base: string; level: (typeof PLAN_LEVELS)[number] };
  /** For admins and leaders: the sample city (牡丹江市) or its district (爱民区). */
  region?: "city" | "district";
  name: string;
}

/** Sample accounts, printed by `npm start` and listed in the README. Change them before real use. */
export const SAMPLE_LOGINS: SampleLogin[] = [
  { username: "admin", password: "luoshi-dcs-2024", role: "admin", name: "督查室管理员", region: "city" },
  { username: "leader", password: "luoshi-szf-2024", role: "leader", name: "市政府领导", region: "city" },
  { username: "nongye", password: "luoshi-nyj-2024", role: "reporter", name: "市农业农村局填报员", department: { base: "农业农村局", level: "city" } },
  { username: "fagai", password: "luoshi-fgw-2024", role: "reporter", name: "市发改委填报员", department: { base: "发展和改革委员会", level: "city" } },
  { username: "shangwu", password: "luoshi-swj-2024", role: "reporter", name: "市商务局填报员", department: { base: "商务局", level: "city" } },
  { username: "renshe", password: "luoshi-rsj-2024", role: "reporter", name: "市人社局填报员", department: { base: "人力资源和社会保障局", level: "city" } },
  { username: "aimin_nongye", password: "luoshi-amq-2024", role: "reporter", name: "爱民区农业农村局填报员", department: { base: "农业农村局", level: "district" } },
  { username: "aimin_admin", password: "luoshi-amdcs-2024", role: "admin", name: "爱民区督查室管理员", region: "district" },
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

  // 牡丹江市 and 爱民区 under it, each with its own departments (short names, shown with their region).
  const regions = await db.$transaction(async (tx) => {
    const city = await tx.region.create({ data: { name: "牡丹江市", level: "city" } });
    const district = await tx.region.create({ data: { name: "爱民区", level: "district", parentId: city.id } });
    return { city, district };
  });
  const regionOf = (level: string) => (level === "district" ? regions.district : regions.city);
  const admin = await db.$transaction(async (tx) => {
    for (const level of ["city", "district"] as const) {
      await tx.department.createMany({
        data: STANDARD_DEPARTMENTS.map((base, position) => ({ regionId: regionOf(level).id, name: departmentName(base, level), position })),
      });
    }
    const first = SAMPLE_LOGINS[0]!;
    return insertUser(tx, { username: first.username, name: first.name, password: first.password, role: first.role, departmentId: null, regionId: regions.city.id });
  });
  const { actorFromUserRow } = await import("@/lib/server/actor");
  const actor: Actor = await actorFromUserRow({ ...admin, regionId: regions.city.id, department: null });

  for (const report of sampleReports()) {
    const result = await createPlanFromText(actor, {
      regionId: regionOf(report.level).id,
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
        ? await tx.department.findUnique({
            where: { regionId_name: { regionId: regionOf(login.department.level).id, name: departmentName(login.department.base, login.department.level) } },
          })
        : null;
      await insertUser(tx, {
        regionId: login.region ? regionOf(login.region).id : null,
        username: login.username,
        name: login.name,
        password: login.password,
        role: login.role,
        departmentId: department?.id ?? null,
      });
    }
  });
  await loadSampleHistory(db, { adminId: admin.id });
  await loadSampleDecomposition(db, actor, regions.city.id);
  return { seeded: true, logins: SAMPLE_LOGINS };
}
