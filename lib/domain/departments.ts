/**
 * Lead-department suggestions: a generic table from indicator vocabulary to the department of a local
 * government that customarily leads on it. Names are base names without the region prefix
 * ("发展和改革委员会"); `departmentName` adds 省/市/县/区 for the plan's level.
 */

export type PlanLevel = "national" | "province" | "city" | "county" | "district";

/** Base names in the customary order of a local government's departments. */
export const STANDARD_DEPARTMENTS = [
  "政府办公室",
  "发展和改革委员会",
  "教育局",
  "科学技术局",
  "工业和信息化局",
  "公安局",
  "民政局",
  "司法局",
  "财政局",
  "人力资源和社会保障局",
  "自然资源局",
  "生态环境局",
  "住房和城乡建设局",
  "城市管理局",
  "交通运输局",
  "水务局",
  "农业农村局",
  "商务局",
  "文化广电和旅游局",
  "卫生健康委员会",
  "退役军人事务局",
  "应急管理局",
  "审计局",
  "市场监督管理局",
  "统计局",
  "医疗保障局",
  "林业和草原局",
  "营商环境建设监督局",
  "投资促进局",
] as const;

export type StandardDepartment = (typeof STANDARD_DEPARTMENTS)[number];

export const FALLBACK_DEPARTMENT: StandardDepartment = "政府办公室";

/**
 * First match wins, so the specific comes before the general: 医保 before 医疗, 水质 before 水利,
 * 农业科技 before 科技, 农村公路 (公路) before 农村, 工业项目 (工业) before 项目, 招商签约 before 项目.
 */
const RULES: ReadonlyArray<readonly [RegExp, StandardDepartment]> = [
  [/医保|医疗保障|医疗保险|打包付费|DRG|DIP|定点医/i, "医疗保障局"],
  [/失业|就业|社保|社会保险|参保|养老保险|工伤保险|农民工|欠薪|职业技能|技能培训|技能人才|创业|人才/, "人力资源和社会保障局"],
  [/空气|水质|断面|排放|污染|PM2\.?5|PM10|臭氧|碳排|减排|环境质量|生态环境|噪声|固体废物|危险废物/i, "生态环境局"],
  [/生物医药|医药产业|医药企业|制药/, "工业和信息化局"],
  [/家庭医生|卫生|医疗|医院|健康|疾控|疫苗|传染病|托育|婴幼儿|孕产妇|预期寿命|床位|执业医师|中医/, "卫生健康委员会"],
  [/营商环境|政务服务|一网通办|一件事|放管服|审批|数字政府|12345/, "营商环境建设监督局"],
  [/农业科技|农技/, "农业农村局"],
  [/专利|科技|高新技术|研发|创新平台|技术合同|科研|孵化|院士/, "科学技术局"],
  [/预算收入|财政|税收|非税|债务|专项债|一般公共预算/, "财政局"],
  [/社会消费品|社零|消费品零售|商贸|限上|外贸|进出口|出口|进口|电商|电子商务|互市|市场采购|跨境|口岸|批发|零售|住宿餐饮|商业/, "商务局"],
  [/游客|旅游|文旅|景区|A级|文化|广电|体育|图书馆|博物馆|演出/i, "文化广电和旅游局"],
  [/公路|道路|交通|客运|货运|物流|机场|铁路|航线|公交|桥梁/, "交通运输局"],
  [/规上工业|规模以上工业|工业|制造|企业入规|小升规|入规|规上企业|专精特新|数字经济|信息化|5G|集成电路|信息服务|软件|技改|产业园区/i, "工业和信息化局"],
  [/绿化|造林|森林|林下|林业|草原|湿地|自然保护地|防火/, "林业和草原局"],
  [/水库|水利|河湖|河长|侵蚀沟|水土|灌区|供水|节水|防洪|堤防|饮水/, "水务局"],
  [/农田|粮食|蔬菜|畜牧|养殖|生猪|牧场|出栏|渔|鱼|水产|农产品|农业|农村|农民|种植|耕地|农机|乡村振兴|菜篮子|中药材|食用菌|大豆|水稻|玉米|绿色食品|龙头企业|采摘|村集体|示范村|精品村|美丽乡村|改厕|黑土/, "农业农村局"],
  [/管网|老旧小区|棚户区|棚改|保障性住房|保障房|住房|房地产|建筑业|燃气|供热|物业|城镇化/, "住房和城乡建设局"],
  [/绿地|公园|垃圾|环卫|市容|城市管理|停车/, "城市管理局"],
  [/规划|国土|土地|耕地保护|矿产|不动产|测绘|地质/, "自然资源局"],
  [/学校|教育|学生|幼儿园|学前|义务教育|高中|职业院校|双减|教师/, "教育局"],
  [/养老|低保|救助|特困|残疾|儿童|社区服务|婚姻|殡葬|慈善|社会组织/, "民政局"],
  [/法律|普法|法治|公证|调解|矫正/, "司法局"],
  [/安全生产|事故|应急|消防|火灾|防灾|减灾|森林火/, "应急管理局"],
  [/发案|刑事|治安|诈骗|公安|交通违法/, "公安局"],
  [/市场主体|个体工商户|食品安全|药品安全|特种设备|质量|标准化|商标|计量|知识产权/, "市场监督管理局"],
  [/退役军人|双拥|优抚/, "退役军人事务局"],
  [/审计/, "审计局"],
  [/统计|居民人均可支配收入|可支配收入|城乡居民收入/, "统计局"],
  [/招商|引资|签约|招引|引进|落地项目|到位资金|外资/, "投资促进局"],
  [/生产总值|GDP|固定资产投资|投资|项目|能耗|节能|能源|风电|光伏|电站|抽水蓄能|储能|争取资金|对上争取|价格|物价|服务业|经济/i, "发展和改革委员会"],
];

function match(text: string): StandardDepartment | null {
  const t = text.normalize("NFKC");
  for (const [pattern, department] of RULES) if (pattern.test(t)) return department;
  return null;
}

/**
 * The customary lead department for a goal: by the metric's words, else by its section's title, else the
 * government office that coordinates everything. `level` is accepted so callers need not change when
 * level-specific names are added; the base names are the same at every level today.
 */
export function suggestLeadDepartment(metric: string, sectionTitle: string | null, level: PlanLevel): StandardDepartment {
  void level;
  return match(metric) ?? (sectionTitle ? match(sectionTitle) : null) ?? FALLBACK_DEPARTMENT;
}

const LEVEL_PREFIX: Record<PlanLevel, string> = { national: "", province: "省", city: "市", county: "县", district: "区" };

/** Province departments are 厅, not 局, for these (省财政厅, 省水利厅); the rest keep their city name. */
const PROVINCE_NAMES: Partial<Record<string, string>> = {
  政府办公室: "政府办公厅",
  教育局: "教育厅",
  科学技术局: "科学技术厅",
  工业和信息化局: "工业和信息化厅",
  公安局: "公安厅",
  民政局: "民政厅",
  司法局: "司法厅",
  财政局: "财政厅",
  人力资源和社会保障局: "人力资源和社会保障厅",
  自然资源局: "自然资源厅",
  生态环境局: "生态环境厅",
  住房和城乡建设局: "住房和城乡建设厅",
  交通运输局: "交通运输厅",
  水务局: "水利厅",
  农业农村局: "农业农村厅",
  商务局: "商务厅",
  文化广电和旅游局: "文化和旅游厅",
  退役军人事务局: "退役军人事务厅",
  应急管理局: "应急管理厅",
  审计局: "审计厅",
};

/** "市发展和改革委员会", "区农业农村局", "县财政局", "省财政厅"; national names are left as the base. */
export function departmentName(base: string, level: PlanLevel): string {
  if (level === "national") return base;
  const name = level === "province" ? PROVINCE_NAMES[base] ?? base : base;
  return LEVEL_PREFIX[level] + name;
}

/**
 * The rules above as (keyword, department) rows in their order, each keyword once (its first rule): the default of
 * a region's editable mapping table (lib/domain/import/mapping.ts). Matching a row is a substring test, so
 * "first row whose keyword occurs" gives what `match` gives.
 */
export function leadDepartmentKeywords(): { keyword: string; department: StandardDepartment }[] {
  const seen = new Set<string>();
  const rows: { keyword: string; department: StandardDepartment }[] = [];
  for (const [pattern, department] of RULES) {
    for (const alternative of pattern.source.split("|")) {
      const keyword = alternative.replace(/\\\.\?/g, ".").replace(/\\/g, "");
      const key = keyword.toUpperCase();
      if (!keyword || seen.has(key)) continue;
      seen.add(key);
      rows.push({ keyword, department });
    }
  }
  return rows;
}
