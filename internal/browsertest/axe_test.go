package browsertest

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestAxe runs axe-core over every page of built trees and fails on any
// violation. .ci/run installs axe-core from npm, builds the demo and sets
// JIFEN_AXE (axe.min.js) and JIFEN_AXE_DIRS (the trees, separated by the
// OS path-list separator); without them the test is skipped.
//
// Every page is checked at 390 px, where tables scroll sideways (axe's
// scrollable-region-focusable) and cards replace tables; the committee pages
// and every public page but the members' are checked at 1280 px as well.
func TestAxe(t *testing.T) {
	axe, dirs := os.Getenv("JIFEN_AXE"), os.Getenv("JIFEN_AXE_DIRS")
	if axe == "" || dirs == "" {
		t.Skip("set JIFEN_AXE and JIFEN_AXE_DIRS (.ci/run does)")
	}
	src, err := os.ReadFile(axe)
	if err != nil {
		t.Fatal(err)
	}
	type check struct {
		page  string
		width int64
	}
	var checks []check
	for _, dir := range filepath.SplitList(dirs) {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			checks = append(checks, check{p, 390})
			if !strings.Contains(filepath.ToSlash(p), "/members/") {
				checks = append(checks, check{p, 1280})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(checks) == 0 {
		t.Fatalf("no pages under %s", dirs)
	}
	actx, cancel := Allocator(t)
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// A bound on a hung browser, not a speed check: each page may take up
	// to Stall.
	bctx, progress := Watchdog(t, bctx, Stall)
	if err := chromedp.Do(bctx); err != nil { // start the browser
		t.Fatal(err)
	}
	progress()
	start := time.Now()
	// Two tabs take turns with the pages: axe spends its time in the page.
	const tabs = 2
	var mu sync.Mutex
	var failures []string
	var wg sync.WaitGroup
	for tab := range tabs {
		wg.Go(func() {
			ctx, cancel := chromedp.NewContext(bctx)
			defer cancel()
			fail := func(format string, args ...any) {
				mu.Lock()
				failures = append(failures, fmt.Sprintf(format, args...))
				mu.Unlock()
			}
			if err := InjectAxe(ctx, string(src)); err != nil {
				fail("inject axe: %v", err)
				return
			}
			width := int64(0)
			for i := tab; i < len(checks); i += tabs {
				c := checks[i]
				if c.width != width {
					width = c.width
					var opts []chromedp.EmulateViewportOption
					if width < 600 {
						opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateScale(2))
					}
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900, opts...)); err != nil {
						fail("viewport: %v", err)
						return
					}
				}
				abs, _ := filepath.Abs(c.page)
				if err := chromedp.Do(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String())); err != nil {
					fail("open %s: %v", c.page, err)
					return
				}
				vs, err := Axe(ctx)
				if err != nil {
					fail("%s at %d px: %v", c.page, c.width, err)
					return
				}
				for _, v := range vs {
					fail("%s at %d px: %s", c.page, c.width, v)
				}
				progress()
			}
		})
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("axe: %d checks of %s in %v", len(checks), dirs, time.Since(start).Round(time.Second))
}
