package watch

// The watcher and the preview server together, as `jifen serve` wires them.

import (
	"bufio"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/preview"
)

// events reads "name data" lines from a preview event stream.
func events(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + preview.EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	ch := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			l := sc.Text()
			if v, ok := strings.CutPrefix(l, "event: "); ok {
				name = v
			}
			if v, ok := strings.CutPrefix(l, "data: "); ok {
				ch <- name + " " + v
			}
		}
		close(ch)
	}()
	return ch
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(waitLimit):
		t.Fatal("no event")
	}
	return ""
}

// The figure the issue asks for: from the rename that ends a LibreOffice
// save to the build event reaching a browser, with a build of known cost.
// A rename delivers a whole workbook, so the build starts at once: with a
// Debounce of a minute, an event that waited for it would never come
// within waitLimit. The latencies are logged, not asserted: a busy
// machine makes them longer without anything being wrong.
func TestSaveToReloadLatency(t *testing.T) {
	t.Parallel()
	const cost = 100 * time.Millisecond
	const slow = never
	dir, target, fb := setup(t)
	fb.cost = cost
	srv := preview.New(t.TempDir())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	h := &harness{t: t, fb: fb, log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Dirs: staticDirs(dir), Build: fb.build, Log: h.log, Debounce: slow,
			OnBuild: func(r Result) { h.onBuild(r); srv.Published(r.Report.BuildID, r.Report.Findings) }})
	}()
	t.Cleanup(func() { cancel(); <-done })
	h.waitResults(1)
	ch := events(t, ts.URL)
	if ev := next(t, ch); ev != "build 1" {
		t.Fatalf("first event %q", ev)
	}

	var worst time.Duration
	for i := 2; i <= 4; i++ {
		tmp := filepath.Join(dir, "lu1.tmp")
		must(t, os.WriteFile(tmp, zipBytes(t, "v"+string(rune('0'+i))), 0o644))
		t0 := time.Now()
		must(t, os.Rename(tmp, target))
		ev := next(t, ch)
		d := time.Since(t0)
		if want := "build " + string(rune('0'+i)); ev != want {
			t.Fatalf("event %q, want %q", ev, want)
		}
		t.Logf("save → reload event: %v (build %v)", d.Round(time.Millisecond), cost)
		worst = max(worst, d)
	}
	t.Logf("worst save → reload event: %v", worst.Round(time.Millisecond))
}
