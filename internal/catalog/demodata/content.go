package demodata

import "gongkai/internal/catalog"

// bodyStyle selects how a body is written.
type bodyStyle int

const (
	styleNotice  bodyStyle = iota // 通知: salutation, purpose, numbered sections, signature
	styleNews                     // 工作动态: narrative paragraphs
	styleNotice2                  // 公示/公告: short announcement with a list
	styleReport                   // 报告/说明: sections
	styleReading                  // 政策解读
)

// entry is a kind of item an agency publishes. Placeholders in title: {区} district,
// {机构} agency, {年} year, {上年} previous year, {月} month, {季} quarter (一…四), {X} a pick
// from xs, {批} a running batch number.
type entry struct {
	topic    string
	kind     catalog.DocKind
	style    bodyStyle
	title    string
	xs       []string
	keywords []string
	docNo    int  // 0: no 文号; 1: main prefix; 2: office prefix; 3: letter prefix
	perYear  int  // fixed number per year (spread over months); 0 = pool item
	month    int  // fixed month (annual items)
	weight   int  // pool weight
	penalty  bool // 文号 is a penalty decision number
	// after marks a fixed series whose items report on the period their title names
	// (第一季度…, 3月…): each is written after that period has ended.
	after bool
}

var commonEntries = []entry{
	{topic: "annual_report", style: styleReport, title: "{机构}{上年}年政府信息公开工作年度报告", keywords: []string{"政府信息公开", "年度报告"}, perYear: 1, month: 1},
	{topic: "budgets", style: styleReport, title: "{机构}{年}年部门预算", keywords: []string{"部门预算"}, perYear: 1, month: 2},
	{topic: "budgets", style: styleReport, title: "{机构}{上年}年部门决算", keywords: []string{"部门决算"}, perYear: 1, month: 8},
	{topic: "budgets", style: styleReport, title: "{机构}{年}年“三公”经费预算情况说明", keywords: []string{"三公经费", "预算"}, perYear: 1, month: 2},
	{topic: "plans", style: styleReport, title: "{机构}{上年}年工作总结和{年}年工作计划", keywords: []string{"工作总结", "工作计划"}, perYear: 1, month: 1},
	{topic: "procurement", style: styleNotice2, title: "{机构}{年}年{X}政府采购意向公开", xs: []string{"第一批", "第二批", "第三批"}, keywords: []string{"政府采购", "采购意向"}, weight: 2},
	{topic: "personnel", style: styleNotice2, title: "{机构}关于{X}的公示", xs: []string{"拟提拔任用干部", "事业单位工作人员拟聘用人员", "公开遴选拟调入人员", "年度考核优秀等次人员"}, keywords: []string{"人事", "公示"}, weight: 2},
}

var healthEntries = []entry{
	{topic: "policy_documents", kind: catalog.Normative, style: styleNotice, docNo: 1, weight: 3,
		title:    "{区}卫生健康局关于印发《{区}{X}》的通知",
		xs:       []string{"基层医疗卫生机构绩效考核办法", "家庭医生签约服务管理办法", "医疗机构依法执业管理办法", "村卫生室管理办法", "院前医疗急救管理办法", "医疗卫生机构医疗废物管理规定", "基本公共卫生服务项目资金管理办法", "乡村医生队伍建设管理办法", "卫生健康行政执法全过程记录办法", "医疗质量安全管理办法"},
		keywords: []string{"规范性文件", "卫生健康"}},
	{topic: "policy_documents", style: styleNotice, docNo: 2, weight: 5,
		title:    "关于印发《{区}{年}年{X}》的通知",
		xs:       []string{"卫生健康工作要点", "基本公共卫生服务项目实施方案", "爱国卫生运动工作要点", "医疗机构监督检查工作方案", "卫生健康系统安全生产专项整治方案", "健康促进县区建设工作方案", "职业病防治工作方案", "妇幼健康工作要点", "老年健康促进行动方案", "慢性病综合防控工作方案"},
		keywords: []string{"工作方案", "卫生健康"}},
	{topic: "health", style: styleNotice, docNo: 3, weight: 4,
		title:    "关于开展{年}年{X}工作的通知",
		xs:       []string{"适龄妇女“两癌”免费筛查", "65岁及以上老年人健康体检", "儿童入托入学预防接种证查验", "学生常见病和健康影响因素监测", "食品安全风险监测", "出生缺陷综合防治", "国家免费孕前优生健康检查", "严重精神障碍患者服务管理"},
		keywords: []string{"公共卫生"}},
	{topic: "health", style: styleNews, weight: 4,
		title:    "{年}年{季}季度{区}{X}健康提示",
		xs:       []string{"传染病防控", "季节性流感防控", "手足口病防控", "食源性疾病预防", "防暑降温", "冬春季呼吸道疾病防控"},
		keywords: []string{"健康提示"}},
	{topic: "work_news", style: styleNews, weight: 12,
		title:    "{区}卫生健康局{X}",
		xs:       []string{"召开卫生健康工作推进会", "开展“世界卫生日”主题宣传活动", "开展全民健康生活方式宣传月活动", "部署爱国卫生月活动", "开展“全国高血压日”义诊活动", "开展“世界无烟日”宣传活动", "组织医疗卫生机构消防安全培训", "开展家庭医生签约服务进社区活动", "召开安全生产工作会议", "开展卫生健康行政执法培训", "组织开展应急演练", "开展母乳喂养宣传周活动", "召开党风廉政建设工作会议", "开展“万步有约”健走激励大赛"},
		keywords: []string{"工作动态"}},
	{topic: "licensing", style: styleNotice2, perYear: 12, after: true,
		title: "{年}年{月}月医疗机构执业登记审批结果公示", keywords: []string{"行政许可", "医疗机构", "审批结果"}},
	{topic: "licensing", style: styleNotice2, perYear: 4, after: true,
		title: "{年}年第{季}季度公共场所卫生许可证发放情况公示", keywords: []string{"行政许可", "公共场所"}},
	{topic: "supervision", style: styleNotice2, perYear: 2,
		title: "{年}年{区}卫生健康“双随机、一公开”监督抽查结果公示（第{批}批）", keywords: []string{"双随机", "监督抽查"}},
	{topic: "penalty", style: styleNotice2, docNo: 1, penalty: true, weight: 3,
		title:    "{区}卫生健康局行政处罚决定信息公示（{X}）",
		xs:       []string{"某口腔诊所未按规定进行医疗废物分类", "某美容服务部未取得卫生许可证从事经营活动", "某诊所超出登记范围开展诊疗活动", "某宾馆未按规定进行卫生检测", "某游泳馆水质不符合卫生标准", "某门诊部使用非卫生技术人员从事医疗卫生技术工作"},
		keywords: []string{"行政处罚"}},
	{topic: "statistics", style: styleReport, perYear: 4, after: true,
		title: "{区}{年}年第{季}季度法定传染病疫情概况", keywords: []string{"统计数据", "传染病"}},
	{topic: "emergency", style: styleNotice, docNo: 2, weight: 1,
		title: "关于印发《{区}{X}（{年}年修订）》的通知", xs: []string{"突发公共卫生事件应急预案", "卫生健康系统自然灾害卫生应急预案", "重大传染病疫情应急预案"},
		keywords: []string{"应急预案"}},
	{topic: "personnel", style: styleNotice2, weight: 2,
		title: "{年}年{区}卫生健康系统事业单位公开招聘工作人员{X}", xs: []string{"公告", "资格复审结果公示", "考试成绩公示", "拟聘用人员公示"},
		keywords: []string{"公开招聘"}},
	{topic: "policy_interpretation", style: styleReading, weight: 2,
		title:    "《{区}{X}》政策解读",
		xs:       []string{"基层医疗卫生机构绩效考核办法", "家庭医生签约服务管理办法", "村卫生室管理办法", "医疗质量安全管理办法"},
		keywords: []string{"政策解读"}},
	{topic: "food_drugs", style: styleNotice2, weight: 1,
		title: "{区}{年}年食品安全企业标准备案情况公示", keywords: []string{"食品安全", "企业标准"}},
	{topic: "work_safety", style: styleNotice, docNo: 3, weight: 1,
		title: "关于做好{年}年{X}卫生健康系统安全生产工作的通知", xs: []string{"春节期间", "汛期", "国庆期间", "冬季"},
		keywords: []string{"安全生产"}},
}

var medicalEntries = []entry{
	{topic: "policy_documents", kind: catalog.Normative, style: styleNotice, docNo: 1, weight: 2,
		title:    "{区}医疗保障局关于印发《{区}{X}》的通知",
		xs:       []string{"医疗保障基金使用监督管理办法", "定点医药机构协议管理办法", "门诊慢特病管理办法", "医疗救助实施办法", "长期护理保险试点实施细则", "医疗保障经办服务规程", "职工基本医疗保险门诊共济保障实施办法"},
		keywords: []string{"规范性文件", "医疗保障"}},
	{topic: "social_security", style: styleNotice, docNo: 2, perYear: 1, month: 9,
		title: "关于做好{年}年度城乡居民基本医疗保险参保缴费工作的通知", keywords: []string{"城乡居民医保", "参保缴费"}},
	{topic: "social_security", style: styleNotice2, perYear: 1, month: 10,
		title: "{区}{年}年度城乡居民基本医疗保险个人缴费标准公告", keywords: []string{"城乡居民医保", "缴费标准"}},
	{topic: "social_security", style: styleNotice, docNo: 2, weight: 4,
		title:    "关于{X}的通知",
		xs:       []string{"调整部分医疗服务价格", "做好异地就医直接结算工作", "落实国家组织药品集中带量采购中选结果", "开展医保电子凭证推广应用", "做好门诊慢特病认定工作", "加强定点医药机构协议管理", "做好医保目录调整执行工作"},
		keywords: []string{"医疗保障"}},
	{topic: "supervision", style: styleReport, weight: 3,
		title: "{年}年{区}医疗保障基金{X}情况通报", xs: []string{"专项检查", "飞行检查", "日常稽核", "打击欺诈骗保专项治理"},
		keywords: []string{"基金监管"}},
	{topic: "penalty", style: styleNotice2, docNo: 1, penalty: true, weight: 3,
		title:    "{区}医疗保障局行政处罚决定信息公示（{X}）",
		xs:       []string{"某药店串换药品骗取医保基金", "某诊所虚记诊疗项目", "某医院超标准收费", "某卫生院分解住院", "某药房将非医保物品纳入医保结算"},
		keywords: []string{"行政处罚", "医保基金"}},
	{topic: "statistics", style: styleReport, perYear: 4, after: true,
		title: "{区}{年}年第{季}季度医疗保障基金运行情况", keywords: []string{"统计数据", "医保基金"}},
	{topic: "social_assistance", style: styleNotice2, perYear: 2,
		title: "{区}{年}年医疗救助资金使用情况公示（第{批}批）", keywords: []string{"医疗救助"}},
	{topic: "work_news", style: styleNews, weight: 10,
		title:    "{区}医疗保障局{X}",
		xs:       []string{"开展医保政策进社区宣传活动", "启动打击欺诈骗保集中宣传月活动", "召开定点医药机构工作会议", "开展医保经办服务提升行动", "召开医保基金监管工作推进会", "开展医保电子凭证激活推广活动", "组织医保业务培训", "开展“医保服务下基层”活动"},
		keywords: []string{"工作动态"}},
	{topic: "policy_interpretation", style: styleReading, weight: 2,
		title: "《{X}》政策解读", xs: []string{"门诊慢特病管理办法", "医疗救助实施办法", "职工基本医疗保险门诊共济保障实施办法", "长期护理保险试点实施细则"},
		keywords: []string{"政策解读"}},
	{topic: "licensing", style: styleNotice2, perYear: 4, after: true,
		title: "{年}年第{季}季度新增医保定点医药机构名单公示", keywords: []string{"定点医药机构"}},
}

var openOfficeEntries = []entry{
	{topic: "policy_documents", kind: catalog.Normative, style: styleNotice, docNo: 1, weight: 3,
		title:    "{区}人民政府办公室关于印发《{区}{X}》的通知",
		xs:       []string{"政务公开工作考核办法", "行政规范性文件管理办法", "政府信息公开申请办理工作规程", "重大行政决策程序规定", "政务服务“好差评”实施办法", "政府网站与政务新媒体管理办法", "12345政务服务便民热线管理办法", "政务数据共享管理办法"},
		keywords: []string{"规范性文件"}},
	{topic: "plans", style: styleNotice, docNo: 2, perYear: 1, month: 4,
		title: "{区}人民政府办公室关于印发《{区}{年}年政务公开工作要点》的通知", keywords: []string{"政务公开", "工作要点"}},
	{topic: "annual_report", style: styleReport, perYear: 1, month: 3,
		title: "{区}人民政府{上年}年政府信息公开工作年度报告", keywords: []string{"政府信息公开", "年度报告"}},
	{topic: "supervision", style: styleReport, perYear: 4, after: true,
		title: "{区}{年}年第{季}季度政府网站和政务新媒体检查情况通报", keywords: []string{"政府网站", "检查通报"}},
	{topic: "work_news", style: styleNews, weight: 10,
		title:    "{区}{X}",
		xs:       []string{"召开政务公开工作培训会", "开展“政府开放日”活动", "召开政务服务工作推进会", "组织开展政务公开专题培训", "召开政府信息公开工作联席会议", "开展政务公开进社区活动", "推进基层政务公开标准化规范化建设"},
		keywords: []string{"工作动态", "政务公开"}},
	{topic: "major_projects", style: styleNotice2, perYear: 1, month: 3,
		title: "{区}{年}年重点建设项目计划", keywords: []string{"重大建设项目"}},
	{topic: "policy_interpretation", style: styleReading, weight: 2,
		title: "《{区}{X}》解读", xs: []string{"政务公开工作考核办法", "行政规范性文件管理办法", "重大行政决策程序规定", "政务服务“好差评”实施办法"},
		keywords: []string{"政策解读"}},
	{topic: "policy_documents", style: styleNotice, docNo: 2, weight: 5,
		title:    "{区}人民政府办公室关于{X}的通知",
		xs:       []string{"做好{年}年政府信息公开年度报告编制发布工作", "进一步加强政务舆情回应工作", "开展政府网站普查工作", "做好行政规范性文件清理工作", "加强政府信息公开保密审查工作", "做好政务公开专栏建设工作"},
		keywords: []string{"政务公开"}},
	{topic: "emergency", style: styleNotice, docNo: 2, weight: 1,
		title: "{区}人民政府办公室关于印发《{区}{X}》的通知", xs: []string{"突发事件总体应急预案", "防汛抗旱应急预案", "森林火灾应急预案"},
		keywords: []string{"应急预案"}},
}

func entriesFor(k AgencyKind) []entry {
	var own []entry
	switch k {
	case Health:
		own = healthEntries
	case MedicalSecurity:
		own = medicalEntries
	default:
		own = openOfficeEntries
	}
	return append(append([]entry(nil), own...), commonEntries...)
}
