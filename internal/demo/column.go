package demo

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/catalog"
	"gongkai/internal/interaction"
	"gongkai/internal/store"
)

// Column fills the public column (issue 14) through the doors: 信息公开制度, 政策解读 of
// published documents, 公示 (one open now, others closed with their results), each agency's
// 法定主动公开内容 headings, its answer period, and 政民互动 — portal questions and 12345
// tickets, answered and moderated. Dates are relative to env.Now, so that the demo always
// has a 公示 open and a question waiting.
func Column(ctx context.Context, db *store.DB, env *Env) error {
	for i, ag := range env.Agencies {
		if _, ok := env.ByRole[ag.ID][account.Head]; !ok || i >= len(columnSpecs) {
			continue // the 政务公开办 publishes nothing of its own here
		}
		l := &columnLoader{env: env, ag: ag, spec: columnSpecs[i]}
		if err := l.load(ctx, db); err != nil {
			return fmt.Errorf("demo column %s: %w", ag.Name, err)
		}
	}
	return nil
}

type columnLoader struct {
	env  *Env
	ag   agency.Agency
	spec columnSpec
}

func (l *columnLoader) who(r account.Role) account.Principal {
	return Principal(l.env.ByRole[l.ag.ID][r], l.ag)
}

// day is the calendar day n days from env.Now, at 09:30 Beijing time.
func (l *columnLoader) at(n int) time.Time {
	d := catalog.ChinaDay(l.env.Now).AddDate(0, 0, n)
	return d.Add(90 * time.Minute) // 01:30 UTC = 09:30 in Beijing
}

func (l *columnLoader) day(n int) time.Time { return catalog.ChinaDay(l.env.Now).AddDate(0, 0, n) }

// publish drafts it as the 经办人 at, and takes it through 保密审查 and approval the same day.
func (l *columnLoader) publish(ctx context.Context, tx *store.Tx, it catalog.Item, at time.Time) (catalog.Item, error) {
	it.AgencyID, it.Publisher, it.Validity = l.ag.ID, l.ag.Name, catalog.Valid
	if it.WrittenOn.IsZero() {
		it.WrittenOn = catalog.ChinaDay(at).AddDate(0, 0, -2)
	}
	clerk, reviewer, head := l.who(account.Clerk), l.who(account.Reviewer), l.who(account.Head)
	d, err := tx.Catalog().Create(ctx, clerk, it, nil, at)
	if err != nil {
		return d, fmt.Errorf("%s: %w", it.Title, err)
	}
	for _, s := range []struct {
		a  catalog.Action
		by account.Principal
	}{{catalog.ActSubmit, clerk}, {catalog.ActPassReview, reviewer}, {catalog.ActApprove, head}} {
		cmd := catalog.Command{Action: s.a, By: s.by}
		if s.a == catalog.ActPassReview {
			cmd.Secrecy = catalog.Secrecy{Clear: catalog.SecrecyChecks, Opinion: "经审查，不涉及国家秘密、工作秘密、商业秘密、个人隐私等不宜公开的内容，同意公开。"}
		}
		if d, err = tx.Catalog().Step(ctx, s.by, d.ID, cmd, at); err != nil {
			return d, fmt.Errorf("%s: %s: %w", it.Title, s.a, err)
		}
	}
	return d, nil
}

func (l *columnLoader) load(ctx context.Context, db *store.DB) error {
	sp := l.spec
	// Documents of the demo catalog, interpreted below after their publication.
	earlier, err := db.Portal().Page(ctx, store.CatalogFilter{AgencyID: l.ag.ID, Kind: catalog.Normative, Limit: 3})
	if err != nil {
		return err
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		// 信息公开制度.
		for i, title := range sp.rules {
			body := "<p>第一条 为规范本机关政府信息公开工作，根据《中华人民共和国政府信息公开条例》，制定本制度。</p><p>第二条 " + sp.ruleText[i] + "</p><p>第三条 本制度自印发之日起施行。</p>"
			if _, err := l.publish(ctx, tx, catalog.Item{Title: l.ag.Name + title, Topic: "other", Kind: catalog.Institution, BodyHTML: body,
				Summary: "本机关政府信息公开工作制度。"}, l.at(-200+30*i)); err != nil {
				return err
			}
		}
		// 政策解读: a new normative document interpreted the same day (同步), and documents
		// of the demo catalog interpreted after them.
		doc, err := l.publish(ctx, tx, catalog.Item{Title: sp.doc.title, DocNo: sp.doc.docNo, Topic: "policy_documents", Kind: catalog.Normative,
			BodyHTML: "<p>" + sp.doc.body + "</p>", Summary: sp.doc.body}, l.at(-12))
		if err != nil {
			return err
		}
		if _, err := l.publish(ctx, tx, catalog.Item{Title: "《" + sp.doc.title + "》政策解读", Topic: "policy_interpretation", Kind: catalog.Interpretation,
			Interprets: []int64{doc.ID}, BodyHTML: "<p>一、制定背景</p><p>" + sp.doc.why + "</p><p>二、主要内容</p><p>" + sp.doc.body + "</p><p>三、施行时间</p><p>自印发之日起施行。</p>",
			Summary: "图文解读" + sp.doc.title + "的背景和主要内容。"}, l.at(-12)); err != nil {
			return err
		}
		for _, d := range earlier {
			if d.PublishedOn.IsZero() {
				continue
			}
			at := l.at(-5)
			if _, err := l.publish(ctx, tx, catalog.Item{Title: "关于《" + d.Title + "》的解读", Topic: "policy_interpretation", Kind: catalog.Interpretation,
				Interprets: []int64{d.ID}, WrittenOn: catalog.ChinaDay(at).AddDate(0, 0, -1),
				BodyHTML: "<p>本文件" + d.DocNo + "已于" + d.PublishedOn.Format("2006年1月2日") + "发布。现就有关内容解读如下：明确了适用范围、办理流程和责任分工。</p>",
				Summary:  "对" + d.Title + "的政策解读。"}, at); err != nil {
				return err
			}
		}
		// 公示: one closed with its result published after, one open now.
		closed, err := l.publish(ctx, tx, catalog.Item{Title: sp.closed.title, Topic: sp.closed.topic, Kind: catalog.Notice,
			Period:   catalog.NoticePeriod{Start: l.day(-20), End: l.day(-14), ObjectTo: sp.objectTo},
			BodyHTML: "<p>" + sp.closed.body + "</p>", Summary: sp.closed.body}, l.at(-20))
		if err != nil {
			return err
		}
		if _, err := l.publish(ctx, tx, catalog.Item{Title: sp.closed.result, Topic: sp.closed.topic, ResultOf: closed.ID,
			BodyHTML: "<p>公示期内未收到异议，现公布结果。</p>", Summary: "公示期满无异议，结果予以公布。"}, l.at(-12)); err != nil {
			return err
		}
		if _, err := l.publish(ctx, tx, catalog.Item{Title: sp.open.title, Topic: sp.open.topic, Kind: catalog.Notice,
			Period:   catalog.NoticePeriod{Start: l.day(-2), End: l.day(4), ObjectTo: sp.objectTo},
			BodyHTML: "<p>" + sp.open.body + "</p>", Summary: sp.open.body}, l.at(-2)); err != nil {
			return err
		}
		// 法定主动公开内容: 第二十条 plus the sector's standard catalogue.
		tax, err := tx.Catalog().Taxonomy(ctx, l.ag.ID)
		if err != nil {
			return err
		}
		hs := append(catalog.HeadingsFor(catalog.DefaultHeadings(), tax), sp.headings...)
		if err := tx.Catalog().SaveHeadings(ctx, l.who(account.AgencyAdmin), l.ag.ID, hs); err != nil {
			return err
		}
		// 政民互动.
		if sp.answerDays != 0 {
			if err := tx.Interactions().SetAnswerDays(ctx, l.who(account.AgencyAdmin), l.ag.ID, sp.answerDays, l.at(-60)); err != nil {
				return err
			}
		}
		for _, q := range sp.questions {
			if err := l.question(ctx, tx, q); err != nil {
				return err
			}
		}
		return nil
	})
}

func (l *columnLoader) question(ctx context.Context, tx *store.Tx, q demoQuestion) error {
	in := interaction.Question{AgencyID: l.ag.ID, Channel: q.channel, Kind: q.kind, TicketNo: q.ticket, Subject: q.subject, Body: q.body,
		AskerName: q.name, AskerContact: q.contact}
	who := account.Public()
	if q.channel != interaction.Portal {
		who = l.who(account.Clerk)
		in.ReceivedOn = l.day(q.ago)
	}
	got, err := tx.Interactions().Receive(ctx, who, in, l.at(q.ago))
	if err != nil {
		return fmt.Errorf("question %s: %w", q.subject, err)
	}
	if q.answer == "" {
		return nil
	}
	if _, err := tx.Interactions().Answer(ctx, l.who(account.Clerk), got.ID, q.answer, l.at(q.ago+q.took)); err != nil {
		return err
	}
	if q.moderate == "" {
		return nil
	}
	_, err = tx.Interactions().Moderate(ctx, l.who(account.Head), got.ID, q.moderate == "publish", "", "", l.at(q.ago+q.took+1))
	return err
}

type demoDoc struct{ title, docNo, body, why string }

type demoNotice struct{ title, topic, body, result string }

type demoQuestion struct {
	channel       interaction.Channel
	kind          interaction.Kind
	ticket        string
	subject, body string
	name, contact string
	ago, took     int // received ago days before now (negative), answered took days later
	answer        string
	moderate      string // "publish", "private" or "" (not yet)
}

type columnSpec struct {
	rules      []string
	ruleText   []string
	doc        demoDoc
	closed     demoNotice
	open       demoNotice
	objectTo   string
	headings   []catalog.Heading
	answerDays int
	questions  []demoQuestion
}

var columnSpecs = []columnSpec{
	{ // 卫生健康局
		rules: []string{"政府信息公开保密审查制度", "政府信息发布协调制度", "依申请公开政府信息办理制度"},
		ruleText: []string{"拟公开的政府信息由承办科室初审、办公室复审，涉及国家秘密、商业秘密和个人隐私的，不予公开。",
			"发布的政府信息涉及其他行政机关的，应当与有关行政机关进行沟通、确认，保证发布的信息准确一致。",
			"依申请公开由办公室统一受理、登记，承办科室在规定期限内提出答复意见，经负责人审核后答复申请人。"},
		doc: demoDoc{title: "清河区家庭医生签约服务管理办法", docNo: "清卫发〔2026〕9号",
			body: "明确家庭医生团队组成、签约对象、服务内容、签约流程和考核办法，重点人群签约服务覆盖率逐年提高。",
			why:  "为落实分级诊疗制度，规范家庭医生签约服务，提升基层医疗卫生服务能力，制定本办法。"},
		closed: demoNotice{title: "清河区第一批医疗机构设置审批拟批准事项公示", topic: "licensing",
			body: "经审查，拟批准清河区康宁口腔诊所等3家医疗机构设置申请，现予公示。", result: "清河区第一批医疗机构设置审批结果"},
		open: demoNotice{title: "清河区2026年基层卫生人才招聘拟聘用人员公示", topic: "personnel",
			body: "经笔试、面试、体检和考察，拟聘用张某等12名同志为乡镇卫生院工作人员，现予公示。"},
		objectTo: "公示期内如有异议，请以书面形式向清河区卫生健康局人事科反映，地址：清河区人民路88号，电话：0912-3251236。",
		headings: []catalog.Heading{
			{Title: "医疗机构设置审批", Article: "卫生健康领域基层政务公开标准目录", Topics: []string{"licensing", "health"}},
			{Title: "双随机一公开抽查结果", Article: "卫生健康领域基层政务公开标准目录", Topics: []string{"supervision"}},
		},
		answerDays: 7,
		questions: []demoQuestion{
			{interaction.Portal, interaction.Consult, "", "成人流感疫苗在哪里接种", "请问成人流感疫苗在哪些地方可以接种？需要预约吗？我的电话13912345678。", "王五", "13912345678", -40, 2,
				"您好！成人流感疫苗可在各社区卫生服务中心和乡镇卫生院接种，可通过“健康清河”公众号预约。", "publish"},
			{interaction.Portal, interaction.Message, "", "建议延长社区卫生服务中心周末门诊时间", "周末只上午开诊，上班族看病不方便，建议延长。", "", "qh_resident@example.com", -25, 5,
				"感谢您的建议。自下月起，城区各社区卫生服务中心周六全天开诊。", "publish"},
			{interaction.Portal, interaction.Consult, "", "家里老人的体检报告能否查询", "我父亲去年在卫生院做了老年人体检，能否查询本人体检结果？", "赵六", "0912-3399887", -18, 3,
				"已电话联系您，请携带老人身份证到卫生院查询。", "private"},
			{interaction.Hotline, interaction.Message, "GD20260311-0042", "诊所夜间噪音扰民", "反映某诊所空调外机夜间噪音大。", "", "", -30, 9,
				"经现场核查，已责令诊所更换低噪音设备，整改完成。", "publish"},
			{interaction.Hotline, interaction.Consult, "GD20260402-0107", "出生医学证明补办", "咨询出生医学证明遗失后如何补办。", "", "", -9, 2,
				"持父母身份证、户口簿到出生时的助产医院申请补办。", "publish"},
			{interaction.Portal, interaction.Consult, "", "儿童近视筛查什么时候开始", "今年学校的儿童近视筛查什么时候开始？", "", "13800001111", -1, 0, "", ""},
			{interaction.Hotline, interaction.Message, "GD20260415-0233", "卫生院药品短缺", "反映某乡镇卫生院降压药经常缺货。", "", "", -16, 0, "", ""},
		},
	},
	{ // 医疗保障局
		rules: []string{"政府信息公开保密审查制度", "政府信息公开工作考核制度"},
		ruleText: []string{"公开前由业务科室和办公室两级审查，审查意见随稿存档。",
			"政府信息公开工作纳入科室年度考核，考核结果在局内通报。"},
		doc: demoDoc{title: "清河区城乡居民门诊慢特病管理办法", docNo: "清医保发〔2026〕4号",
			body: "明确门诊慢特病病种范围、认定标准、待遇标准和经办流程，认定结果在线可查。",
			why:  "为减轻慢特病患者门诊费用负担，统一经办规程，制定本办法。"},
		closed: demoNotice{title: "拟纳入医保定点的医药机构名单公示", topic: "social_security",
			body: "经评估，拟将清河区仁和大药房等5家医药机构纳入医保定点管理，现予公示。", result: "新增医保定点医药机构名单"},
		open: demoNotice{title: "2026年医保基金监管双随机一公开抽查结果公示", topic: "supervision",
			body: "现将2026年第一季度医保基金监管双随机一公开抽查结果予以公示。"},
		objectTo: "公示期内如有异议，请致电清河区医疗保障局基金监管科 0825-5182510，或发送邮件至 qhyb_jg@example.gov.cn。",
		headings: []catalog.Heading{
			{Title: "医保定点医药机构", Article: "医疗保障领域基层政务公开标准目录", Topics: []string{"social_security"}},
		},
		questions: []demoQuestion{
			{interaction.Portal, interaction.Consult, "", "异地就医备案怎么办理", "父母要去外地长住，异地就医备案怎么办？", "", "13700002222", -33, 3,
				"可通过国家医保服务平台App或到区医保服务大厅办理异地就医备案。", "publish"},
			{interaction.Hotline, interaction.Consult, "GD20260320-0311", "门诊慢特病认定进度", "咨询门诊慢特病认定申请的办理进度。", "", "", -20, 4,
				"已认定通过，待遇自次月起享受。", "publish"},
			{interaction.Platform, interaction.Message, "RMW-2026-0157", "医保个人账户家庭共济", "建议扩大个人账户家庭共济范围。", "", "", -15, 6,
				"感谢建议，已按省里统一部署将共济范围扩大到近亲属。", "publish"},
		},
	},
}
