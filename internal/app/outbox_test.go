package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/foirequest"
	"gongkai/internal/notify"
	"gongkai/internal/notify/smtptest"
	"gongkai/internal/store"
	"gongkai/internal/store/storetest"
	"gongkai/internal/workday"
)

// openServer opens an app server on the database dsn that sends its e-mails to smtpAddr.
func openServer(t *testing.T, dsn, smtpAddr string) *App {
	t.Helper()
	cfg := Default()
	cfg.DB, cfg.Demo = dsn, DemoOff
	cfg.SMTPAddr, cfg.SMTPFrom, cfg.SMTPTLS = smtpAddr, "清河区卫生健康局 <gongkai@example.gov.cn>", "none"
	cfg.BaseURL = "https://gk.example.gov.cn"
	a, err := Open(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	a.OutboxLease = 2 * time.Second
	t.Cleanup(func() { a.Close() })
	return a
}

// seedApplications registers n online applications with an e-mail address on file.
func seedApplications(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	var ag agency.Agency
	err := db.InTx(ctx, func(tx *store.Tx) error {
		gov := agency.Government{Name: "清河区人民政府"}
		if err := tx.Agencies().CreateGovernment(ctx, account.System(), &gov); err != nil {
			return err
		}
		ag = agency.Agency{GovernmentID: gov.ID, Name: "清河区卫生健康局", CreditCode: "11610802016083285C"}
		return tx.Agencies().Create(ctx, account.System(), &ag)
	})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for i := 0; i < n; i++ {
		app := foirequest.Application{
			AgencyID:    ag.ID,
			Applicant:   foirequest.Applicant{Kind: foirequest.NaturalPerson, Name: fmt.Sprintf("申请人%d", i), IDType: foirequest.IDResident, IDNumber: "11010519491231002X", Email: fmt.Sprintf("a%d@example.cn", i)},
			Intake:      foirequest.Intake{Channel: foirequest.ChannelOnline, Submitted: workday.Of(now), Confirmed: workday.Of(now)},
			Description: fmt.Sprintf("第%d项政府信息", i),
			Delivery:    foirequest.DeliveryEmail,
		}
		if _, _, err := db.Applications().Register(ctx, account.Public(), app, now); err != nil {
			t.Fatal(err)
		}
	}
}

// runUntil runs the outbox job of a over and over until ctx ends.
func runUntil(ctx context.Context, t *testing.T, a *App, wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			if _, err := RunOutbox(ctx, a, time.Now); err != nil && ctx.Err() == nil {
				t.Errorf("outbox run: %v", err)
				return
			}
			select {
			case <-ctx.Done():
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
}

// TestOutboxExactlyOnceAcrossServers: three app servers on one database send 20 receipts.
// Server A delivers three, then dies in the middle of the fourth (its SMTP data never
// finished, its context cancelled: it records nothing); B and C, running side by side,
// send the rest — the one A abandoned once its lease runs out. The mail server receives
// every message exactly once.
func TestOutboxExactlyOnceAcrossServers(t *testing.T) {
	const n = 20
	for _, kind := range storetest.Dialects() {
		t.Run(kind, func(t *testing.T) {
			dsn := storetest.DSN(t, kind)
			smtp, good := smtptest.Start(t)
			stalling := smtp.Listen(t, 3)
			a := openServer(t, dsn, stalling)
			seedApplications(t, a.DB, n)
			b := openServer(t, dsn, good)
			c := openServer(t, dsn, good)

			var wgA, wg sync.WaitGroup
			ctxA, killA := context.WithCancel(context.Background())
			defer killA()
			runUntil(ctxA, t, a, &wgA)
			select {
			case <-smtp.Stalled():
			case <-time.After(20 * time.Second):
				t.Fatal("server A never reached its fourth message")
			}
			killA() // killed mid-send
			wgA.Wait()
			if got := len(smtp.Messages()); got != 3 {
				t.Fatalf("server A delivered %d before it died, want 3", got)
			}
			ctx, stop := context.WithCancel(context.Background())
			runUntil(ctx, t, b, &wg)
			runUntil(ctx, t, c, &wg)
			smtp.Wait(t, n, 30*time.Second)
			// Give a duplicate the time to arrive (a lease and more), then stop.
			time.Sleep(3 * time.Second)
			stop()
			wg.Wait()

			got := smtp.Messages()
			if len(got) != n {
				t.Errorf("%d messages delivered, want %d", len(got), n)
			}
			seen := map[string]int{}
			for _, m := range got {
				p, err := m.Parse()
				if err != nil {
					t.Fatal(err)
				}
				seen[p.Header.Get("Message-Id")]++
				if p.Subject != "【清河区卫生健康局】已收到您的政府信息公开申请" {
					t.Errorf("subject %q", p.Subject)
				}
			}
			for id, k := range seen {
				if k != 1 {
					t.Errorf("%s delivered %d times", id, k)
				}
			}
			var sent, attempts int
			if err := b.DB.QueryRow(context.Background(), `SELECT COUNT(*), COALESCE(SUM(attempts), 0) FROM outbox WHERE state = ?`, string(notify.Sent)).Scan(&sent, &attempts); err != nil {
				t.Fatal(err)
			}
			if sent != n || len(seen) != n {
				t.Errorf("%d rows sent, %d distinct messages; want %d", sent, len(seen), n)
			}
			if attempts != n+1 {
				t.Errorf("%d attempts, want %d (one retry of the abandoned message)", attempts, n+1)
			}
		})
	}
}
