// Every schema: capped text, no control characters, Chinese messages for every refusal (wrong types included).
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  boardQuery,
  decimalString,
  departmentInput,
  entryInput,
  fieldErrors,
  goalCreateInput,
  goalUpdateInput,
  loginName,
  planCreateInput,
  planSettingsInput,
  tokenCreateInput,
  userCreateInput,
  userUpdateInput,
} from "./inputs";

const CHINESE = /[\u4e00-\u9fff]/;

function refusal(schema: z.ZodType, value: unknown): Record<string, string> {
  const parsed = schema.safeParse(value);
  expect(parsed.success, `accepted ${JSON.stringify(value)}`).toBe(false);
  const fields = fieldErrors(parsed.error!);
  for (const message of Object.values(fields)) expect(message).toMatch(CHINESE);
  return fields;
}

const REPORT = "一、2024年主要预期目标：地区生产总值增长6%左右，城镇新增就业2.4万人以上。".repeat(2);
const goal = { metric: "粮食产量", targetValue: "100", unit: "万吨", comparator: "gte", kind: "level", frequency: "monthly" };
const user = { username: "nongye2", name: "农业局填报员", password: "spring-fields-2024", role: "reporter", departmentId: "cldept0001" };

describe("text fields refuse control characters and are capped", () => {
  const cases: [string, z.ZodType, Record<string, unknown>, string][] = [
    ["entry note", entryInput, { period: "2024-06", value: "5", note: "x\u0000" }, "note"],
    ["entry value", entryInput, { period: "2024-06", value: "5\u0000" }, "value"],
    ["plan region", planCreateInput, { region: "牡丹江\u0007市", level: "city", text: REPORT }, "region"],
    ["plan title", planCreateInput, { region: "牡丹江市", level: "city", title: "标题\u001b", text: REPORT }, "title"],
    ["plan text", planCreateInput, { region: "牡丹江市", level: "city", text: `${REPORT}\u0000` }, "text"],
    ["goal metric", goalCreateInput, { ...goal, metric: "粮食\u0000产量" }, "metric"],
    ["goal unit", goalCreateInput, { ...goal, unit: "万\u007f吨" }, "unit"],
    ["goal quote", goalCreateInput, { ...goal, quote: "原文\u0000" }, "quote"],
    ["goal description", goalUpdateInput, { description: "说明\ud800" }, "description"],
    ["user name", userCreateInput, { ...user, name: "张\u0000三" }, "name"],
    ["department", departmentInput, { name: "农业\u0000局" }, "name"],
    ["token purpose", tokenCreateInput, { username: "nongye", name: "对接\u0000" }, "name"],
  ];
  for (const [label, schema, value, field] of cases) {
    it(label, () => expect(refusal(schema, value)[field]).toMatch(/控制字符|无效的字符/));
  }

  it("a figure's typed text is at most 64 characters, a note 1000", () => {
    expect(refusal(entryInput, { period: "2024-06", value: "1".repeat(65) }).value).toBe("数值不能超过64个字");
    expect(refusal(entryInput, { period: "2024-06", value: "1", note: "字".repeat(1001) }).note).toBe("说明不能超过1000个字");
    expect(entryInput.parse({ period: "2024-06", value: "1".repeat(64), note: "字".repeat(1000) }).value).toHaveLength(64);
  });

  it("multi-line fields keep line breaks and tabs; single-line ones refuse them", () => {
    expect(entryInput.parse({ period: "2024-06", value: "5", note: "第一行\n\t第二行" }).note).toBe("第一行\n\t第二行");
    expect(refusal(goalCreateInput, { ...goal, metric: "粮食\n产量" }).metric).toBe("指标名称不能包含控制字符");
  });

  it("a report's page breaks (form feeds) read as line breaks", () => {
    const parsed = planCreateInput.parse({ region: "牡丹江市", level: "city", text: `${REPORT}\f${REPORT}` });
    expect(parsed.text).toBe(`${REPORT}\n${REPORT}`);
  });
});

describe("wrong types get Chinese messages, not zod's English", () => {
  it("numbers where text belongs", () => {
    expect(refusal(entryInput, { period: "2024-06", value: "5", note: 5 }).note).toBe("说明应为文字");
    expect(refusal(entryInput, { period: 202406, value: "5" }).period).toBe("请选择填报期间");
    expect(refusal(goalCreateInput, { ...goal, metric: 12 }).metric).toBe("指标名称应为文字");
    expect(refusal(userCreateInput, { ...user, password: 1234567890 }).password).toBe("密码应为文字");
    expect(refusal(departmentInput, { name: ["农业局"] }).name).toBe("单位名称应为文字");
    expect(refusal(planCreateInput, { region: "牡丹江市", level: "city", text: 42 }).text).toBe("请粘贴报告全文");
  });

  it("objects, booleans and arrays", () => {
    expect(refusal(entryInput, { period: "2024-06", value: { n: 5 } }).value).toBe("请填写数值");
    expect(refusal(goalCreateInput, { ...goal, accumulates: 3 }).accumulates).toBe("是否累计应为是或否");
    expect(refusal(goalCreateInput, { ...goal, coDepartmentIds: "cldept0001" }).coDepartmentIds).toBe("配合单位应为列表");
    expect(refusal(goalCreateInput, { ...goal, targetValue: true }).targetValue).toMatch(/请输入数字/);
    expect(refusal(userUpdateInput, { disabled: "maybe" }).disabled).toBe("停用应为是或否");
    expect(refusal(planSettingsInput, { marginBehind: [], marginFarBehind: "0.3", graceDays: 5 }).marginBehind).toMatch(/请输入数字/);
  });

  it("a number is still accepted where a figure or a decimal is typed", () => {
    expect(entryInput.parse({ period: "2024-06", value: 5.5 }).value).toBe("5.5");
    expect(decimalString.parse(6.5)).toBe("6.5");
    expect(decimalString.parse("６．５")).toBe("6.5");
  });
});

describe("references and query ids", () => {
  it("an id that cannot name a record is refused before any query", () => {
    expect(refusal(userCreateInput, { ...user, departmentId: "x\u0000" }).departmentId).toBe("所选单位不存在");
    expect(refusal(goalCreateInput, { ...goal, leadDepartmentId: "../../etc" }).leadDepartmentId).toBe("所选牵头单位不存在");
    expect(refusal(goalCreateInput, { ...goal, coDepartmentIds: ["ok_id", "bad id"] })["coDepartmentIds.1"]).toBe("所选配合单位不存在");
    expect(goalUpdateInput.parse({ sectionId: "" }).sectionId).toBeNull();
    expect(goalUpdateInput.parse({}).sectionId).toBeUndefined();
  });

  it("board query ids and status have a plain shape", () => {
    expect(boardQuery.parse({ section: "clsec0001", department: "", status: "behind" })).toEqual({ section: "clsec0001", department: undefined, status: "behind", asOf: undefined });
    expect(refusal(boardQuery, { section: "a\u0000" }).section).toBe("章节参数无效");
    expect(refusal(boardQuery, { department: "x".repeat(65) }).department).toBe("单位参数无效");
    expect(refusal(boardQuery, { status: "红\u0000" }).status).toBe("状态参数无效");
    expect(refusal(boardQuery, { asOf: "2024-02-30" }).asOf).toBe("日期不存在");
  });
});

describe("user names and passwords", () => {
  it("a login name is 3–30 of a–z, 0–9 and _; anything else is refused before it is used", () => {
    expect(loginName.parse("  NongYe ")).toBe("nongye");
    for (const name of ["ab", "nong\u0000ye", "a".repeat(31), "admin'--", 5]) expect(loginName.safeParse(name).success, String(name)).toBe(false);
  });

  it("a new user's password follows the policy, the user name included", () => {
    expect(userCreateInput.parse(user).password).toBe(user.password);
    expect(refusal(userCreateInput, { ...user, password: "short" }).password).toBe("密码至少10位");
    expect(refusal(userCreateInput, { ...user, password: "password123" }).password).toMatch(/过于常见/);
    expect(refusal(userCreateInput, { ...user, password: "my-nongye2-pass" }).password).toBe("密码不能包含用户名");
  });

  it("a reset password follows it too; an empty one leaves the password unchanged", () => {
    expect(userUpdateInput.parse({ password: "" }).password).toBeUndefined();
    expect(refusal(userUpdateInput, { password: "123456789" }).password).toBe("密码至少10位");
    expect(refusal(userUpdateInput, { password: "qwertyuiop" }).password).toMatch(/过于常见/);
  });
});
