package store_test

import (
	"context"
	"testing"
	"time"

	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
)

func TestTrackToken(t *testing.T) {
	db := storetest.Open(t, "sqlite")
	_, a, _ := seed(t, db)
	now := noon("2026-03-02")
	app, _ := create(t, db, store.Public, newApp(a.ID, "张三", "2025年本区医疗机构名单", "2026-03-02"), now)
	other, _ := create(t, db, store.Public, newApp(a.ID, "李四", "2025年本区医疗机构名单", "2026-03-02"), now)
	token := app.TrackToken(now.Add(30 * time.Minute))
	// A freshly loaded application (as the portal has it) accepts the token.
	loaded, err := store.ApplicationByTracking(context.Background(), db, app.Tracking)
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
