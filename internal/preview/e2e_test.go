package preview

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/jifen-dev/jifen/internal/browsertest"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
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
		"数据有误，显示的是上一次成功生成的页面\ndata/2026/登记.xlsx:日常登记!D7: 错误：分值「<b>十</b>」不是数字")
	// The bar says it too, without a reload.
	waitJS("the bar after the failed build", `document.querySelector("#`+BarID+` .jb-findings summary").textContent`, "错误 1 · 警告 0")
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

// The bar on the real site, in a real browser, on a phone and a desktop:
// at the very top, never wider than the screen, its findings opened by a
// click with the error first; the site's own pages stay within the
// viewport with it.
func TestBrowserBar(t *testing.T) {
	root := t.TempDir()
	cfg := pipeline.Config{Data: filepath.Join("..", "..", "data"), Out: filepath.Join(root, "site"), Reports: filepath.Join(root, "reports"),
		AsOf: model.NewDate(2026, 11, 24), Drafts: true}
	rep, err := pipeline.Build(context.Background(), cfg)
	if err != nil || rep.Failed() {
		t.Fatalf("demo build: %v %v", err, rep.Findings)
	}
	s := New(cfg.Out)
	s.ShowReports(cfg.Reports)
	s.SetStart(func() []byte {
		return []byte(`<!doctype html><html><head><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{margin:0}</style></head><body><h1>开始使用</h1></body></html>`)
	})
	var fs model.Findings
	fs.Warnf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "奖励申报", Row: 9, Col: 1}, "奖励申报尚未审定（党小组意见：待审，支部审定：待审），审定通过前不计分")
	fs.Errorf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 17, Col: 4}, "项目编码「B9」不在考核项目表中")
	s.Published("b1", nil)
	s.Failed(nil, fs)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)

	actx, cancel := browsertest.Allocator(t)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, progress := browsertest.Watchdog(t, ctx, browsertest.Stall)
	shots := os.Getenv("JIFEN_SHOTS")
	for _, width := range []int64{390, 1280} {
		var opts []chromedp.EmulateViewportOption
		if width < 600 {
			opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900, opts...)); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"/", "/2026/q1/", "/2026/rules/", "/reports/2026/", StartPath} {
			if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+page)); err != nil {
				t.Fatal(err)
			}
			got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int64](`(function(){
				var b = document.getElementById("`+BarID+`"), r = b.getBoundingClientRect();
				return [Math.round(r.top), Math.round(r.right), document.documentElement.scrollWidth, window.innerWidth];
			})()`))
			if err != nil {
				t.Fatalf("%s at %d px: %v", page, width, err)
			}
			// innerWidth grows with a page wider than a phone: compare with
			// the width set too.
			if got[0] != 0 || got[1] > got[3] || got[2] > got[3] || got[3] > width {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.prototype.filter.call(document.querySelectorAll("body *"), function(e){ return e.getBoundingClientRect().right > window.innerWidth + 1; }).slice(0, 8).map(function(e){ return e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right); })`))
				t.Errorf("%s at %d px: bar top %d, right %d; page %d px wide in a %d px viewport; wide: %v", page, width, got[0], got[1], got[2], got[3], wide)
			}
			progress()
		}
		// Open the findings: the error comes first. The failure the
		// stream pushes after the page loaded (it redraws the bar) leaves
		// them open.
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/2026/q1/")); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the overlay", func() bool {
			v, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.getElementById("jifen-overlay")`))
			return v
		})
		items, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function(){
			document.querySelector("#`+BarID+` summary").click();
			return Array.prototype.map.call(document.querySelectorAll("#`+BarID+` li"), function(li){ return li.offsetParent ? li.innerText : "(hidden)"; });
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || !strings.Contains(items[0], "错误：项目编码「B9」") || !strings.Contains(items[1], "警告：奖励申报尚未审定") {
			t.Errorf("at %d px the opened findings are %q, want the error, then the warning", width, items)
		}
		// A rebuild that fails again redraws the findings.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#`+BarID+` details").dataset.mark = "drawn"`)); err != nil {
			t.Fatal(err)
		}
		s.Failed(nil, fs)
		waitFor(t, "the bar redrawn", func() bool {
			v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#`+BarID+` details").dataset.mark || "new"`))
			return v == "new"
		})
		if open, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#`+BarID+` details").open`)); !open {
			t.Errorf("at %d px the next failed build closed the findings the user opened", width)
		}
		if shots != "" {
			img, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("preview-bar-%d.png", width)), img, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		progress()
	}
}
