package web

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// newBrowser starts headless Chromium (Debian's package) for a journey test. It skips when
// no Chromium is installed, except in CI, where a missing browser fails the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("GONGKAI_TEST_CHROMIUM")
	if path == "" {
		path, _ = exec.LookPath("chromium")
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium not installed (CI must install Debian's chromium package)")
		}
		t.Skip("chromium not installed")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

func TestBrowserSignInJourney(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		heading, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
		if err != nil || heading != "政府信息公开" {
			t.Fatalf("portal heading %q: %v", heading, err)
		}
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`a[href="/console/login"]`)),
			chromedp.WaitVisible(chromedp.ID("username")),
			chromedp.SendKeys(chromedp.ID("username"), "wj.jingban"),
			chromedp.SendKeys(chromedp.ID("password"), "gongkai-demo"),
			chromedp.Submit(chromedp.ID("password")),
			chromedp.WaitVisible(chromedp.CSS(".who")),
		)
		if err != nil {
			t.Fatal(err)
		}
		console, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("main")))
		if err != nil || !strings.Contains(console, "清河区卫生健康局") {
			t.Errorf("console after sign-in: %q %v", console, err)
		}
	})
}

func TestBrowserPhoneLayout(t *testing.T) {
	eachEnv(t, func(t *testing.T, e *testEnv) {
		ctx := newBrowser(t)
		err := chromedp.Do(ctx,
			chromedp.EmulateViewport(375, 740),
			chromedp.Navigate(e.ts.URL+"/"),
			chromedp.WaitVisible(chromedp.CSS("h1")),
		)
		if err != nil {
			t.Fatal(err)
		}
		overflow, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
		if err != nil {
			t.Fatal(err)
		}
		if overflow {
			t.Error("portal home scrolls sideways on a 375px phone screen")
		}
	})
}
