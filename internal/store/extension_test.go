package store_test

import (
	"context"
	"strconv"
	"testing"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/foirequest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

// TestExtensionRequestThroughStore: the 经办人 asks for an extension through the door, the
// 负责人 finds it among their tasks and approves or refuses it before the first due day;
// every step is audited — on SQLite and PostgreSQL.
func TestExtensionRequestThroughStore(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, b := seed(t, db)
		apps := db.Applications()
		clerk, boss := staff(a.ID), head(a.ID)
		mk := func(name string) store.Application {
			app, _ := create(t, db, clerk, newApp(a.ID, name, "延期申请"+name, "2025-11-03"), noon("2025-11-03"))
			return mustEvent(t, db, clerk, app.ID, foirequest.Event{Type: foirequest.EventAccepted, Day: day("2025-11-03")}, noon("2025-11-03"))
		}
		approved, refused := mk("甲"), mk("乙")
		ask := foirequest.Event{Type: foirequest.EventExtensionRequested, Day: day("2025-11-20"), Days: 15, Reason: "需调阅多年档案"}
		for _, x := range []store.Application{approved, refused} {
			got := mustEvent(t, db, clerk, x.ID, ask, noon("2025-11-20"))
			if store.FormatDay(got.ExtensionRequested) != "2025-11-20" || store.FormatDay(got.ExtensionBy) != "2025-12-01" {
				t.Fatalf("request stored as %v %v", got.ExtensionRequested, got.ExtensionBy)
			}
		}
		tasks, err := apps.ExtensionTasks(ctx, boss)
		if err != nil || len(tasks) != 2 {
			t.Fatalf("head's tasks: %d %v", len(tasks), err)
		}
		// The 负责人 users are reminded of the requests.
		bossUser := account.User{AgencyID: a.ID, Username: "boss", DisplayName: "负责人", PasswordHash: "x", Roles: []account.Role{account.Head}}
		if err := db.InTx(ctx, func(tx *store.Tx) error { return tx.Users().Create(ctx, account.System(), &bossUser) }); err != nil {
			t.Fatal(err)
		}
		made, err := apps.Remind(ctx, account.System(), day("2025-11-20"))
		if err != nil {
			t.Fatal(err)
		}
		asked := 0
		for _, r := range made {
			if r.UserID == bossUser.ID && r.Kind == foirequest.StatusExtensionAsked {
				asked++
			}
		}
		if asked != 2 {
			t.Errorf("head reminded of %d requests, want 2 (%+v)", asked, made)
		}
		if mine, _ := apps.ExtensionTasks(ctx, clerk); len(mine) != 0 {
			t.Errorf("a clerk has extension tasks: %d", len(mine))
		}
		if other, _ := apps.ExtensionTasks(ctx, head(b.ID)); len(other) != 0 {
			t.Errorf("another agency's head sees the tasks: %d", len(other))
		}
		// The clerk cannot decide; the head does, before the first due day.
		if _, err := addEvent(db, clerk, refused.ID, foirequest.Event{Type: foirequest.EventExtensionRefused, Day: day("2025-11-21"), Reason: "不同意"}, noon("2025-11-21")); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("clerk refuses: %v", err)
		}
		got := mustEvent(t, db, boss, approved.ID, foirequest.Event{Type: foirequest.EventExtended, Day: day("2025-11-21"), Days: 15, Reason: "同意：需调阅多年档案"}, noon("2025-11-21"))
		if store.FormatDay(got.Due) != "2025-12-22" || !got.ExtensionRequested.IsZero() {
			t.Errorf("approved: due %s, request %v", store.FormatDay(got.Due), got.ExtensionRequested)
		}
		got = mustEvent(t, db, boss, refused.ID, foirequest.Event{Type: foirequest.EventExtensionRefused, Day: day("2025-11-21"), Reason: "材料齐全，可按期答复"}, noon("2025-11-21"))
		if store.FormatDay(got.Due) != "2025-12-01" || !got.ExtensionRequested.IsZero() {
			t.Errorf("refused: due %s, request %v", store.FormatDay(got.Due), got.ExtensionRequested)
		}
		if tasks, _ := apps.ExtensionTasks(ctx, boss); len(tasks) != 0 {
			t.Errorf("decided requests still tasks: %d", len(tasks))
		}
		for _, c := range []struct {
			id     int64
			action string
		}{{approved.ID, "application.extension_requested"}, {approved.ID, "application.extended"}, {refused.ID, "application.extension_refused"}} {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM audit_log WHERE entity = 'application' AND entity_id = ? AND action = ?`, strconv.FormatInt(c.id, 10), c.action).Scan(&n); err != nil || n != 1 {
				t.Errorf("audit %s of %d: %d %v", c.action, c.id, n, err)
			}
		}
		// Asked after the first due day: refused.
		late := mk("丙")
		if _, err := addEvent(db, clerk, late.ID, foirequest.Event{Type: foirequest.EventExtensionRequested, Day: day("2025-12-02"), Days: 10, Reason: "迟"}, noon("2025-12-02")); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("late request: %v", err)
		}
	})
}
