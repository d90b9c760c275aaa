package store_test

import (
	"context"
	"gongkai/internal/account"
	"strings"
	"testing"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestTrackToken(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	_, a, _ := seed(t, db)
	now := noon("2026-03-02")
	app, _ := create(t, db, account.Public(), newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
	other, _ := create(t, db, account.Public(), newApp(a.ID, "李四", "2025年本区医疗机构名单", "2026-03-02"), now)
	token := app.TrackToken(now.Add(30 * time.Minute))
	// A freshly loaded application (as the portal has it) accepts the token.
	loaded, err := db.Applications().GetByTracking(context.Background(), account.System(), app.Tracking)
	if err != nil {
		t.Fatal(err)
	}
	if !loaded.CheckTrackToken(token, now.Add(29*time.Minute)) {
		t.Error("valid token refused")
	}
	for name, ok := range map[string]bool{
		"expired":           loaded.CheckTrackToken(token, now.Add(30*time.Minute)),
		"other application": other.CheckTrackToken(token, now),
		"forged expiry":     loaded.CheckTrackToken("9999999999"+token[len("9999999999"):], now),
		"empty":             loaded.CheckTrackToken("", now),
		"no mac":            loaded.CheckTrackToken("9999999999.", now),
		"zero value":        store.Application{}.CheckTrackToken(token, now),
	} {
		if ok {
			t.Errorf("%s: token accepted", name)
		}
	}
}

func TestApplicationForPublic(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		_, a, _ := seed(t, db)
		now := noon("2026-03-02")
		app, code := create(t, db, account.Public(), newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
		got, err := db.Applications().ForPublic(ctx, strings.ToLower(app.Tracking), strings.ToLower(code))
		if err != nil || got.ID != app.ID || len(got.Events) != 1 {
			t.Fatalf("right pair: %v %+v", err, got)
		}
		_, wrongCode := db.Applications().ForPublic(ctx, app.Tracking, code+"2")
		_, unknown := db.Applications().ForPublic(ctx, "ZZZZZZZZZZZZ", code)
		if !apperr.Is(wrongCode, apperr.NotFound) || wrongCode.Error() != unknown.Error() {
			t.Errorf("wrong code %v, unknown number %v", wrongCode, unknown)
		}
		token := app.TrackToken(now.Add(time.Minute))
		if got, err := db.Applications().ForToken(ctx, app.Tracking, token, now); err != nil || got.ID != app.ID {
			t.Errorf("token: %v", err)
		}
		for name, c := range map[string]struct {
			tracking, token string
			at              time.Time
		}{
			"expired": {app.Tracking, token, now.Add(time.Minute)},
			"unknown": {"ZZZZZZZZZZZZ", token, now},
			"forged":  {app.Tracking, "9999999999.00", now},
		} {
			if _, err := db.Applications().ForToken(ctx, c.tracking, c.token, c.at); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("%s: %v", name, err)
			}
		}
	})
}
