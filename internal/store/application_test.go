package store_test

import (
	"context"
	"gongkai/internal/account"
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

// staff is the 经办人 of an agency; head its 负责人.
func staff(agencyID int64) account.Principal {
	return account.Principal{UserID: 100 + agencyID, Name: "王敏（经办人）", AgencyID: agencyID, Roles: []account.Role{account.Clerk}}
}

func head(agencyID int64) account.Principal {
	return account.Principal{UserID: 200 + agencyID, Name: "赵刚", AgencyID: agencyID, Roles: []account.Role{account.Head}}
}

// handler is a user who is both 经办人 and 负责人 of an agency.
func handler(agencyID int64) account.Principal {
	return account.Principal{UserID: 300 + agencyID, Name: "王敏", AgencyID: agencyID, Roles: []account.Role{account.Clerk, account.Head}}
}

func newApp(agencyID int64, name, desc, received string) foirequest.Application {
	return foirequest.Application{
		AgencyID:    agencyID,
		Applicant:   foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: name, IDType: foirequest.IDResident, IDNumber: "11010519491231002X", Phone: "13812345678"},
		Intake:      foirequest.Intake{Channel: foirequest.ChannelInPerson, Submitted: day(received)},
		Description: desc,
		Delivery:    foirequest.DeliveryEmail,
	}
}

func create(t *testing.T, db *store.DB, who account.Principal, app foirequest.Application, now time.Time) (store.Application, string) {
	t.Helper()
	out, code, err := db.Applications().Register(context.Background(), who, app, now)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return out, code
}

func addEvent(db *store.DB, who account.Principal, id int64, e foirequest.Event, now time.Time, files ...store.ApplicationFile) (store.Application, error) {
	return db.Applications().Record(context.Background(), who, id, e, now, files...)
}

// disclosed is the file a 予以公开 or 部分公开 reply carries (foirequest.CheckMaterial); none
// for any other step.
func disclosed(e foirequest.Event) []store.ApplicationFile {
	if e.Type != foirequest.EventReplied || (e.Reply != foirequest.ReplyGranted && e.Reply != foirequest.ReplyPartial) {
		return nil
	}
	return []store.ApplicationFile{{Name: "公开信息.txt", ContentType: "text/plain", Data: []byte("公开的政府信息")}}
}

// mustEvent records e, which must succeed; a reply that discloses information carries a
// file of it unless files are given (foirequest.CheckMaterial).
func mustEvent(t *testing.T, db *store.DB, who account.Principal, id int64, e foirequest.Event, now time.Time, files ...store.ApplicationFile) store.Application {
	t.Helper()
	if len(files) == 0 {
		files = disclosed(e)
	}
	a, err := addEvent(db, who, id, e, now, files...)
	if err != nil {
		t.Fatalf("%s: %v", e.Type, err)
	}
	return a
}

// byID reads an application as its agency's 经办人 sees it.
func byID(t *testing.T, db *store.DB, id int64) store.Application {
	t.Helper()
	a, err := db.Applications().Get(context.Background(), account.System(), id)
	if err != nil {
		t.Fatal(err)
	}
	a, err = db.Applications().Get(context.Background(), staff(a.AgencyID), id)
	if err != nil {
		t.Fatal(err)
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
		first, code := create(t, db, staff(a.ID), newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
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
		second, _ := create(t, db, staff(a.ID), newApp(a.ID, "李四", "2025年本区医疗机构名单", "2026-03-02"), now)
		if second.Number != "测试区卫生健康依申〔2026〕第2号" {
			t.Errorf("second number = %q", second.Number)
		}
		other, _ := create(t, db, staff(b.ID), newApp(b.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		if !strings.HasSuffix(other.Number, "〔2026〕第1号") {
			t.Errorf("other agency number = %q", other.Number)
		}

		// The stored application reads back the same, and the plain code is nowhere.
		got, err := db.Applications().GetByTracking(ctx, staff(a.ID), strings.ToLower(first.Tracking[:4])+"-"+first.Tracking[4:])
		if err != nil || got.ID != first.ID || len(got.Events) != 1 || got.Applicant.IDNumber != "11010519491231002X" {
			t.Fatalf("by tracking: %+v %v", got, err)
		}
		if _, err := db.Applications().ForPublic(ctx, first.Tracking, "WRONG234"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("wrong code: %v", err)
		}
		if _, err := db.Applications().ForPublic(ctx, first.Tracking, strings.ToLower(code)); err != nil {
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
		_, _, err = db.Applications().Register(ctx, staff(a.ID), newApp(a.ID, "张三", " 2025年本区医疗机构名单 ", "2026-03-02"), now)
		if !apperr.Is(err, apperr.Conflict) || !strings.Contains(apperr.MessageOf(err), "请勿重复提交") || !strings.Contains(apperr.MessageOf(err), first.Number) {
			t.Errorf("duplicate: %v", err)
		}
		if auditCount(t, db) != before {
			t.Error("duplicate wrote to the audit log")
		}
		// The same applicant with the same text on another day is a new application.
		create(t, db, staff(a.ID), newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-01"), now)

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
			_, _, err := db.Applications().Register(ctx, staff(a.ID), app, now)
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
		noReview(t, db, a.ID)
		app, _ := create(t, db, staff(a.ID), newApp(a.ID, "张三", "2025年度本区公立医院医疗服务价格调整文件", "2026-03-02"), noon("2026-03-02"))
		id := app.ID

		// Illegal transitions are refused and write nothing.
		refuse := func(e foirequest.Event, now time.Time, code apperr.Code) {
			t.Helper()
			events, audits := eventCount(t, db, id), auditCount(t, db)
			before := byID(t, db, id)
			_, err := addEvent(db, staff(a.ID), id, e, now)
			if !apperr.Is(err, code) {
				t.Errorf("%s: got %v, want %s", e.Type, err, code)
			}
			after := byID(t, db, id)
			if eventCount(t, db, id) != events || auditCount(t, db) != audits || after.State != before.State || !after.Due.Equal(before.Due) {
				t.Errorf("%s: refused event changed the case", e.Type)
			}
		}
		refuse(foirequest.Event{Type: foirequest.EventCorrected, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)
		refuse(foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-05")}, noon("2026-03-03"), apperr.Invalid)
		refuse(foirequest.Event{Type: foirequest.EventRegistered, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)
		refuse(foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2026-03-03")}, noon("2026-03-03"), apperr.Conflict)

		// 补正 → corrected → accepted → consultation → fee → extension → reply.
		got := mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Day: day("2026-03-04"), Days: 10, Reason: "申请内容不明确，请补充文件名称"}, noon("2026-03-04"))
		if got.State != foirequest.StateCorrectionRequested || !got.Due.IsZero() || got.Status != foirequest.StatusAwaitingCorrection {
			t.Errorf("after 补正: %s %v %s", got.State, got.Due, got.Status)
		}
		refuse(foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Day: day("2026-03-05"), Days: 10, Reason: "再次补正"}, noon("2026-03-05"), apperr.Conflict)
		got = mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventCorrected, Day: day("2026-03-09")}, noon("2026-03-09"))
		if got.State != foirequest.StateInProgress || !got.Due.Equal(day("2026-04-07")) {
			t.Errorf("after correction: %s %s", got.State, store.FormatDay(got.Due))
		}
		mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventConsultationStarted, Method: foirequest.NoticeInPerson, Day: day("2026-03-10"), Party: foirequest.PartyThirdParty, Reason: "涉及第三方商业秘密"}, noon("2026-03-10"))
		got = mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventConsultationEnded, Day: day("2026-03-17"), Reason: "第三方回复不同意公开"}, noon("2026-03-17"))
		if !got.Due.Equal(day("2026-04-14")) { // five working days paused
			t.Errorf("due after consultation = %s", store.FormatDay(got.Due))
		}
		mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventFeeNotified, Method: foirequest.NoticeInPerson, Day: day("2026-03-18"), FeeMethod: foirequest.FeeMethodPage, Pages: 40, Reason: "按量计收"}, noon("2026-03-18"))
		mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventFeePaid, Day: day("2026-03-19")}, noon("2026-03-19"))
		refuse(foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-20"), Days: 15, ApprovedBy: "赵刚", Reason: "需要调取档案"}, noon("2026-03-20"), apperr.Forbidden) // a 经办人 does not approve
		got = mustEvent(t, db, head(a.ID), id, foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-20"), Days: 15, Reason: "需要调取档案"}, noon("2026-03-20"))
		if got.Events[len(got.Events)-1].ApprovedBy != "赵刚" {
			t.Errorf("approver = %q", got.Events[len(got.Events)-1].ApprovedBy)
		}
		if !got.Due.Equal(day("2026-05-09")) { // 9 May 2026 is a 调休 working Saturday
			t.Errorf("due after extension = %s", store.FormatDay(got.Due))
		}
		refuseAs := func(who account.Principal, e foirequest.Event, now time.Time, code apperr.Code, files ...store.ApplicationFile) {
			t.Helper()
			events, audits := eventCount(t, db, id), auditCount(t, db)
			if _, err := addEvent(db, who, id, e, now, files...); !apperr.Is(err, code) {
				t.Errorf("%s: got %v, want %s", e.Type, err, code)
			}
			if eventCount(t, db, id) != events || auditCount(t, db) != audits {
				t.Errorf("%s: refused event changed the case", e.Type)
			}
		}
		refuseAs(head(a.ID), foirequest.Event{Type: foirequest.EventExtended, Day: day("2026-03-23"), Days: 5, Reason: "再延"}, noon("2026-03-23"), apperr.Conflict)
		// Who may act: another agency's staff do not see the case; 政务公开办 and System do
		// not handle it.
		refuseAs(staff(a.ID+1000), foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-03-23")}, noon("2026-03-23"), apperr.NotFound)
		refuseAs(account.System(), foirequest.Event{Type: foirequest.EventWithdrawn, Day: day("2026-03-23"), Reason: "撤回"}, noon("2026-03-23"), apperr.Forbidden)
		// 第三十六条: a withholding reply states its reason.
		refuseAs(staff(a.ID), foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyPartial}, noon("2026-04-20"), apperr.Invalid)
		// A bad file refuses the whole step.
		refuseAs(staff(a.ID), foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyPartial, Reason: "部分涉及第三方商业秘密"}, noon("2026-04-20"), apperr.Invalid,
			store.ApplicationFile{Name: "empty.txt"})
		got = mustEvent(t, db, staff(a.ID), id, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-04-20"), Reply: foirequest.ReplyPartial, Reason: "部分涉及第三方商业秘密"}, noon("2026-04-20"),
			store.ApplicationFile{Name: `C:\temp\答复书.pdf`, ContentType: "application/pdf", Data: []byte("%PDF-1.4 demo")})
		if got.State != foirequest.StateReplied || got.Status != foirequest.StatusClosedOnTime || got.Outcome != foirequest.ReplyPartial || !got.Closed.Equal(day("2026-04-20")) {
			t.Errorf("after reply: %s %s %s %v", got.State, got.Status, got.Outcome, got.Closed)
		}
		refuse(foirequest.Event{Type: foirequest.EventWithdrawn, Day: day("2026-04-21"), Reason: "撤回"}, noon("2026-04-21"), apperr.Conflict)

		stored := byID(t, db, id)
		if len(stored.Events) != 9 || len(stored.Recorders) != 9 || stored.Recorders[3] != "王敏（经办人）" || stored.Recorders[7] != "赵刚" {
			t.Fatalf("stored: %d events %q", len(stored.Events), stored.Recorders)
		}
		c, err := stored.Case(nil)
		if err != nil || c.State != foirequest.StateReplied {
			t.Errorf("replay: %v %v", c, err)
		}
		// Every step is audited with its reason.
		var n int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'application' AND entity_id = ? AND action LIKE 'application.%'`, strconv.FormatInt(id, 10)).Scan(&n)
		if n != 10 { // nine steps and the file
			t.Errorf("audit rows = %d, want 10", n)
		}
		var reason string
		db.QueryRow(ctx, `SELECT reason FROM audit_log WHERE action = 'application.extended'`).Scan(&reason)
		if reason != "需要调取档案" {
			t.Errorf("extension audit reason = %q", reason)
		}

		// Files of the reply.
		files := byIDFolder(t, db, staff(a.ID), id).Files
		if len(files) != 1 || files[0].Name != "答复书.pdf" || files[0].Size != 13 || files[0].EventSeq != 9 {
			t.Fatalf("files %+v", files)
		}
		f, err := db.Applications().File(ctx, staff(a.ID), id, files[0].ID)
		if err != nil || string(f.Data) != "%PDF-1.4 demo" {
			t.Errorf("file bytes %q %v", f.Data, err)
		}
		// Another agency's staff do not get it.
		if _, err := db.Applications().File(ctx, staff(a.ID+1000), id, files[0].ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("file for another agency: %v", err)
		}
	})
}

func byIDFolder(t *testing.T, db *store.DB, who account.Principal, id int64) store.Folder {
	t.Helper()
	f, err := db.Applications().Open(context.Background(), who, id, day("2026-04-21"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestListApplicationsAndDue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		noReview(t, db, a.ID)
		// Received 2026-03-02 → due 2026-03-30; received 2026-02-02 → due 2026-03-09 (春节).
		soon, _ := create(t, db, staff(a.ID), newApp(a.ID, "张三", "关于清河医院改扩建项目的批复文件", "2026-03-02"), noon("2026-03-02"))
		late, _ := create(t, db, staff(a.ID), newApp(a.ID, "李四", "2025年度卫生监督行政处罚决定书", "2026-02-02"), noon("2026-02-02"))
		far, _ := create(t, db, staff(a.ID), newApp(a.ID, "王五", "医疗废物处置招标文件", "2026-03-20"), noon("2026-03-20"))
		create(t, db, staff(b.ID), newApp(b.ID, "赵六", "医保基金年度决算", "2026-03-02"), noon("2026-03-02"))
		closed, _ := create(t, db, staff(a.ID), newApp(a.ID, "钱七", "某文件", "2026-03-02"), noon("2026-03-02"))
		granted := foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-10"), Reply: foirequest.ReplyGranted}
		mustEvent(t, db, staff(a.ID), closed.ID, granted, noon("2026-03-10"), disclosed(granted)...)
		today := day("2026-03-24")

		ids := func(f store.ApplicationFilter) []int64 {
			t.Helper()
			f.Today = today
			list, total, err := db.Applications().List(ctx, account.System(), f)
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
		list, _, _ := db.Applications().List(ctx, account.System(), store.ApplicationFilter{AgencyIDs: []int64{a.ID}, State: store.StateOpen, Today: today})
		if len(list) != 3 || list[0].Status != foirequest.StatusOverdue || list[1].Status != foirequest.StatusDueSoon || list[2].Status != foirequest.StatusOnTrack {
			t.Errorf("live statuses: %+v", list)
		}
		if _, _, err := db.Applications().List(ctx, account.System(), store.ApplicationFilter{Status: "bogus"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("bogus status: %v", err)
		}
		counts, err := db.Applications().CountDue(ctx, account.System(), []int64{a.ID}, today)
		if err != nil || counts != (store.DueCounts{Open: 3, DueSoon: 1, Overdue: 1}) {
			t.Errorf("counts %+v %v", counts, err)
		}
		due, err := db.Applications().DueSoonAndOverdue(ctx, account.System(), a.ID, today)
		if err != nil || len(due) != 2 || due[0].ID != late.ID || due[1].ID != soon.ID {
			t.Errorf("due soon and overdue: %v %v", due, err)
		}
	})
}

func TestCalendarChangeRecomputesDueDates(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		noReview(t, db, a.ID)
		open, _ := create(t, db, staff(a.ID), newApp(a.ID, "张三", "2026年区级财政预算中卫生健康支出明细", "2026-03-02"), noon("2026-03-02"))
		waiting, _ := create(t, db, staff(a.ID), newApp(a.ID, "李四", "某文件", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, staff(a.ID), waiting.ID, foirequest.Event{Type: foirequest.EventCorrectionRequested, Method: foirequest.NoticeInPerson, Day: day("2026-03-03"), Days: 10, Reason: "不明确"}, noon("2026-03-03"))
		done, _ := create(t, db, staff(a.ID), newApp(a.ID, "王五", "另一文件", "2026-03-02"), noon("2026-03-02"))
		mustEvent(t, db, staff(a.ID), done.ID, foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-03-05"), Reply: foirequest.ReplyNotHeld}, noon("2026-03-05"))

		head, err := store.AuditHead(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		admin := account.Principal{UserID: 1, Name: "系统管理员", Roles: []account.Role{account.SysAdmin}}
		if _, err := db.Workdays().Change(ctx, staff(a.ID), nil); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("a 经办人 changes the calendar: %v", err)
		}
		ch, err := db.Workdays().Change(ctx, admin, []workday.Override{{Day: day("2026-03-10"), Working: false, Reason: "区域性停工（示例）"}})
		if err != nil || ch.Moved != 1 || ch.Since != head {
			t.Fatalf("moved %+v %v", ch, err)
		}
		got := byID(t, db, open.ID)
		if !got.Due.Equal(day("2026-03-31")) {
			t.Errorf("due after the change = %s", store.FormatDay(got.Due))
		}
		changes, err := store.DueChangesSince(ctx, db, head, nil)
		if err != nil || len(changes) != 1 || changes[0].ApplicationID != open.ID || changes[0].Before != "2026-03-30" || changes[0].After != "2026-03-31" || changes[0].Number != open.Number {
			t.Errorf("changes %+v %v", changes, err)
		}
		// Removing the override moves it back.
		ch, err = db.Workdays().Remove(ctx, admin, day("2026-03-10"))
		if err != nil || ch.Moved != 1 {
			t.Fatalf("remove: %+v %v", ch, err)
		}
		got = byID(t, db, open.ID)
		if !got.Due.Equal(day("2026-03-30")) {
			t.Errorf("due after removal = %s", store.FormatDay(got.Due))
		}
		// A change that moves nothing records nothing.
		head, _ = store.AuditHead(ctx, db)
		if ch, err := db.Workdays().Change(ctx, admin, []workday.Override{{Day: day("2026-06-10"), Working: false, Reason: "远期"}}); err != nil || ch.Moved != 0 {
			t.Errorf("far change moved %+v %v", ch, err)
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

// TestStatusFilterMatchesStatusOn pins the SQL translation of the status filter
// (ApplicationFilter.where) to foirequest.StatusOn: on every day of two months, each
// status filter selects exactly the cases whose StatusOn is that status, on both
// databases — across weekends, the Qingming holiday and a 调休 working day.
func TestStatusFilterMatchesStatusOn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		noReview(t, db, a.ID)
		cal := workday.MustNew()
		who := handler(a.ID)
		start := day("2026-02-02")
		// Running cases received on every third working day, and one of each other kind.
		for i := 0; i < 16; i++ {
			received := cal.Add(start, 3*i)
			create(t, db, who, newApp(a.ID, "申请人"+strconv.Itoa(i), "期限状态第"+strconv.Itoa(i)+"件", store.FormatDay(received)), received.Add(4*time.Hour))
		}
		steps := func(received string, events ...foirequest.Event) {
			t.Helper()
			app, _ := create(t, db, who, newApp(a.ID, "其他"+received, "其他情形"+received+strconv.Itoa(len(events)), received), noon(received))
			for _, e := range events {
				mustEvent(t, db, who, app.ID, e, e.Day.Add(4*time.Hour), disclosed(e)...)
			}
		}
		steps("2026-02-03", foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-02-03")},
			foirequest.Event{Type: foirequest.EventConsultationStarted, Day: day("2026-02-04"), Party: foirequest.PartyOrgan, Reason: "征求意见", Method: foirequest.NoticeMail})
		steps("2026-02-03", foirequest.Event{Type: foirequest.EventCorrectionRequested, Day: day("2026-02-04"), Days: 30, Reason: "补正", Method: foirequest.NoticeInPerson})
		steps("2026-02-02", foirequest.Event{Type: foirequest.EventAccepted, Day: day("2026-02-02")},
			foirequest.Event{Type: foirequest.EventFeeNotified, Day: day("2026-02-26"), FeeMethod: foirequest.FeeMethodPage, Pages: 40, Reason: "收费", Method: foirequest.NoticeElectronic})
		steps("2026-02-05", foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-02-10"), Reply: foirequest.ReplyGranted})
		steps("2026-01-05", foirequest.Event{Type: foirequest.EventReplied, Day: day("2026-02-26"), Reply: foirequest.ReplyGranted})

		all, _, err := db.Applications().List(ctx, who, store.ApplicationFilter{Today: start, Limit: 500})
		if err != nil || len(all) != 21 {
			t.Fatalf("%d cases, %v", len(all), err)
		}
		statuses := []foirequest.Status{foirequest.StatusOverdue, foirequest.StatusDueSoon, foirequest.StatusOnTrack, foirequest.StatusPaused,
			foirequest.StatusAwaitingCorrection, foirequest.StatusClosedOnTime, foirequest.StatusClosedLate,
			foirequest.StatusCorrectionExpired, foirequest.StatusFeeExpired}
		seen := map[foirequest.Status]bool{}
		for today := day("2026-02-27"); today.Before(day("2026-04-30")); today = today.AddDate(0, 0, 1) {
			for _, st := range statuses {
				want := map[int64]bool{}
				for _, x := range all {
					if foirequest.StatusOn(cal, x.State, x.Due, x.WaitDue, x.Closed, today) == st {
						want[x.ID] = true
					}
				}
				list, total, err := db.Applications().List(ctx, who, store.ApplicationFilter{Status: st, Today: today, Limit: 500})
				if err != nil {
					t.Fatal(err)
				}
				got := map[int64]bool{}
				for _, x := range list {
					got[x.ID] = true
					if x.Status != st {
						t.Errorf("%s: case %d listed under %s with status %s", store.FormatDay(today), x.ID, st, x.Status)
					}
				}
				if total != len(want) || len(got) != len(want) {
					t.Fatalf("%s %s: filter selects %d (total %d), StatusOn %d", store.FormatDay(today), st, len(got), total, len(want))
				}
				for id := range want {
					if !got[id] {
						t.Fatalf("%s %s: case %d missing", store.FormatDay(today), st, id)
					}
				}
				if len(want) > 0 {
					seen[st] = true
				}
			}
		}
		for _, st := range statuses {
			if !seen[st] {
				t.Errorf("no day had a case %s: the test proves nothing about it", st)
			}
		}
	})
}
