package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/catalog"
	"gongkai/internal/interaction"
	"gongkai/internal/oversight"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// TestOversightColumnFigures: the overview's column figures (法定主动公开内容缺项, the 解读
// ratio, 政民互动 past their answer period), counted for every agency at once, equal what
// the column's own doors say agency by agency, on both databases; the score takes them.
func TestOversightColumnFigures(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		gov, a, b := seed(t, db)
		office := account.Principal{UserID: 900, Name: "郑华", AgencyID: b.ID, GovernmentID: gov.ID, Roles: []account.Role{account.OpenOffice}}

		// Agency a, 2025: two 行政规范性文件 and a 规章, one of them interpreted twice, the
		// other not; a 解读 of 2025's document published in 2026 counts for the document.
		publish := func(it catalog.Item, at time.Time) catalog.Item {
			t.Helper()
			it = createDraft(t, db, it, catClerk(it.AgencyID))
			got, err := publishItem(t, db, it.ID, it.AgencyID, at)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		doc1 := draftItem(a.ID, "关于印发某某办法的通知")
		doc1.Kind, doc1.DocNo = catalog.Normative, "测卫发〔2025〕3号"
		doc1 = publish(doc1, catNow)
		doc2 := draftItem(a.ID, "关于印发某某规定的通知")
		doc2.Kind, doc2.DocNo = catalog.Normative, "测卫发〔2025〕4号"
		publish(doc2, catNow)
		doc3 := draftItem(a.ID, "某某管理规定")
		doc3.Kind, doc3.DocNo = catalog.Regulation, "测试区人民政府令第1号"
		doc3 = publish(doc3, catNow)
		for _, title := range []string{"《某某办法》政策解读", "图解《某某办法》"} {
			in := draftItem(a.ID, title)
			in.Topic, in.Kind, in.Interprets = "policy_interpretation", catalog.Interpretation, []int64{doc1.ID}
			publish(in, catNow)
		}
		later := draftItem(a.ID, "《某某管理规定》解读")
		later.Topic, later.Kind, later.Interprets = "policy_interpretation", catalog.Interpretation, []int64{doc3.ID}
		later.WrittenOn = workday.Day(2026, 1, 5)
		publish(later, time.Date(2026, 1, 6, 2, 0, 0, 0, time.UTC))

		// 政民互动 of a: one answered in time, one answered late, one never answered
		// (period 5 working days); b: one still within its period.
		if err := db.Interactions().SetAnswerDays(ctx, catAdmin(a.ID), a.ID, 5, catNow); err != nil {
			t.Fatal(err)
		}
		ask := func(agencyID int64, subject string, at time.Time) interaction.Question {
			t.Helper()
			q, err := db.Interactions().Receive(ctx, account.Public(), interaction.Question{AgencyID: agencyID, Channel: interaction.Portal,
				Kind: interaction.Consult, Subject: subject, Body: "请问如何办理？", AskerName: "王五", AskerContact: "13912345678"}, at)
			if err != nil {
				t.Fatal(err)
			}
			return q
		}
		q1, q2 := ask(a.ID, "疫苗接种咨询", catNow), ask(a.ID, "诊所执业咨询", catNow)
		ask(a.ID, "医保报销咨询", catNow)
		if _, err := db.Interactions().Answer(ctx, catClerk(a.ID), q1.ID, "可到社区卫生服务中心接种。", catNow.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Interactions().Answer(ctx, catClerk(a.ID), q2.ID, "请携带材料到窗口办理。", q2.DueOn.AddDate(0, 0, 7)); err != nil {
			t.Fatal(err)
		}
		// b keeps headings of its own (a has 第二十条's defaults): both read in one go.
		if err := db.Catalog().SaveHeadings(ctx, catAdmin(b.ID), b.ID, []catalog.Heading{
			{Title: "政策文件", Article: "第二十条第（一）项", Topics: []string{"policy_documents"}},
			{Title: "医疗机构设置审批", Article: "卫生健康领域基层政务公开标准目录", Topics: []string{"licensing"}},
		}); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 2, 2, 2, 0, 0, 0, time.UTC)
		ask(b.ID, "预约挂号咨询", now)
		today := workday.Of(now)

		ov, err := db.Oversight().Overview(ctx, office, 2025, now)
		if err != nil {
			t.Fatal(err)
		}
		rows := map[int64]oversight.Row{}
		for _, r := range ov.Rows {
			rows[r.AgencyID] = r
		}
		ra, rb := rows[a.ID], rows[b.ID]
		if ra.Documents != 3 || ra.Interpreted != 2 || ra.Interpretations != 2 || ra.InterpretationPercent() != "66.7%" {
			t.Errorf("a's 解读: %d 解读, %d of %d documents (%s)", ra.Interpretations, ra.Interpreted, ra.Documents, ra.InterpretationPercent())
		}
		if rb.Documents != 0 || rb.InterpretationPercent() != "—" {
			t.Errorf("b's 解读: %+v", rb)
		}
		if ra.QuestionsOverdue != 1 || rb.QuestionsOverdue != 0 {
			t.Errorf("互动 overdue: a %d, b %d", ra.QuestionsOverdue, rb.QuestionsOverdue)
		}
		// The same figures through the column's doors, agency by agency.
		for _, ag := range []int64{a.ID, b.ID} {
			r := rows[ag]
			views, _, err := db.Catalog().Headings(ctx, office, ag)
			if err != nil {
				t.Fatal(err)
			}
			gaps := 0
			for _, v := range views {
				if v.Gap {
					gaps++
				}
			}
			if r.HeadingGaps != gaps || r.Headings != len(views) {
				t.Errorf("agency %d: gaps %d of %d, the headings page says %d of %d", ag, r.HeadingGaps, r.Headings, gaps, len(views))
			}
			n, err := db.Interactions().Overdue(ctx, office, ag, today)
			if err != nil || n != r.QuestionsOverdue {
				t.Errorf("agency %d: overdue 互动 %d, the door says %d %v", ag, r.QuestionsOverdue, n, err)
			}
			counts, err := db.Catalog().InterpretationCounts(ctx, office, ag)
			if err != nil {
				t.Fatal(err)
			}
			var y store.InterpretationYear
			for _, c := range counts {
				if c.Year == 2025 {
					y = c
				}
			}
			if y.Interpretations != r.Interpretations || y.Documents != r.Documents || y.Interpreted != r.Interpreted {
				t.Errorf("agency %d: 解读 %+v, the door says %+v", ag, r, y)
			}
		}
		if ra.HeadingGaps == 0 || ra.HeadingGaps >= ra.Headings || rb.HeadingGaps != 2 || rb.Headings != 2 {
			t.Errorf("gaps: a %d of %d, b %d of %d", ra.HeadingGaps, ra.Headings, rb.HeadingGaps, rb.Headings)
		}

		// The gap of the ratio: the documents of 2025 no published 解读 covers.
		gap, n, err := store.CatalogItems(ctx, db, store.CatalogFilter{AgencyID: a.ID, State: catalog.Published, Year: 2025, Uninterpreted: true})
		if err != nil || n != ra.Documents-ra.Interpreted || len(gap) != 1 || gap[0].DocNo != "测卫发〔2025〕4号" {
			t.Errorf("uninterpreted documents %+v %d %v", gap, n, err)
		}

		// The score of 2025 carries the three criteria with these figures.
		scores, err := db.Oversight().Scores(ctx, office, a.ID, []int{2024, 2025}, now)
		if err != nil {
			t.Fatal(err)
		}
		results := map[string]oversight.Result{}
		for _, r := range scores[1].Results {
			results[r.Key] = r
		}
		if r := results["interpretation"]; !r.Applies || r.N != 2 || r.Of != 3 {
			t.Errorf("解读 criterion %+v", r)
		}
		if r := results["interaction"]; !r.Applies || r.N != 1 || r.Of != 3 {
			t.Errorf("互动 criterion %+v", r)
		}
		if r := results["headings"]; !r.Applies || r.Of != ra.Headings || r.N != ra.Headings-ra.HeadingGaps {
			t.Errorf("headings criterion %+v (row %d of %d)", r, ra.HeadingGaps, ra.Headings)
		}
		for _, r := range scores[0].Results {
			if (r.Key == "headings" || r.Key == "interpretation" || r.Key == "interaction") && r.Applies {
				t.Errorf("2024 (no records): %s applies %+v", r.Key, r)
			}
		}
		if ra.Score != scores[1].Total {
			t.Errorf("overview score %v, Scores %v", ra.Score, scores[1].Total)
		}
	})
}
