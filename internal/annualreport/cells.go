// Package annualreport is the statutory annual report on government information
// disclosure (政府信息公开工作年度报告): its formats (2021, 2019 and the pre-2019
// statistics table), the cell identifiers of ../shared/report-cells.json, and the
// consistency rules (勾稽关系). Everything here is pure: no I/O.
package annualreport

import "strings"

// Format names a layout of the statutory tables.
type Format string

const (
	Format2021      Format = "2021"      // 国办公开办函〔2021〕30号, reports for 2021 on
	Format2019      Format = "2019"      // 国办公开办函〔2019〕60号, reports for 2019 and 2020
	FormatLegacy    Format = "legacy"    // the 2008–2018 statistics table; read, never produced
	FormatNarrative Format = "narrative" // a report without tables
)

// Label names the format for people: 2021年版, 2019年版, 2008—2018年旧版, 仅文字.
func (f Format) Label() string {
	switch f {
	case Format2021:
		return "2021年版"
	case Format2019:
		return "2019年版"
	case FormatLegacy:
		return "2008—2018年旧版"
	case FormatNarrative:
		return "仅文字"
	}
	return string(f)
}

// Table ids, the first part of a cell id.
const (
	TableActive2021   = "active_2021"
	TableActive2019   = "active_2019"
	TableApplications = "applications"
	TableAppeals      = "appeals"
	TableLegacy       = "legacy"
)

// Row is one row of a statutory table with the columns it has.
type Row struct {
	ID      string   // e.g. "withheld.state_secret"
	Label   string   // statutory label, e.g. "1.属于国家秘密"
	Group   string   // e.g. "第二十条第（一）项" or "（三）不予公开"; may be empty
	Columns []string // column ids in statutory order
}

// Table is one statutory table.
type Table struct {
	ID      string
	Label   string
	Rows    []Row
	Columns map[string]string // column id → statutory label
}

// Cell returns the identifier of a cell: TABLE.ROW.COLUMN.
func Cell(table, row, column string) string { return table + "." + row + "." + column }

// SplitCell splits a cell id into table, row and column; ok is false when id is malformed.
func SplitCell(id string) (table, row, column string, ok bool) {
	i := strings.IndexByte(id, '.')
	j := strings.LastIndexByte(id, '.')
	if i <= 0 || j <= i || j == len(id)-1 {
		return "", "", "", false
	}
	return id[:i], id[i+1 : j], id[j+1:], true
}

var (
	active2021Columns = map[string]string{
		"issued": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数",
		"decisions": "本年处理决定数量", "amount_10k_yuan": "本年收费金额（单位：万元）",
	}
	active2019Columns = map[string]string{
		"made": "本年新制作数量", "published": "本年新公开数量", "total_public": "对外公开总数量",
		"prev_items": "上一年项目数量", "change": "本年增/减", "decisions": "处理决定数量",
		"items": "采购项目数量", "amount": "采购总金额",
	}
	applicationColumns = map[string]string{
		"natural_person": "自然人", "business": "商业企业", "research": "科研机构",
		"public_interest": "社会公益组织", "legal_service": "法律服务机构", "other_org": "其他", "total": "总计",
	}
	// ApplicationColumns is the column order of table 三.
	ApplicationColumns = []string{"natural_person", "business", "research", "public_interest", "legal_service", "other_org", "total"}
	// AppealGroups and AppealColumns give the order of the fifteen figures of table 四.
	AppealGroups  = []string{"reconsideration", "litigation_direct", "litigation_after"}
	AppealColumns = []string{"upheld", "corrected", "other", "pending", "total"}
	appealColumns = map[string]string{"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结", "total": "总计"}
)

const (
	g1 = "第二十条第（一）项"
	g5 = "第二十条第（五）项"
	g6 = "第二十条第（六）项"
	g8 = "第二十条第（八）项"
	g9 = "第二十条第（九）项"
)

var active2021 = Table{
	ID: TableActive2021, Label: "二、主动公开政府信息情况", Columns: active2021Columns,
	Rows: []Row{
		{"regulations", "规章", g1, []string{"issued", "repealed", "in_force"}},
		{"normative_docs", "行政规范性文件", g1, []string{"issued", "repealed", "in_force"}},
		{"licensing", "行政许可", g5, []string{"decisions"}},
		{"penalty", "行政处罚", g6, []string{"decisions"}},
		{"enforcement", "行政强制", g6, []string{"decisions"}},
		{"fees", "行政事业性收费", g8, []string{"amount_10k_yuan"}},
	},
}

var active2019 = Table{
	ID: TableActive2019, Label: "二、主动公开政府信息情况", Columns: active2019Columns,
	Rows: []Row{
		{"regulations", "规章", g1, []string{"made", "published", "total_public"}},
		{"normative_docs", "规范性文件", g1, []string{"made", "published", "total_public"}},
		{"licensing", "行政许可", g5, []string{"prev_items", "change", "decisions"}},
		{"other_services", "其他对外管理服务事项", g5, []string{"prev_items", "change", "decisions"}},
		{"penalty", "行政处罚", g6, []string{"prev_items", "change", "decisions"}},
		{"enforcement", "行政强制", g6, []string{"prev_items", "change", "decisions"}},
		{"fees", "行政事业性收费", g8, []string{"prev_items", "change"}},
		{"procurement", "政府集中采购", g9, []string{"items", "amount"}},
	},
}

func appRow(id, label, group string) Row {
	return Row{ID: id, Label: label, Group: group, Columns: ApplicationColumns}
}

const (
	grpResult = "三、本年度办理结果"
	grpWith   = "（三）不予公开"
	grpUnav   = "（四）无法提供"
	grpNotP   = "（五）不予处理"
	grpOther  = "（六）其他处理"
)

func applicationRows(f Format) []Row {
	rows := []Row{
		appRow("new", "一、本年新收政府信息公开申请数量", ""),
		appRow("carried_in", "二、上年结转政府信息公开申请数量", ""),
		appRow("granted", "（一）予以公开", grpResult),
		appRow("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", grpResult),
		appRow("withheld.state_secret", "1.属于国家秘密", grpWith),
		appRow("withheld.law_forbids", "2.其他法律行政法规禁止公开", grpWith),
		appRow("withheld.safety_stability", "3.危及“三安全一稳定”", grpWith),
		appRow("withheld.third_party", "4.保护第三方合法权益", grpWith),
		appRow("withheld.internal_affairs", "5.属于三类内部事务信息", grpWith),
		appRow("withheld.process_info", "6.属于四类过程性信息", grpWith),
		appRow("withheld.enforcement_file", "7.属于行政执法案卷", grpWith),
		appRow("withheld.inquiry", "8.属于行政查询事项", grpWith),
		appRow("unavailable.not_held", "1.本机关不掌握相关政府信息", grpUnav),
		appRow("unavailable.needs_creation", "2.没有现成信息需要另行制作", grpUnav),
		appRow("unavailable.still_unclear", "3.补正后申请内容仍不明确", grpUnav),
		appRow("not_processed.petition", "1.信访举报投诉类申请", grpNotP),
		appRow("not_processed.repeated", "2.重复申请", grpNotP),
		appRow("not_processed.publication", "3.要求提供公开出版物", grpNotP),
		appRow("not_processed.mass_repeated", "4.无正当理由大量反复申请", grpNotP),
		appRow("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息", grpNotP),
	}
	if f == Format2021 {
		rows = append(rows,
			appRow("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", grpOther),
			appRow("other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", grpOther),
			appRow("other.other", "3.其他", grpOther),
		)
	} else {
		rows = append(rows, appRow("other", "（六）其他处理", grpResult))
	}
	return append(rows,
		appRow("total", "（七）总计", grpResult),
		appRow("carried_out", "四、结转下年度继续办理", ""),
	)
}

// OutcomeRows lists the rows of table 三 whose sum is （七）总计 in format f.
// The slice is shared: do not modify it.
func OutcomeRows(f Format) []string {
	if l := layouts[f]; l != nil {
		return l.outcomes
	}
	return nil
}

var appeals = Table{
	ID: TableAppeals, Label: "四、政府信息公开行政复议、行政诉讼情况", Columns: appealColumns,
	Rows: []Row{
		{"reconsideration", "行政复议", "", AppealColumns},
		{"litigation_direct", "未经复议直接起诉", "行政诉讼", AppealColumns},
		{"litigation_after", "复议后起诉", "行政诉讼", AppealColumns},
	},
}

// legacy is the pre-2019 statistics table as gongkai reads it: the rows of the
// 2008-era table (seed 001) and of the 2015–2018 national table, each with one column
// named after its unit ("items", "sessions", "issues", "count", "yuan",
// "amount_10k_yuan"); 新闻发布会 and 政府公报 have two. These ids are gongkai's own:
// shared/report-cells.json defines none for this table.
var legacy = Table{
	ID: TableLegacy, Label: "政府信息公开工作统计表（2008—2018年）",
	Columns: map[string]string{"items": "条", "sessions": "场", "issues": "期", "count": "件/个/人次", "yuan": "元"},
	Rows: []Row{
		{"active_website", "政府（部门）网站公开", "一、主动公开政府信息情况", []string{"items"}},
		{"press_conference", "新闻发布会", "一、主动公开政府信息情况", []string{"sessions", "items"}},
		{"gazette", "政府公报", "一、主动公开政府信息情况", []string{"issues", "items"}},
		{"active_other", "其他便于公众知晓的方式", "一、主动公开政府信息情况", []string{"items"}},
		{"reading_points", "设立公开查阅点数", "一、主动公开政府信息情况", []string{"count"}},
		{"reading_visits", "公开查阅点查阅数", "一、主动公开政府信息情况", []string{"count"}},
		{"applications", "全年收到政府信息公开申请数", "二、依申请公开情况", []string{"count"}},
		{"applications_in_person", "现场书面申请数", "二、依申请公开情况", []string{"count"}},
		{"applications_email", "电子邮件形式申请数", "二、依申请公开情况", []string{"count"}},
		{"applications_fax", "传真形式申请数", "二、依申请公开情况", []string{"count"}},
		{"applications_mail", "信函邮寄形式申请数", "二、依申请公开情况", []string{"count"}},
		{"applications_other", "其他形式申请数", "二、依申请公开情况", []string{"count"}},
		{"replies", "全年已办理答复的依申请公开数", "二、依申请公开情况", []string{"count"}},
		{"replies_granted", "同意公开数", "二、依申请公开情况", []string{"count"}},
		{"replies_partial", "同意部分公开数", "二、依申请公开情况", []string{"count"}},
		{"replies_not_gov_info", "“非《条例》所指政府信息”数", "二、依申请公开情况", []string{"count"}},
		{"replies_not_exist", "“信息不存在”数", "二、依申请公开情况", []string{"count"}},
		{"replies_not_competent", "“非本机关职权范围”数", "二、依申请公开情况", []string{"count"}},
		{"replies_unclear", "“申请内容不明确”数", "二、依申请公开情况", []string{"count"}},
		{"replies_repeated", "“重复申请”数", "二、依申请公开情况", []string{"count"}},
		{"replies_withheld", "不予公开总数", "二、依申请公开情况", []string{"count"}},
		{"withheld_state_secret", "“国家秘密”数", "二、依申请公开情况", []string{"count"}},
		{"withheld_trade_secret", "“商业秘密”数", "二、依申请公开情况", []string{"count"}},
		{"withheld_privacy", "“个人隐私”数", "二、依申请公开情况", []string{"count"}},
		{"withheld_process", "“过程中信息且影响安全稳定”数", "二、依申请公开情况", []string{"count"}},
		{"withheld_safety", "“危及安全和稳定”数", "二、依申请公开情况", []string{"count"}},
		{"withheld_other_law", "“法律法规规定的其他情形”数", "二、依申请公开情况", []string{"count"}},
		{"consultations", "政府信息公开咨询（查询）数", "三、咨询情况", []string{"count"}},
		{"consultations_handled", "政府信息公开咨询（查询）处理数", "三、咨询情况", []string{"count"}},
		{"reconsiderations", "因政府信息公开被行政复议数", "四、行政复议、诉讼及申诉情况", []string{"count"}},
		{"litigations", "因政府信息公开而引发的行政诉讼数", "四、行政复议、诉讼及申诉情况", []string{"count"}},
		{"litigation_costs", "因政府信息公开而引发的行政诉讼费用", "四、行政复议、诉讼及申诉情况", []string{"yuan"}},
		{"complaints", "因政府信息公开而引发的申诉数", "四、行政复议、诉讼及申诉情况", []string{"count"}},
		{"fees_charged", "依申请公开收费金额", "五、收费和减免情况", []string{"yuan"}},
		{"fees_waived", "对依申请公开减免费用金额", "五、收费和减免情况", []string{"yuan"}},
		{"hearings", "组织重大决策听证", "六、实施重大决策听证、重要事项公示、重点工作通报情况", []string{"count"}},
		{"public_notices", "发布重要事项公示信息", "六、实施重大决策听证、重要事项公示、重点工作通报情况", []string{"count"}},
		{"work_reports", "发布重点工作通报事项", "六、实施重大决策听证、重要事项公示、重点工作通报情况", []string{"count"}},
		// The 2015–2018 national statistics table (政府信息公开情况统计表).
		{"active_total", "主动公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"active_normative", "主动公开规范性文件数", "一、主动公开情况", []string{"count"}},
		{"gazette_items", "政府公报公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"website_items", "政府网站公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"weibo_items", "政务微博公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"wechat_items", "政务微信公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"other_channel_items", "其他方式公开政府信息数", "一、主动公开情况", []string{"count"}},
		{"responses", "回应公众关注热点或重大舆情数", "二、回应解读情况", []string{"count"}},
		{"press_conferences", "参加或举办新闻发布会总次数", "二、回应解读情况", []string{"count"}},
		{"online_interviews", "政府网站在线访谈次数", "二、回应解读情况", []string{"count"}},
		{"interpretations", "政策解读稿件发布数", "二、回应解读情况", []string{"count"}},
		{"weibo_responses", "微博微信回应事件数", "二、回应解读情况", []string{"count"}},
		{"other_responses", "其他方式回应事件数", "二、回应解读情况", []string{"count"}},
		{"applications_online", "网络申请数", "三、依申请公开情况", []string{"count"}},
		{"completed", "申请办结数", "三、依申请公开情况", []string{"count"}},
		{"completed_on_time", "按时办结数", "三、依申请公开情况", []string{"count"}},
		{"completed_extended", "延期办结数", "三、依申请公开情况", []string{"count"}},
		{"replies_already_public", "属于已主动公开范围数", "三、依申请公开情况", []string{"count"}},
		{"replies_refused", "不同意公开答复数", "三、依申请公开情况", []string{"count"}},
		{"replies_correction", "告知作出更改补充数", "三、依申请公开情况", []string{"count"}},
		{"replies_other_route", "告知通过其他途径办理数", "三、依申请公开情况", []string{"count"}},
		{"reconsideration_upheld", "维持具体行政行为数（行政复议）", "四、行政复议数量", []string{"count"}},
		{"reconsideration_corrected", "被依法纠错数（行政复议）", "四、行政复议数量", []string{"count"}},
		{"reconsideration_other", "其他情形数（行政复议）", "四、行政复议数量", []string{"count"}},
		{"litigation_upheld", "维持具体行政行为或者驳回原告诉讼请求数", "五、行政诉讼数量", []string{"count"}},
		{"litigation_corrected", "被依法纠错数（行政诉讼）", "五、行政诉讼数量", []string{"count"}},
		{"litigation_other", "其他情形数（行政诉讼）", "五、行政诉讼数量", []string{"count"}},
		{"fees_10k_yuan", "依申请公开信息收取的费用", "七、依申请公开信息收取的费用", []string{"amount_10k_yuan"}},
		{"offices", "政府信息公开工作专门机构数", "八、机构建设和保障经费情况", []string{"count"}},
		{"staff", "从事政府信息公开工作人员数", "八、机构建设和保障经费情况", []string{"count"}},
		{"staff_full_time", "专职人员数", "八、机构建设和保障经费情况", []string{"count"}},
		{"staff_part_time", "兼职人员数", "八、机构建设和保障经费情况", []string{"count"}},
		{"budget_10k_yuan", "政府信息公开专项经费", "八、机构建设和保障经费情况", []string{"amount_10k_yuan"}},
		{"meetings", "召开政府信息公开工作会议或专题会议数", "九、政府信息公开会议和培训情况", []string{"count"}},
		{"trainings", "举办各类培训班数", "九、政府信息公开会议和培训情况", []string{"count"}},
		{"trainees", "接受培训人员数", "九、政府信息公开会议和培训情况", []string{"count"}},
	},
}

// LegacySums are the row groups of the pre-2019 table whose first row is the sum of
// the others, this year's figures and running totals alike: applications received by
// channel (2008-era table), and withheld replies by reason.
var LegacySums = [][]string{
	{"applications", "applications_in_person", "applications_email", "applications_fax", "applications_mail", "applications_other"},
	{"replies_withheld", "withheld_state_secret", "withheld_trade_secret", "withheld_privacy", "withheld_process", "withheld_safety", "withheld_other_law"},
}

// layout is everything derived from the table definitions, computed once.
type layout struct {
	tables   []Table
	cellIDs  []string
	labels   map[string]string   // cell id → Chinese label
	rowCols  map[string][]string // "table.row" → column ids
	rowCells map[string][]string // "table.row" → cell ids
	outcomes []string
	eq       equations
	eqIdx    equationIndex // eq as places in cellIDs
}

// equationIndex is equations with each cell id replaced by its place in cellIDs.
type equationIndex struct {
	balance, totalRows, totalCol, appeals [][]int
}

func indexEquations(cellIDs []string, e equations) equationIndex {
	at := map[string]int{}
	for k, id := range cellIDs {
		at[id] = k
	}
	places := func(ids []string) []int {
		out := make([]int, len(ids))
		for k, id := range ids {
			p, ok := at[id]
			if !ok {
				panic("annualreport: equation cell " + id + " is not a cell of its format")
			}
			out[k] = p
		}
		return out
	}
	var x equationIndex
	for _, ids := range e.balance {
		x.balance = append(x.balance, places(ids[:]))
	}
	for _, ids := range e.totalRows {
		x.totalRows = append(x.totalRows, places(ids))
	}
	for _, ids := range e.totalCol {
		x.totalCol = append(x.totalCol, places(ids))
	}
	for _, ids := range e.appeals {
		x.appeals = append(x.appeals, places(ids))
	}
	return x
}

// equations are the cell ids of the consistency rules, laid out once per format.
type equations struct {
	balance   [][4]string // per column: new, carried_in, total, carried_out
	totalRows [][]string  // per column: total, then the outcome rows
	totalCol  [][]string  // per row: total, then the six applicant columns
	rowsOrder []string    // row id of each totalCol entry
	appeals   [][]string  // per group: total, then the four results
}

func buildEquations(outcomes []string) equations {
	var e equations
	for _, col := range ApplicationColumns {
		e.balance = append(e.balance, [4]string{app("new", col), app("carried_in", col), app("total", col), app("carried_out", col)})
		ids := []string{app("total", col)}
		for _, row := range outcomes {
			ids = append(ids, app(row, col))
		}
		e.totalRows = append(e.totalRows, ids)
	}
	rows := append([]string{"new", "carried_in"}, outcomes...)
	rows = append(rows, "total", "carried_out")
	for _, row := range rows {
		ids := []string{app(row, "total")}
		for _, col := range ApplicationColumns[:6] {
			ids = append(ids, app(row, col))
		}
		e.totalCol = append(e.totalCol, ids)
		e.rowsOrder = append(e.rowsOrder, row)
	}
	for _, g := range AppealGroups {
		ids := []string{Cell(TableAppeals, g, "total")}
		for _, col := range AppealColumns[:4] {
			ids = append(ids, Cell(TableAppeals, g, col))
		}
		e.appeals = append(e.appeals, ids)
	}
	return e
}

var layouts = func() map[Format]*layout {
	m := map[Format]*layout{}
	for _, f := range []Format{Format2021, Format2019, FormatLegacy} {
		l := &layout{tables: buildTables(f), labels: map[string]string{}, rowCols: map[string][]string{}, rowCells: map[string][]string{}}
		for _, t := range l.tables {
			for _, r := range t.Rows {
				l.rowCols[t.ID+"."+r.ID] = r.Columns
				for _, c := range r.Columns {
					id := Cell(t.ID, r.ID, c)
					l.cellIDs = append(l.cellIDs, id)
					l.rowCells[t.ID+"."+r.ID] = append(l.rowCells[t.ID+"."+r.ID], id)
					lbl := r.Label
					if r.Group != "" && t.ID == TableAppeals {
						lbl = r.Group + "·" + lbl
					}
					l.labels[id] = lbl + "·" + t.Columns[c]
				}
				if t.ID == TableApplications {
					switch r.ID {
					case "new", "carried_in", "total", "carried_out":
					default:
						l.outcomes = append(l.outcomes, r.ID)
					}
				}
			}
		}
		for _, c := range ApplicationColumns {
			id := Cell(TableApplications, "other", c)
			if _, ok := l.labels[id]; !ok {
				l.labels[id] = "（六）其他处理·" + applicationColumns[c]
			}
		}
		l.cellIDs = l.cellIDs[:len(l.cellIDs):len(l.cellIDs)]
		if f != FormatLegacy {
			l.eq = buildEquations(l.outcomes)
			l.eqIdx = indexEquations(l.cellIDs, l.eq)
		}
		l.outcomes = l.outcomes[:len(l.outcomes):len(l.outcomes)]
		m[f] = l
	}
	return m
}()

// RowColumns returns the column ids of row "table.row" in format f, or nil.
// The slice is shared: do not modify it.
func RowColumns(f Format, tableRow string) []string {
	if l := layouts[f]; l != nil {
		return l.rowCols[tableRow]
	}
	return nil
}

// RowCells returns the cell ids of row "table.row" in format f, or nil.
// The slice is shared: do not modify it.
func RowCells(f Format, tableRow string) []string {
	if l := layouts[f]; l != nil {
		return l.rowCells[tableRow]
	}
	return nil
}

// Tables returns the statutory tables of format f in report order; nil for narrative.
// The tables are shared: do not modify them.
func Tables(f Format) []Table {
	if l := layouts[f]; l != nil {
		return l.tables
	}
	return nil
}

func buildTables(f Format) []Table {
	switch f {
	case Format2021:
		return []Table{active2021, {ID: TableApplications, Label: "三、收到和处理政府信息公开申请情况", Rows: applicationRows(Format2021), Columns: applicationColumns}, appeals}
	case Format2019:
		return []Table{active2019, {ID: TableApplications, Label: "三、收到和处理政府信息公开申请情况", Rows: applicationRows(Format2019), Columns: applicationColumns}, appeals}
	case FormatLegacy:
		return []Table{legacy}
	}
	return nil
}

// CellIDs lists every cell of format f in statutory order.
// The slice is shared: do not modify it (appending is safe).
func CellIDs(f Format) []string {
	if l := layouts[f]; l != nil {
		return l.cellIDs
	}
	return nil
}

// DerivedCells lists cells that format f does not print but defines as a sum of others:
// in the 2021 format, applications.other.COLUMN is the sum of the three （六） rows.
func DerivedCells(f Format) []string {
	if f != Format2021 {
		return nil
	}
	ids := make([]string, 0, len(ApplicationColumns))
	for _, c := range ApplicationColumns {
		ids = append(ids, Cell(TableApplications, "other", c))
	}
	return ids
}

// CellLabel returns the Chinese label of a cell id, e.g. "行政许可·处理决定数量".
func CellLabel(f Format, id string) string {
	if l := layouts[f]; l != nil {
		if s, ok := l.labels[id]; ok {
			return s
		}
	}
	return id
}

// IsAmount reports whether a cell holds a money amount (may be decimal).
func IsAmount(id string) bool {
	_, _, c, _ := SplitCell(id)
	return c == "amount_10k_yuan" || c == "amount" || c == "yuan"
}

// MayBeNegative reports whether a cell may hold a negative figure (2019 本年增/减).
func MayBeNegative(id string) bool {
	t, _, c, _ := SplitCell(id)
	return t == TableActive2019 && c == "change"
}
