// The catalogue of Chinese messages that more than one place says. A message used in one place only stays
// beside its rule (a figure's parse errors in figures.ts, a schema's field messages in inputs.ts); anything
// repeated across layers is named here once, so the form, the API and the pages say the same words.

/** What was asked for does not exist (or is outside the caller's view): 404. */
export const NOT_FOUND = {
  record: "找不到该记录",
  plan: "找不到该计划",
  goal: "找不到该指标",
  entry: "找不到该填报记录",
  department: "找不到该单位",
  region: "找不到该地区",
  user: "找不到该用户",
  token: "找不到该令牌",
  route: "找不到该接口",
  publicLink: "该公开链接不存在或已撤销",
} as const;

/** Why a role may not do something: 403. */
export const FORBIDDEN = {
  generic: "没有权限执行此操作",
  enter: "只能填报本单位牵头或配合的指标",
  manage: "仅管理员可执行此操作",
  review: "只有督查室（管理员）可以审核填报",
  reportedAt: "只有管理员可以指定填报日期",
  explanation: "只有该指标牵头单位的填报人员或本地区管理员可以填写总结说明",
  planAudit: "只有督查室（管理员）和领导可以查看计划的变更记录",
} as const;

/** The supervision cycle: review, withdrawal, stale pages, locks. */
export const ENTRY_MESSAGES = {
  superseded: "该期间已有更新的填报，请审核最新版本",
  withdrawApproved: "已审核的数据不能撤回；如需更正，请提交新的数据",
  withdrawNotPending: "该填报已不是待审核状态，不能撤回",
  withdrawSuperseded: "该期间已有更新的填报，不能撤回旧版本",
  alreadyReviewed: (stateLabel: string) => `该填报已被处理（当前状态：${stateLabel}），请刷新后查看`,
  stale: (periodLabel: string) => `${periodLabel}的数据已被他人更新，请刷新页面查看最新数据后再提交`,
  lockedForReporter: (periodLabel: string, reason: string) => `${periodLabel}已关账（${reason}），不能再填报；如需更正请联系督查室`,
  lockedNeedsReason: (periodLabel: string) => `${periodLabel}已关账，管理员补录或更正须在说明中写明原因`,
  notYetBegun: (periodLabel: string) => `${periodLabel}尚未开始，不能填报`,
  reportedAfterToday: "填报日期不能晚于今天",
  returnReason: "请填写退回原因，部门会看到它",
} as const;
