package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

func day(s string) time.Time {
	d, err := store.ParseDay(s)
	if err != nil {
		panic(err)
	}
	return d
}

// noon is the instant of a China day at 12:00 (04:00 UTC).
func noon(s string) time.Time { return day(s).Add(4 * time.Hour) }

var clerk = store.Actor{UserID: 0, Name: "王敏（经办人）"}

func newApp(agencyID int64, name, desc, received string) foirequest.Application {
	return foirequest.Application{
		AgencyID:    agencyID,
		Applicant:   foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: name, IDType: foirequest.IDResident, IDNumber: "11010519491231002X", Phone: "13812345678"},
		Intake:      foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: day(received)},
		Description: desc,
		Delivery:    foirequest.DeliveryEmail,
	}
}

func create(t *testing.T, db *store.DB, actor store.Actor, app foirequest.Application, now time.Time) (store.Application, string) {
	t.Helper()
	var out store.Application
	var code string
	err := db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		out, code, err = store.CreateApplication(context.Background(), tx, actor, app, now)
		return err
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return out, code
}

func addEvent(db *store.DB, actor store.Actor, id int64, e foirequest.Event, now time.Time) (store.Application, error) {
	var out store.Application
	err := db.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		out, err = store.AddApplicationEvent(context.Background(), tx, actor, id, e, now)
		return err
	})
	return out, err
}

func mustEvent(t *testing.T, db *store.DB, actor store.Actor, id int64, e foirequest.Event, now time.Time) store.Application {
	t.Helper()
	a, err := addEvent(db, actor, id, e, now)
	if err != nil {
		t.Fatalf("%s: %v", e.Type, err)
	}
	return a
}

func auditCount(t *testing.T, db *store.DB) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM audit_log`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func eventCount(t *testing.T, db *store.DB, id int64) int {
	t.Helper()
	var n int
	if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM application_events WHERE application_id = ?`, id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCreateApplication(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		now := noon("2026-03-02")
		first, code := create(t, db, clerk, newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		if first.Number != "测试区卫生健康依申〔2026〕第1号" {
			t.Errorf("number = %q", first.Number)
		}
		if len(first.Tracking) != 12 || strings.Trim(first.Tracking, store.TrackingAlphabet) != "" {
			t.Errorf("tracking = %q", first.Tracking)
		}
		if len(code) != 8 || !first.CheckQueryCode(code) || first.CheckQueryCode(code+"X") {
			t.Errorf("query code %q", code)
		}
		if first.State != foirequest.StateRegistered || !first.Due.Equal(day("2026-03-30")) || first.Status != foirequest.StatusOnTrack {
			t.Errorf("derived: %s %s %s", first.State, store.FormatDay(first.Due), first.Status)
		}
		second, _ := create(t, db, clerk, newApp(a.ID, "李四", "2025年本区医疗机构名单", "2026-03-02"), now)
		if second.Number != "测试区卫生健康依申〔2026〕第2号" {
			t.Errorf("second number = %q", second.Number)
		}
		other, _ := create(t, db, clerk, newApp(b.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		if !strings.HasSuffix(other.Number, "〔2026〕第1号") {
			t.Errorf("other agency number = %q", other.Number)
		}

		// The stored application reads back the same, and the plain code is nowhere.
		got, err := store.ApplicationByTracking(ctx, db, strings.ToLower(first.Tracking[:4])+"-"+first.Tracking[4:])
		if err != nil || got.ID != first.ID || len(got.Events) != 1 || got.Applicant.IDNumber != "11010519491231002X" {
			t.Fatalf("by tracking: %+v %v", got, err)
		}
		if _, err := store.ApplicationByTrackingCode(ctx, db, first.Tracking, "WRONG234"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("wrong code: %v", err)
		}
		if _, err := store.ApplicationByTrackingCode(ctx, db, first.Tracking, strings.ToLower(code)); err != nil {
			t.Errorf("right code: %v", err)
		}
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM applications WHERE query_hash = ? OR query_hash LIKE ?`, code, "%"+code+"%").Scan(&n)
		if n != 0 {
			t.Error("plain query code stored")
		}
		db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE after_json LIKE '%11010519491231002X%' OR after_json LIKE '%13812345678%'`).Scan(&n)
		if n != 0 {
			t.Error("unmasked applicant in the audit log")
		}

		// A duplicate is refused and changes nothing.
		before := auditCount(t, db)
		err = db.InTx(ctx, func(tx *store.Tx) error {
			_, _, err := store.CreateApplication(ctx, tx, clerk, newApp(a.ID, "张三", " 2025年本区医疗机构名单 ", "2026-03-02"), now)
			return err
		})
		if !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "请勿重复提交") || !strings.Contains(apperr.MessageOf(err), first.Number) {
			t.Errorf("duplicate: %v", err)
		}
		if auditCount(t, db) != before {
			t.Error("duplicate wrote to the audit log")
		}
		// The same applicant with the same text on another day is a new application.
		create(t, db, clerk, newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-01"), now)

		// Future day and unknown channel are refused.
		for name, app := range map[string]foirequest.Application{
			"future": newApp(a.ID, "王五", "某文件", "2026-03-03"),
			"channel": func() foirequest.Application {
				x := newApp(a.ID, "王五", "某文件", "2026-03-02")
				x.Intake.Channel = "pigeon"
				return x
			}(),
			"agency": newApp(999, "王五", "某文件", "2026-03-02"),
		} {
			before := auditCount(t, db)
			err := db.InTx(ctx, func(tx *store.Tx) error {
				_, _, err := store.CreateApplication(ctx, tx, clerk, app, now)
				return err
			})
			if err == nil || auditCount(t, db) != before {
				t.Errorf("%s: err %v", name, err)
			}
		}
	})
}

func TestApplicationStateMachineThroughStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		app, _ := create(t, db, clerk, newApp(a.ID, "张三", "2025年度本区公立医院医疗服务价格调整文件", "2026-03-02"), noon("2026-03-02"))
		id := app.ID

		// Illegal transitions are refused and write nothing.
		refuse := func(e foirequest.Event, now time.Time, code apperr.Code) {
			t.Helper()
			events, audits := eventCount(t, db, id), auditCount(t, db)
			before, _ := store.ApplicationByID(ctx, db, id)
			_, err := addEvent(db, clerk, id, e, now)
			if !apperr.Is(err, code) {
				t.Errorf("%s: got %v, want %s", e.Type, err, code)
			}
			after, _ := store.ApplicationByID(ctx, db, id)
			if eventCount(t, db, id) != events || auditCount(t, db) != audits || after.State != before.State || !after.Due.Equal(before.Due) {
				t.Errorf("%s: refused event changed the case", e.Type)
			}
		}
		refuse(foirequest.Event{Type: foirequest.EventCorrected, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)
		refuse(foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-05")}, noon("2026-03-03"), apperr.Invalid)
		refuse(foirequest.Event{Type: foirequest.EventRegistered, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)
		refuse(foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)

		// 补正 → corrected → accepted → consultation → fee → extension → reply.
		got := mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: day("2026-03-04"), Days: 10, Reason: "申请内容不明确，请补充文件名称"}, noon("2026-03-04"))
		if got.State != foirequest.StateCorrectionRequested || !got.Due.IsZero() || got.Status != foirequest.StatusAwaitingCorrection {
			t.Errorf("after 补正: %s %v %s", got.State, got.Due, got.Status)
		}
		refuse(foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: day("2026-03-05"), Days: 10, Reason: "再次补正"}, noon("2026-03-05"), apperr.Conflict)
		got = mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventCorrected, Day: day("2026-03-09")}, noon("2026-03-09"))
		if got.State != foirequest.StateInProgress || !got.Due.Equal(day("2026-04-07")) {
			t.Errorf("after correction: %s %s", got.State, store.FormatDay(got.Due))
		}
		mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventConsultationStarted, Day: day("2026-03-10"), Party: foirequest.PartyThirdParty, Reason: "涉及第三方商业秘密"}, noon("2026-03-10"))
		got = mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventConsultationEnded, Day: day("2026-03-17"), Reason: "第三方回复不同意公开"}, noon("2026-03-17"))
		if !got.Due.Equal(day("2026-04-14")) { // five working days paused
			t.Errorf("due after consultation = %s", store.FormatDay(got.Due))
		}
		mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventFeeNotified, Day: day("2026-03-18"), Amount: 100, Reason: "按件计收"}, noon("2026-03-18"))
		mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2026-03-19")}, noon("2026-03-19"))
		refuse(foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-20"), Days: 15, Reason: "需要调取档案"}, noon("2026-03-20"), apperr.Invalid) // no approver
		got = mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-20"), Days: 15, ApprovedBy: "赵刚", Reason: "需要调取档案"}, noon("2026-03-20"))
		if !got.Due.Equal(day("2026-05-09")) { // 9 May 2026 is a 调休 working Saturday
			t.Errorf("due after extension = %s", store.FormatDay(got.Due))
		}
		refuse(foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-23"), Days: 5, ApprovedBy: "赵刚", Reason: "再延"}, noon("2026-03-23"), apperr.Conflict)
		got = mustEvent(t, db, clerk, id, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyPartial, Reason: "部分涉及第三方商业秘密"}, noon("2026-04-20"))
		if got.State != foirequest.StateReplied || got.Status != foirequest.StatusClosedOnTime || got.Outcome != foirequest.ReplyPartial || !got.Closed.Equal(day("2026-04-20")) {
			t.Errorf("after reply: %s %s %s %v", got.State, got.Status, got.Outcome, got.Closed)
		}
		refuse(foirequest.Event{Type: foirequest.EventWithdrawn, Day: day("2026-04-21"), Reason: "撤回"}, noon("2026-04-21"), apperr.Conflict)

		stored, err := store.ApplicationByID(ctx, db, id)
		if err != nil || len(stored.Events) != 9 || len(stored.Recorders) != 9 || stored.Recorders[3] != "" && stored.Recorders[3] != clerk.Name {
			t.Fatalf("stored: %d events %v", len(stored.Events), err)
		}
		c, err := stored.Case(nil)
		if err != nil || c.State != foirequest.StateReplied {
			t.Errorf("replay: %v %v", c, err)
		}
		// Every step is audited with its reason.
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'application' AND entity_id = ? AND action LIKE 'application.%'`, strconv.FormatInt(id, 10)).Scan(&n)
		if n != 9 {
			t.Errorf("audit rows = %d, want 9", n)
		}
		var reason string
		db.QueryRow(ctx, `SELECT reason FROM audit_log WHERE action = 'application.extended'`).Scan(&reason)
		if reason != "需要调取档案" {
			t.Errorf("extension audit reason = %q", reason)
		}

		// Files of the reply.
		err = db.InTx(ctx, func(tx *store.Tx) error {
			return store.AddApplicationFile(ctx, tx, clerk, id, &store.ApplicationFile{EventSeq: 9, Name: `C:\temp\答复书.pdf`, ContentType: "application/pdf", Data: []byte("%PDF-1.4 demo")})
		})
		if err != nil {
			t.Fatal(err)
		}
		files, err := store.ApplicationFiles(ctx, db, id)
		if err != nil || len(files) != 1 || files[0].Name != "答复书.pdf" || files[0].Size != 13 {
			t.Fatalf("files %+v %v", files, err)
		}
		f, err := store.ApplicationFileByID(ctx, db, files[0].ID)
		if err != nil || string(f.Data) != "%PDF-1.4 demo" {
			t.Errorf("file bytes %q %v", f.Data, err)
		}
		err = db.InTx(ctx, func(tx *store.Tx) error {
			return store.AddApplicationFile(ctx, tx, clerk, id, &store.ApplicationFile{Name: "empty.txt"})
		})
		if !apperr.Is(err, apperr.Invalid) {
			t.Errorf("empty file: %v", err)
		}
	})
}

func TestListApplicationsAndDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		// Received 2026-03-02 → due 2026-03-30; received 2026-02-02 → due 2026-03-09 (春节).
		soon, _ := create(t, db, clerk, newApp(a.ID, "张三", "关于清河医院改扩建项目的批复文件", "2026-03-02"), noon("2026-03-02"))
		late, _ := create(t, db, clerk, newApp(a.ID, "李四", "2025年度卫生监督行政处罚决定书", "2026-02-02"), noon("2026-02-02"))
		far, _ := create(t, db, clerk, newApp(a.ID, "王五", "医疗废物处置招标文件", "2026-03-20"), noon("2026-03-20"))
		create(t, db, clerk, newApp(b.ID, "赵六", "医保基金年度决算", "2026-03-02"), noon("2026-03-02"))
		closed, _ := create(t, db, clerk, newApp(a.ID, "钱七", "某文件", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, clerk, closed.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-10"), Reply: foirequest.ReplyGranted}, noon("2026-03-10"))
		today := day("2026-03-24")

		ids := func(f store.ApplicationFilter) []int64 {
			t.Helper()
			f.Today = today
			list, total, err := store.ListApplications(ctx, db, f)
			if err != nil {
				t.Fatal(err)
			}
			if total < len(list) {
				t.Errorf("total %d < %d", total, len(list))
			}
			var out []int64
			for _, x := range list {
				out = append(out, x.ID)
			}
			return out
		}
		eq := func(name string, got []int64, want ...int64) {
			t.Helper()
			if len(got) != len(want) {
				t.Errorf("%s: got %v, want %v", name, got, want)
				return
			}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: got %v, want %v", name, got, want)
					return
				}
			}
		}
		eq("agency a, open first by due", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}}), late.ID, soon.ID, far.ID, closed.ID)
		eq("overdue", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}, Status: foirequest.StatusOverdue}), late.ID)
		eq("due soon", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}, Status: foirequest.StatusDueSoon}), soon.ID)
		eq("on track", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}, Status: foirequest.StatusOnTrack}), far.ID)
		eq("closed", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}, State: foirequest.StateReplied}), closed.ID)
		eq("text", ids(store.ApplicationFilter{Text: "行政处罚"}), late.ID)
		eq("text number", ids(store.ApplicationFilter{Text: late.Number}), late.ID)
		eq("text wildcard", ids(store.ApplicationFilter{Text: "%"}))
		eq("due before", ids(store.ApplicationFilter{AgencyIDs: []int64{a.ID}, DueBefore: day("2026-03-31")}), late.ID, soon.ID)
		list, _, _ := store.ListApplications(ctx, db, store.ApplicationFilter{AgencyIDs: []int64{a.ID}, State: store.StateOpen, Today: today})
		if len(list) != 3 || list[0].Status != foirequest.StatusOverdue || list[1].Status != foirequest.StatusDueSoon || list[2].Status != foirequest.StatusOnTrack {
			t.Errorf("live statuses: %+v", list)
		}
		if _, _, err := store.ListApplications(ctx, db, store.ApplicationFilter{Status: "bogus"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("bogus status: %v", err)
		}
		counts, err := store.CountDue(ctx, db, []int64{a.ID}, today)
		if err != nil || counts != (store.DueCounts{Open: 3, DueSoon: 1, Overdue: 1}) {
			t.Errorf("counts %+v %v", counts, err)
		}
		cal, _ := store.Calendar(ctx, db)
		due, err := store.DueSoonAndOverdue(ctx, db, cal, a.ID, today)
		if err != nil || len(due) != 2 || due[0].ID != late.ID || due[1].ID != soon.ID {
			t.Errorf("due soon and overdue: %v %v", due, err)
		}
	})
}

func TestCalendarChangeRecomputesDueDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		open, _ := create(t, db, clerk, newApp(a.ID, "张三", "2026年区级财政预算中卫生健康支出明细", "2026-03-02"), noon("2026-03-02"))
		waiting, _ := create(t, db, clerk, newApp(a.ID, "李四", "某文件", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, clerk, waiting.ID, foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: day("2026-03-03"), Days: 10, Reason: "不明确"}, noon("2026-03-03"))
		done, _ := create(t, db, clerk, newApp(a.ID, "王五", "另一文件", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, clerk, done.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-05"), Reply: foirequest.ReplyNotHeld}, noon("2026-03-05"))

		head, err := store.AuditHead(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		admin := store.Actor{UserID: 0, Name: "系统管理员"}
		moved, err := store.ApplyCalendarChange(ctx, db, admin, []workday.Override{{Day: day("2026-03-10"), Working: false, Reason: "区域性停工（示例）"}})
		if err != nil || moved != 1 {
			t.Fatalf("moved %d %v", moved, err)
		}
		got, _ := store.ApplicationByID(ctx, db, open.ID)
		if !got.Due.Equal(day("2026-03-31")) {
			t.Errorf("due after the change = %s", store.FormatDay(got.Due))
		}
		changes, err := store.DueChangesSince(ctx, db, head, nil)
		if err != nil || len(changes) != 1 || changes[0].ApplicationID != open.ID || changes[0].Before != "2026-03-30" || changes[0].After != "2026-03-31" || changes[0].Number != open.Number {
			t.Errorf("changes %+v %v", changes, err)
		}
		// Removing the override moves it back.
		moved, err = store.RemoveCalendarOverride(ctx, db, admin, day("2026-03-10"))
		if err != nil || moved != 1 {
			t.Fatalf("remove: %d %v", moved, err)
		}
		got, _ = store.ApplicationByID(ctx, db, open.ID)
		if !got.Due.Equal(day("2026-03-30")) {
			t.Errorf("due after removal = %s", store.FormatDay(got.Due))
		}
		// A change that moves nothing records nothing.
		head, _ = store.AuditHead(ctx, db)
		if moved, err := store.ApplyCalendarChange(ctx, db, admin, []workday.Override{{Day: day("2026-06-10"), Working: false, Reason: "远期"}}); err != nil || moved != 0 {
			t.Errorf("far change moved %d %v", moved, err)
		}
		if changes, _ := store.DueChangesSince(ctx, db, head, nil); len(changes) != 0 {
			t.Errorf("far change recorded %v", changes)
		}
	})
}

// FuzzNormalizeTracking: what a user types is normalised idempotently, without the
// separators, and a code generated from the alphabet survives any casing and grouping.
func FuzzNormalizeTracking(f *testing.F) {
	f.Add("abcd-efgh-jkmn")
	f.Add(" 23 45　67 ")
	f.Add("ß-ǅ")
	f.Fuzz(func(t *testing.T, s string) {
		n := store.NormalizeTracking(s)
		if store.NormalizeTracking(n) != n {
			t.Fatalf("not idempotent: %q → %q → %q", s, n, store.NormalizeTracking(n))
		}
		if strings.ContainsAny(n, " -\t　") {
			t.Fatalf("separator left in %q", n)
		}
		if strings.Trim(s, store.TrackingAlphabet) == "" {
			grouped := strings.ToLower(s)
			if len(grouped) > 4 {
				grouped = grouped[:4] + "-" + grouped[4:]
			}
			if store.NormalizeTracking(grouped) != s {
				t.Fatalf("%q does not normalise back to %q", grouped, s)
			}
		}
	})
}
