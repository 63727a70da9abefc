// Package browsertest starts headless Chromium for the end-to-end tests of
// the site and the preview server; only tests import it.
//
// Under JIFEN_E2E=1 (set by .ci/run) a missing browser fails the test;
// otherwise browser tests are skipped.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Allocator finds Chromium and returns an allocator context for it, with a
// fresh profile and the background networking off: this machine's network
// refuses Chromium's own connections, and screenshots must not depend on it.
func Allocator(t testing.TB) (context.Context, context.CancelFunc) {
	t.Helper()
	if os.Getenv("JIFEN_E2E") != "1" {
		t.Skip("set JIFEN_E2E=1 to run the browser test")
	}
	exe := ""
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		t.Fatal("JIFEN_E2E=1 but no Chromium found (apt-get install -y chromium)")
	}
	return chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()))
}

// InjectAxe makes every page opened afterwards in ctx load axe-core first
// (axeSource is axe.min.js from npm axe-core; the site itself never
// carries it), then Axe runs it.
func InjectAxe(ctx context.Context, axeSource string) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: axeSource})
		return err
	}))
}

// Axe runs axe-core on the page loaded in ctx and returns its violations,
// one line each: the rule, its impact, what it asks and the first elements
// that break it.
func Axe(ctx context.Context) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ['violations']}).then(function(r) {
		return r.violations.map(function(v) {
			return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(function(n) { return n.target.join(' '); }).join('; ');
		});
	})`, chromedp.EvalAwaitPromise))
}

// Stall is how long a browser test's step may go without progress before
// Watchdog takes the browser for hung: far more than any step takes on a
// busy machine (a page and its checks take seconds at a load average of 30).
const Stall = 2 * time.Minute

// Watchdog bounds a hung browser without timing the test: the context it
// returns is cancelled once stall passes without a call to progress, and
// the test then fails saying so. A loaded machine makes a test take longer,
// never fail, where one deadline over the whole test would grow with the
// number of pages and the machine's load. progress may be called from any
// goroutine.
func Watchdog(t testing.TB, ctx context.Context, stall time.Duration) (_ context.Context, progress func()) {
	t.Helper()
	ctx, cancel := context.WithCancelCause(ctx)
	var (
		mu    sync.Mutex
		since = time.Now()
	)
	hung := fmt.Errorf("no progress for %v: the browser is hung", stall)
	timer := time.AfterFunc(stall, func() { cancel(hung) })
	t.Cleanup(func() {
		timer.Stop()
		if context.Cause(ctx) == hung {
			mu.Lock()
			t.Errorf("%v (last progress %s ago)", hung, time.Since(since).Round(time.Second))
			mu.Unlock()
		}
		cancel(nil)
	})
	return ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		since = time.Now()
		timer.Reset(stall)
	}
}
