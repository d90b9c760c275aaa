package demo

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/annualreport"
	"gongkai/internal/annualreport/compose"
	"gongkai/internal/annualreport/reader"
	"gongkai/internal/catalog"
	"gongkai/internal/foirequest"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

// Oversight has the 政务公开办 follow up its agencies with 督办 notices, through the doors:
// one the 医疗保障局 answered in time, one it let pass its due day, and one the 卫生健康局
// has still to answer. Nothing is dated after now. The full demo also imports the
// published reports of an agency not on gongkai (清河区教育局), read by the reader as an
// upload is, so the office compares it with the others.
func Oversight(ctx context.Context, db *store.DB, env *Env) error {
	if !env.Light { // the tests' small demo has no imported report
		if err := importOtherAgency(ctx, db, env); err != nil {
			return err
		}
	}
	cal, err := db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	wj, yb, office := env.Agencies[0], env.Agencies[1], env.Agencies[2]
	gkb := Principal(env.Users["gkb"], office)
	ybClerk := Principal(env.ByRole[yb.ID][account.Clerk], yb)
	days := func(n int) time.Time { return env.Now.AddDate(0, 0, n) }
	due := func(sent time.Time, n int) time.Time { return cal.Add(workday.Of(sent), n) }
	type spec struct {
		agencyID      int64
		subject, body string
		sent          time.Time
		workdays      int
		answer        string
		answered      time.Time
	}
	year := env.Now.Year()
	specs := []spec{
		{yb.ID, fmt.Sprintf("关于%d年度政府信息公开工作年度报告统计表的督办", year-1),
			"经核对，你局年度报告表三“本年度办理结果”各项之和与“总计”不一致。请核实办理记录，更正后重新发布，并书面说明原因。",
			days(-40), 10, "已核实：一件申请人撤回的申请原未计入“其他处理”。已更正统计表并重新发布，今后发布前由负责人复核勾稽关系。", days(-33)},
		{yb.ID, "关于医疗保障基金使用情况专栏更新不及时的督办",
			"你局网站“医疗保障基金使用情况”栏目最近一次更新已超过三个月。请依照《中华人民共和国政府信息公开条例》第二十六条及时更新，并报告整改情况。",
			days(-20), 7, "", time.Time{}},
		{wj.ID, "关于依申请公开超期办理的督办",
			"系统显示你局有依申请公开件临近或超过法定答复期限。请逐件核查办理进度，依法按期答复，需延期的按规定报批并告知申请人。",
			days(-2), 10, "", time.Time{}},
	}
	return db.InTx(ctx, func(tx *store.Tx) error {
		for _, sp := range specs {
			n := oversight.Notice{AgencyID: sp.agencyID, Subject: sp.subject, Body: sp.body, Due: due(sp.sent, sp.workdays)}
			if err := tx.Oversight().Send(ctx, gkb, &n, sp.sent); err != nil {
				return fmt.Errorf("demo notice %s: %w", sp.subject, err)
			}
			if sp.answer != "" {
				if _, err := tx.Oversight().Answer(ctx, ybClerk, n.ID, sp.answer, sp.answered); err != nil {
					return fmt.Errorf("demo answer %s: %w", sp.subject, err)
				}
			}
		}
		return nil
	})
}

// otherAgency is the agency not on gongkai whose published reports the office imports.
const otherAgency = "清河区教育局"

// importOtherAgency imports 清河区教育局's reports of the two years before this one: each
// composed from its year's figures, printed as the published text and read back through
// the reader, as the console's import reads an uploaded file.
func importOtherAgency(ctx context.Context, db *store.DB, env *Env) error {
	office := Principal(env.Users["gkb"], env.Agencies[2])
	year := env.Now.Year()
	// Applications by outcome, received in the year, all answered in it.
	outcomes := map[int][]struct {
		reply foirequest.ReplyType
		n     int
	}{
		year - 2: {{foirequest.ReplyGranted, 9}, {foirequest.ReplyPartial, 2}, {foirequest.ReplyProcessInfo, 1}, {foirequest.ReplyNotHeld, 4}, {foirequest.ReplyRepeated, 1}},
		year - 1: {{foirequest.ReplyGranted, 11}, {foirequest.ReplyPartial, 3}, {foirequest.ReplyProcessInfo, 2}, {foirequest.ReplyThirdParty, 1}, {foirequest.ReplyNotHeld, 5}, {foirequest.ReplyOther, 1}},
	}
	for _, y := range []int{year - 2, year - 1} {
		if _, err := annualreport.FormatFor(y); err != nil {
			continue
		}
		in := compose.Records{Agency: otherAgency, Year: y, Narrative: &annualreport.Narrative{
			Overview: fmt.Sprintf("%d年，%s认真贯彻《中华人民共和国政府信息公开条例》，围绕教育领域群众关切，做好招生入学、学校收费、教育经费等信息的公开。", y, otherAgency),
			Problems: "依申请公开答复文书的规范性有待加强。下一步将加强培训，统一答复文书格式。",
		}}
		for m := 1; m <= 12; m++ {
			in.Monthly = append(in.Monthly, catalog.MonthlyFigures{Year: y, Month: m, Licensing: int64(3 + m%4), Penalty: int64(m % 3)})
		}
		for i, o := range outcomes[y] {
			received := time.Date(y, time.Month(2+i), 10, 0, 0, 0, 0, time.UTC)
			in.Applications = append(in.Applications, foirequest.Record{Kind: foirequest.NaturalPerson, Received: received,
				Closed: received.AddDate(0, 0, 14), Outcome: o.reply, Count: o.n})
		}
		r, err := compose.Build(in)
		if err != nil {
			return fmt.Errorf("demo report of %s %d: %w", otherAgency, y, err)
		}
		name := fmt.Sprintf("%s%d年政府信息公开工作年度报告.txt", otherAgency, y)
		text := []byte(annualreport.RenderText(r))
		sum := sha256.Sum256(text)
		if _, err := db.Reports().Import(ctx, office, name, hex.EncodeToString(sum[:]), reader.Read(name, text)); err != nil {
			return fmt.Errorf("demo import %s: %w", name, err)
		}
	}
	return nil
}
