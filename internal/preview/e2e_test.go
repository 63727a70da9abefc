package preview

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jifen-dev/jifen/internal/browsertest"
	"github.com/jifen-dev/jifen/internal/model"
)

// In a real browser: a failed build shows the overlay with the findings as
// text (markup in a cell stays text), and the next good build reloads the
// tab, which clears it.
func TestBrowserOverlay(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	ts := newServer(t, s)

	actx, cancel := browsertest.Allocator(t)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// A bound on a hung browser: the waits below are bounded themselves.
	ctx, _ = browsertest.Watchdog(t, ctx, browsertest.Stall)

	eval := func(expr string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](expr))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// waitJS polls expr until it gives want. The page may reload while it
	// waits — that is what some waits are for — and an evaluation caught by
	// the navigation fails ("Inspected target navigated or closed", or the
	// context it ran in is gone): that is a "not yet", reported only if the
	// wait runs out.
	waitJS := func(what, expr, want string) {
		t.Helper()
		deadline := time.Now().Add(waitLimit)
		var (
			got string
			err error
		)
		for time.Now().Before(deadline) {
			if got, err = chromedp.Run(ctx, chromedp.Evaluate[string](expr)); err == nil && got == want {
				return
			}
			if ctx.Err() != nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: %s = %q (last error: %v), want %q", what, expr, got, err, want)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/")); err != nil {
		t.Fatal(err)
	}
	// Mark this page load: a reload loses the mark.
	eval(`window.jifenMark = "loaded"; document.title`)
	// The stream is open once the server counts a subscriber.
	waitFor(t, "the tab's event stream", func() bool { return s.subscribers() == 1 })

	var rep struct{ Findings model.Findings }
	rep.Findings.Errorf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 7, Col: 4}, "分值「<b>十</b>」不是数字")
	s.Failed(nil, rep.Findings)
	overlay := `(function(){var o=document.getElementById("jifen-overlay");return o?o.innerText:""})()`
	waitJS("overlay after the failed build", overlay,
		"数据有误，显示的是上一次成功生成的页面\ndata/2026/登记.xlsx:日常登记!D7: 分值「<b>十</b>」不是数字")
	if dir := os.Getenv("JIFEN_SHOTS"); dir != "" { // for a person to look at
		img, err := chromedp.Run(ctx, chromedp.FullScreenshot(85))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "preview-overlay.jpg"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got := eval(`String(document.querySelectorAll("#jifen-overlay b").length) + window.jifenMark`); got != "0loaded" {
		t.Errorf("after the failed build: %q, want no markup and no reload", got)
	}

	s.Published("b2", nil)
	waitJS("reload after the good build", `String(window.jifenMark) + "|" + `+overlay, "undefined|")
	waitFor(t, "the reloaded tab's event stream", func() bool { return s.subscribers() == 1 })

	// A good build the page already shows changes nothing.
	eval(`window.jifenMark = "again"; ""`)
	s.Published("b2", nil)
	time.Sleep(500 * time.Millisecond)
	if got := eval(`String(window.jifenMark)`); got != "again" {
		t.Errorf("same build reloaded the page: %q", got)
	}
}
