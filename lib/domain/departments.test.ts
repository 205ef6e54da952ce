import { describe, expect, it } from "vitest";
import { FALLBACK_DEPARTMENT, STANDARD_DEPARTMENTS, departmentName, suggestLeadDepartment } from "./departments";

describe("suggestLeadDepartment", () => {
  it.each([
    ["地区生产总值", "发展和改革委员会"],
    ["GDP", "发展和改革委员会"],
    ["固定资产投资", "发展和改革委员会"],
    ["万元GDP综合能耗", "发展和改革委员会"],
    ["谋划项目", "发展和改革委员会"],
    ["开复工项目", "发展和改革委员会"],
    ["风电项目", "发展和改革委员会"],
    ["对上争取资金", "发展和改革委员会"],
    ["规上工业增加值", "工业和信息化局"],
    ["新增规上工业企业", "工业和信息化局"],
    ["新增规上企业", "工业和信息化局"],
    ["投资千万元以上工业项目", "工业和信息化局"],
    ["“专精特新”中小企业", "工业和信息化局"],
    ["生物医药产业产值", "工业和信息化局"],
    ["集成电路、信息服务产业营业收入", "工业和信息化局"],
    ["一般公共预算收入", "财政局"],
    ["财政供养人口总量", "财政局"],
    ["社会消费品零售总额", "商务局"],
    ["进出口总额", "商务局"],
    ["电子商务交易额", "商务局"],
    ["互市贸易额", "商务局"],
    ["跨境电商贸易额", "商务局"],
    ["新增限上商贸企业", "商务局"],
    ["接待游客", "文化广电和旅游局"],
    ["旅游收入", "文化广电和旅游局"],
    ["新建高标准农田", "农业农村局"],
    ["粮食产量", "农业农村局"],
    ["蔬菜种植面积", "农业农村局"],
    ["生猪年出栏量", "农业农村局"],
    ["畜牧业产值", "农业农村局"],
    ["冷水鱼产值", "农业农村局"],
    ["主要农产品加工转化率", "农业农村局"],
    ["新增省级现代农业科技示范基地", "农业农村局"],
    ["美丽宜居示范村", "农业农村局"],
    ["新增城镇就业", "人力资源和社会保障局"],
    ["登记失业率", "人力资源和社会保障局"],
    ["“三项保险”新增参保", "人力资源和社会保障局"],
    ["拖欠农民工工资案件", "人力资源和社会保障局"],
    ["家庭医生重点人群签约服务覆盖率", "卫生健康委员会"],
    ["社区卫生服务机构达标率", "卫生健康委员会"],
    ["医保定点医院按病种“打包付费”覆盖率", "医疗保障局"],
    ["空气质量优良天数", "生态环境局"],
    ["国控考核断面水质优良比例", "生态环境局"],
    ["绿化国土", "林业和草原局"],
    ["林下经济", "林业和草原局"],
    ["农村公路", "交通运输局"],
    ["改造老旧给排水管网", "住房和城乡建设局"],
    ["老旧小区改造", "住房和城乡建设局"],
    ["棚户区改造地块", "住房和城乡建设局"],
    ["市区新增绿地", "城市管理局"],
    ["有效发明专利授权量", "科学技术局"],
    ["高新技术企业数量", "科学技术局"],
    ["新增省级以上科技创新平台", "科学技术局"],
    ["新签约亿元以上项目", "投资促进局"],
    ["招商台账", "投资促进局"],
    ["幸福河湖", "水务局"],
    ["治理侵蚀沟", "水务局"],
    ["林海水库完成投资", "水务局"],
    ["政务服务事项向乡镇街道延伸", "营商环境建设监督局"],
    ["数字政府平台特色专区和高频应用", "营商环境建设监督局"],
    ["公共法律服务覆盖率", "司法局"],
    ["市区村庄规划覆盖率", "自然资源局"],
    ["城镇居民人均可支配收入", "统计局"],
  ])("%s → %s", (metric, department) => {
    expect(suggestLeadDepartment(metric, null, "city")).toBe(department);
  });

  it("falls back to the section title, then to the government office", () => {
    expect(suggestLeadDepartment("年收入50万元村", "（五）加快推进乡村振兴，促进三农提质增效", "district")).toBe("农业农村局");
    expect(suggestLeadDepartment("营业收入", "（三）推动工业转型提级，筑牢城区经济根基", "district")).toBe("工业和信息化局");
    expect(suggestLeadDepartment("民生实事", "（七）聚焦共同富裕目标，着力保障改善民生", "district")).toBe(FALLBACK_DEPARTMENT);
    expect(suggestLeadDepartment("民生实事", null, "district")).toBe("政府办公室");
  });

  it("the metric wins over the section", () => {
    expect(suggestLeadDepartment("接待游客", "（五）加快推进乡村振兴", "city")).toBe("文化广电和旅游局");
  });

  it("only suggests standard departments", () => {
    const metrics = ["地区生产总值", "随便什么", "空气", "医保", "招商", "专利", "绿地", "学校", "养老", "事故", "发案", "市场主体", "双拥", "审计", "统计"];
    for (const m of metrics) expect(STANDARD_DEPARTMENTS).toContain(suggestLeadDepartment(m, null, "county"));
  });
});

describe("departmentName", () => {
  it("prefixes the level", () => {
    expect(departmentName("发展和改革委员会", "city")).toBe("市发展和改革委员会");
    expect(departmentName("农业农村局", "district")).toBe("区农业农村局");
    expect(departmentName("财政局", "county")).toBe("县财政局");
    expect(departmentName("政府办公室", "city")).toBe("市政府办公室");
  });

  it("uses 厅 for province departments where that is the name", () => {
    expect(departmentName("财政局", "province")).toBe("省财政厅");
    expect(departmentName("水务局", "province")).toBe("省水利厅");
    expect(departmentName("政府办公室", "province")).toBe("省政府办公厅");
    expect(departmentName("发展和改革委员会", "province")).toBe("省发展和改革委员会");
    expect(departmentName("统计局", "province")).toBe("省统计局");
  });

  it("leaves national names as the base", () => {
    expect(departmentName("发展和改革委员会", "national")).toBe("发展和改革委员会");
  });

  it("gives distinct names to the standard departments at every level", () => {
    for (const level of ["national", "province", "city", "county", "district"] as const) {
      const names = STANDARD_DEPARTMENTS.map((d) => departmentName(d, level));
      expect(new Set(names).size).toBe(names.length);
    }
  });
});
