package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Applications loads 依申请公开 demo cases for the two departments: every reply type in
// 2024, 2025 and this year (Light: once, spread over both), plus open cases in every
// state — some due soon, one overdue. Applicants are obviously fictional (“某某（演示）”)
// with made-up identity numbers that pass the check digit.
func Applications(ctx context.Context, db *store.DB, env *Env) error {
	if len(env.Agencies) < 2 {
		return nil
	}
	cal, err := db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	today := workday.Of(env.Now)
	// One transaction for the whole set keeps loading fast (it runs in every web test):
	// the door joins it, and still checks, applies the rules and audits every step.
	err = db.InTx(ctx, func(tx *store.Tx) error {
		return loadApplications(&appLoader{ctx: ctx, apps: tx.Applications(), letters: tx.Letters(), env: env, cal: cal, today: today})
	})
	if err != nil {
		return err
	}
	_, err = db.Applications().Refresh(ctx, account.System(), today)
	return err
}

func loadApplications(l *appLoader) error {
	cal, today, env := l.cal, l.today, l.env
	depts := env.Agencies[:2]
	closed := closedScenarios()
	if env.Light {
		for i, sc := range closed {
			ag := depts[i%2]
			received := cal.Add(today, -(45 + 4*i))
			if err := l.run(ag, received, sc); err != nil {
				return err
			}
		}
	} else {
		for _, year := range []int{2024, 2025} {
			for _, ag := range depts {
				for i, sc := range closed {
					received := cal.Add(workday.Day(year, time.Month(1+(i*5+int(ag.ID))%11), 1+(i*7)%27), 1)
					if err := l.run(ag, received, sc); err != nil {
						return err
					}
				}
			}
		}
		for _, ag := range depts {
			for i, sc := range closed {
				if err := l.run(ag, cal.Add(today, -(45+5*i)), sc); err != nil {
					return err
				}
			}
		}
	}
	for _, ag := range depts {
		for _, op := range openScenarios(cal, today) {
			if env.Light && ag.ID != depts[0].ID && op.light {
				continue
			}
			if err := l.run(ag, op.received, op.steps); err != nil {
				return err
			}
		}
	}
	return nil
}

// step is one event of a scenario: after working days after the previous step.
type step struct {
	after int
	e     foirequest.Event
	head  bool // recorded by the 负责人 (an extension: only the 负责人 approves one)
}

type scenario []step

type openScenario struct {
	received time.Time
	steps    scenario
	light    bool // skipped for the second agency in Light mode (which keeps the overdue case)
}

func ev(t foirequest.EventType, reason string) foirequest.Event {
	return foirequest.Event{Type: t, Reason: reason}
}

func reply(r foirequest.ReplyType, reason string) foirequest.Event {
	return foirequest.Event{Type: foirequest.EventReplied, Reply: r, Reason: reason}
}

// replyReasons are the notes of the demo replies.
var replyReasons = map[foirequest.ReplyType]string{
	foirequest.ReplyPublished:       "该信息已在本机关门户网站“法定主动公开内容”栏目公开，告知获取方式和途径",
	foirequest.ReplyGranted:         "经检索，予以公开，通过申请人要求的方式提供",
	foirequest.ReplyPartial:         "其中涉及个人隐私的内容作区分处理后予以公开",
	foirequest.ReplyStateSecret:     "经保密审查，所申请信息属于国家秘密",
	foirequest.ReplyLawForbids:      "法律、行政法规禁止公开",
	foirequest.ReplySafetyStability: "公开后可能危及社会稳定",
	foirequest.ReplyThirdParty:      "涉及第三方商业秘密，经征求意见，第三方不同意公开",
	foirequest.ReplyInternalAffairs: "属于人事管理、后勤管理等内部事务信息",
	foirequest.ReplyProcessInfo:     "属于讨论记录、过程稿等过程性信息",
	foirequest.ReplyEnforcementFile: "属于行政执法案卷信息",
	foirequest.ReplyInquiry:         "属于行政查询事项，告知按有关规定办理",
	foirequest.ReplyNonexistent:     "经检索，本机关未制作、获取该信息",
	foirequest.ReplyNotHeld:         "该信息不属于本机关负责公开，告知由清河区市场监督管理局负责",
	foirequest.ReplyNeedsCreation:   "需要本机关对现有信息进行加工、分析，不予提供",
	foirequest.ReplyStillUnclear:    "补正后申请内容仍不明确",
	foirequest.ReplyPetition:        "属于信访举报投诉类申请，已告知通过相应渠道提出",
	foirequest.ReplyRepeated:        "重复申请，已于此前作出答复",
	foirequest.ReplyPublication:     "要求提供公开出版物，告知获取途径",
	foirequest.ReplyMassRepeated:    "申请人无正当理由大量、反复申请",
	foirequest.ReplyConfirm:         "要求行政机关确认或重新出具已获取信息",
	foirequest.ReplyOther:           "申请事项不属于政府信息公开范围，已作出说明",
}

// closedScenarios are the finished cases: one per reply type (those closed by an event
// through that event), a withdrawal and a late reply.
func closedScenarios() []scenario {
	var out []scenario
	for _, r := range foirequest.ReplyTypes {
		switch r {
		case foirequest.ReplyNoCorrection:
			out = append(out, scenario{
				{2, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Days: 10, Reason: "申请内容不明确，请补充所需信息的名称、文号或形成时间"}, false},
				{12, ev(foirequest.EventNoCorrection, "申请人逾期未补正，视为放弃申请"), false},
			})
		case foirequest.ReplyFeeUnpaid:
			out = append(out, scenario{
				{1, ev(foirequest.EventAccepted, ""), false},
				{3, foirequest.Event{Type: foirequest.EventFeeNotified, Method: foirequest.NoticeElectronic, FeeMethod: foirequest.FeeMethodPage, Pages: 45, Reason: "所需信息共45页，按量计收信息处理费"}, false},
				{22, ev(foirequest.EventFeeUnpaid, "申请人逾期未缴纳信息处理费，视为放弃申请"), false},
			})
		case foirequest.ReplyStillUnclear:
			out = append(out, scenario{
				{3, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeElectronic, Days: 15, Reason: "请明确所需信息的时间范围和具体名称"}, false},
				{5, ev(foirequest.EventCorrected, "申请人提交补正材料"), false},
				{10, reply(r, replyReasons[r]), false},
			})
		case foirequest.ReplyThirdParty, foirequest.ReplyPartial:
			out = append(out, scenario{
				{1, ev(foirequest.EventAccepted, ""), false},
				{2, foirequest.Event{Type: foirequest.EventConsultationStarted, Method: foirequest.NoticeMail, Party: foirequest.PartyThirdParty, Reason: "所申请信息涉及第三方商业秘密，书面征求第三方意见"}, false},
				{9, ev(foirequest.EventConsultationEnded, "收到第三方书面意见"), false},
				{5, reply(r, replyReasons[r]), false},
			})
		case foirequest.ReplyNotHeld:
			out = append(out, scenario{
				{1, ev(foirequest.EventAccepted, ""), false},
				{2, foirequest.Event{Type: foirequest.EventConsultationStarted, Method: foirequest.NoticeElectronic, Party: foirequest.PartyOrgan, Reason: "所申请信息由区市场监督管理局制作，征求其意见"}, false},
				{6, ev(foirequest.EventConsultationEnded, "收到区市场监督管理局复函"), false},
				{3, reply(r, replyReasons[r]), false},
			})
		case foirequest.ReplyGranted:
			out = append(out, scenario{
				{1, ev(foirequest.EventAccepted, ""), false},
				{4, foirequest.Event{Type: foirequest.EventExtended, Days: 15, Reason: "所需信息涉及多年档案，需调卷核查"}, true},
				{25, reply(r, replyReasons[r]), false},
			})
		default:
			out = append(out, scenario{
				{1, ev(foirequest.EventAccepted, ""), false},
				{8, reply(r, replyReasons[r]), false},
			})
		}
	}
	out = append(out,
		scenario{
			{1, ev(foirequest.EventAccepted, ""), false},
			{4, ev(foirequest.EventWithdrawn, "申请人书面撤回申请"), false},
		},
		scenario{ // replied after the deadline: 逾期办结
			{1, ev(foirequest.EventAccepted, ""), false},
			{23, reply(foirequest.ReplyGranted, "经检索，予以公开（答复逾期，已向申请人致歉）"), false},
		},
	)
	return out
}

// openScenarios are the cases still being handled, in every open state.
func openScenarios(cal *workday.Calendar, today time.Time) []openScenario {
	back := func(n int) time.Time { return cal.Add(today, -n) }
	return []openScenario{
		{back(1), nil, true}, // just registered
		{back(3), scenario{{1, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeMail, Days: 15, Reason: "请补充所需文件的文号或形成时间"}, false}}, true},
		{back(4), scenario{{1, ev(foirequest.EventAccepted, ""), false}}, true},
		{back(17), scenario{{1, ev(foirequest.EventAccepted, ""), false}}, true}, // due soon
		{back(16), scenario{{2, ev(foirequest.EventAccepted, ""), false}}, true}, // due soon
		{back(10), scenario{{1, ev(foirequest.EventAccepted, ""), false}, {4, foirequest.Event{Type: foirequest.EventConsultationStarted, Method: foirequest.NoticeMail, Party: foirequest.PartyThirdParty, Reason: "涉及第三方个人信息，征求第三方意见"}, false}}, true},
		{back(8), scenario{{1, ev(foirequest.EventAccepted, ""), false}, {4, foirequest.Event{Type: foirequest.EventFeeNotified, Method: foirequest.NoticeInPerson, FeeMethod: foirequest.FeeMethodPage, Pages: 110, Reason: "所需信息共110页，按量计收"}, false}}, true},
		{back(18), scenario{{1, ev(foirequest.EventAccepted, ""), false}, {12, foirequest.Event{Type: foirequest.EventExtended, Days: 10, Reason: "需向多个科室调取资料"}, true}}, true},
		{back(24), scenario{{1, ev(foirequest.EventAccepted, ""), false}}, false}, // overdue
		// An extension asked by the 经办人, awaiting the 负责人 (a task on the console home).
		{back(7), scenario{{1, ev(foirequest.EventAccepted, ""), false}, {3, foirequest.Event{Type: foirequest.EventExtensionRequested, Days: 15, Reason: "所需信息分散在多个科室，需逐一调取核对"}, false}}, true},
		// A fee notice sent by post, its signed-for day recorded later.
		{back(9), scenario{{1, ev(foirequest.EventAccepted, ""), false}, {2, foirequest.Event{Type: foirequest.EventFeeNotified, Method: foirequest.NoticeMail, FeeMethod: foirequest.FeeMethodPage, Pages: 60, Reason: "所需信息共60页，按量计收"}, false}, {3, ev(foirequest.EventNoticeReceived, "挂号信回执：申请人已签收"), false}}, true},
	}
}

type appLoader struct {
	ctx     context.Context
	apps    *store.Applications
	letters *store.Letters
	env     *Env
	cal     *workday.Calendar
	today   time.Time
	n       int
}

// user is the demo user of the agency holding role, as the principal the doors take.
func (l *appLoader) user(ag agency.Agency, role account.Role) account.Principal {
	return Principal(l.env.ByRole[ag.ID][role], ag)
}

// record records step e of case id as the demo user of agency ag holding role, through
// the door: the loader chooses who acts, the door decides whether they may.
// A reply goes out as a reply letter: drafted by the acting user (starting from the
// template's wording), approved by the agency's 负责人 (or its 审核人 when the 负责人 wrote
// it), then issued; a 予以公开 or 部分公开 reply carries the disclosed information as a
// file (foirequest.CheckMaterial).
func (l *appLoader) record(ag agency.Agency, role account.Role, id int64, e foirequest.Event) error {
	if e.Type != foirequest.EventReplied {
		_, err := l.apps.Record(l.ctx, l.user(ag, role), id, e, at(e.Day))
		return err
	}
	var files []store.ApplicationFile
	if e.Reply == foirequest.ReplyGranted || e.Reply == foirequest.ReplyPartial {
		files = append(files, store.ApplicationFile{Name: "公开的政府信息（演示）.txt", ContentType: "text/plain; charset=utf-8",
			Data: []byte("本文件为演示数据：" + e.Reply.Label() + "的政府信息。\n")})
	}
	draft := foirequest.ReplyLetter{Reply: e.Reply, Disclosed: e.Reason}
	if e.Reply == foirequest.ReplyPartial {
		draft.Disclosed = "申请公开的统计表中除联系人手机号码以外的内容"
		draft.Withheld = []foirequest.Withheld{{What: "联系人手机号码", Reason: e.Reason, Basis: "《中华人民共和国政府信息公开条例》第十五条"}}
	}
	author, approver := l.user(ag, role), l.user(ag, account.Head)
	if role == account.Head {
		approver = l.user(ag, account.Reviewer)
	}
	if _, err := l.letters.SaveDraft(l.ctx, author, id, draft, at(e.Day), files...); err != nil {
		return err
	}
	if _, err := l.letters.Approve(l.ctx, approver, id, at(e.Day)); err != nil {
		return err
	}
	_, err := l.letters.Issue(l.ctx, author, id, e.Day, at(e.Day))
	return err
}

// at is the moment a step of day d is recorded: 10:00 China time.
func at(d time.Time) time.Time { return d.Add(2 * time.Hour) }

func (l *appLoader) run(ag agency.Agency, received time.Time, sc scenario) error {
	if received.After(l.today) {
		return nil
	}
	l.n++
	app := demoApplication(ag, l.n, received)
	clerk := l.user(ag, account.Clerk)
	if app.Intake.Channel == foirequest.ChannelOnline {
		clerk = account.Public()
	}
	created, _, err := l.apps.Register(l.ctx, clerk, app, at(received))
	if err != nil {
		return fmt.Errorf("demo application %d: %w", l.n, err)
	}
	d := received
	for _, s := range sc {
		d = l.cal.Add(d, s.after)
		if d.After(l.today) {
			return nil // the rest has not happened yet
		}
		role := account.Clerk
		if s.head {
			role = account.Head
		}
		e := s.e
		e.Day = d
		if err := l.record(ag, role, created.ID, e); err != nil {
			return fmt.Errorf("demo application %d (%s): %w", l.n, e.Type, err)
		}
	}
	return nil
}

var surnames = []rune("张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高")

var orgNames = map[foirequest.ApplicantKind][]string{
	foirequest.Business:       {"示例医药贸易有限公司（演示）", "样例医疗器械有限公司（演示）", "演示健康管理有限公司"},
	foirequest.Research:       {"示例医学研究所（演示）", "演示公共卫生研究中心"},
	foirequest.PublicInterest: {"示例患者关爱协会（演示）", "演示社区健康促进会"},
	foirequest.LegalService:   {"示例律师事务所（演示）", "演示法律援助工作站"},
	foirequest.OtherOrg:       {"示例村民委员会（演示）", "演示业主委员会"},
}

var descriptions = map[bool][]string{
	true: { // 卫生健康
		"清河区2025年度医疗机构执业许可校验结果名单",
		"清河区人民医院新院区建设项目环境影响评价批复及相关卫生审查意见",
		"2024年本区公立医院门诊次均费用和住院次均费用统计数据",
		"本区二类疫苗采购的招标文件、中标结果及采购合同",
		"清河区120急救站点布局规划及各站点平均响应时间",
		"2025年第一季度本区食品安全风险监测结果通报",
		"本区养老机构内设医务室的备案名单",
		"关于对某口腔诊所作出行政处罚决定的文书（文号不详，2025年6月前后）",
		"本区家庭医生签约服务费用标准及经费使用情况",
		"2024年度本区公共场所卫生监督抽检结果",
		"本区学校卫生综合评价结果及存在问题的整改情况",
		"清河区卫生健康局2025年部门预算及“三公”经费决算说明",
	},
	false: { // 医疗保障
		"清河区2025年城乡居民基本医疗保险基金收支情况",
		"本区定点医药机构协议管理名单及退出协议管理的机构名单",
		"2024年度医保基金飞行检查发现问题及处理结果",
		"本区门诊慢特病病种目录及认定标准",
		"关于某定点药店违规使用医保基金的处理决定书",
		"本区长期护理保险试点的失能评估标准及评估机构名单",
		"2025年医疗救助资金分配方案及救助对象人数",
		"本区异地就医直接结算定点医疗机构名单",
		"医保局2024年政府采购项目清单及中标金额",
		"本区医疗服务价格项目调整的听证会纪要",
	},
}

// demoApplication is the n-th fictional application.
func demoApplication(ag agency.Agency, n int, received time.Time) foirequest.Application {
	kinds := []foirequest.ApplicantKind{foirequest.NaturalPerson, foirequest.NaturalPerson, foirequest.NaturalPerson, foirequest.Business,
		foirequest.NaturalPerson, foirequest.Research, foirequest.NaturalPerson, foirequest.PublicInterest, foirequest.LegalService, foirequest.NaturalPerson, foirequest.OtherOrg}
	kind := kinds[n%len(kinds)]
	channels := []foirequest.Channel{foirequest.ChannelOnline, foirequest.ChannelInPerson, foirequest.ChannelRegisteredMail, foirequest.ChannelOnline, foirequest.ChannelEmail,
		foirequest.ChannelOrdinaryMail, foirequest.ChannelInPerson, foirequest.ChannelFax, foirequest.ChannelOnline, foirequest.ChannelOther}
	ch := channels[n%len(channels)]
	in := foirequest.Intake{Channel: ch}
	switch ch {
	case foirequest.ChannelInPerson:
		in.Submitted = received
	case foirequest.ChannelRegisteredMail:
		in.Submitted, in.SignedFor = received.AddDate(0, 0, -2), received
	default:
		in.Submitted, in.Confirmed = received, received
	}
	descs := descriptions[ag.ShortName != "区医保局"]
	ap := foirequest.Applicant{Kind: kind, Phone: fmt.Sprintf("1380000%04d", n%10000), Address: fmt.Sprintf("示范市清河区演示路%d号", 1+n%200), PostCode: "719000"}
	if kind == foirequest.NaturalPerson {
		ap.Name = string(surnames[n%len(surnames)]) + "某某（演示）"
		ap.IDType, ap.IDNumber = foirequest.IDResident, FakeResidentID(n)
		if n%3 == 0 {
			ap.Email = fmt.Sprintf("demo%d@example.com", n)
		}
	} else {
		names := orgNames[kind]
		ap.Name = names[n%len(names)]
		ap.CreditCode, ap.ContactPerson = FakeCreditCode(n), string(surnames[(n+3)%len(surnames)])+"某（演示）"
	}
	deliveries := foirequest.Deliveries
	return foirequest.Application{
		AgencyID: ag.ID, Applicant: ap, Intake: in, Delivery: deliveries[n%len(deliveries)],
		Description: fmt.Sprintf("%s（演示申请第%d号）", descs[n%len(descs)], n),
	}
}

// FakeResidentID is a made-up 公民身份号码 with a valid check character: region 999999
// does not exist, so the number cannot belong to anyone.
func FakeResidentID(n int) string {
	birth := workday.Day(1960, 1, 1).AddDate(0, 0, (n*379)%14000)
	first17 := fmt.Sprintf("999999%s%03d", birth.Format("20060102"), n%1000)
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * weights[i]
	}
	return first17 + string("10X98765432"[sum%11])
}

// FakeCreditCode is a made-up 统一社会信用代码 with a valid check character.
func FakeCreditCode(n int) string {
	first17 := fmt.Sprintf("91999999MA%07d", n%10000000)
	return first17 + string(foirequest.CreditCheckChar(first17))
}
