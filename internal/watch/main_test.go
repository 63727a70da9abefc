package watch

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/pipeline"
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
func TestSaveToReloadLatency(t *testing.T) {
	t.Parallel()
	const cost = 100 * time.Millisecond
	dir, target, fb := setup(t)
	fb.cost = cost
	srv := preview.New(t.TempDir())
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	h := &harness{t: t, fb: fb, log: &syncBuffer{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Dirs: staticDirs(dir), Build: fb.build, Log: h.log,
			OnBuild: func(r Result) { h.onBuild(r); srv.Publish(r) }})
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
		write(t, tmp, "PK v"+string(rune('0'+i)))
		t0 := time.Now()
		must(t, os.Rename(tmp, target))
		ev := next(t, ch)
		d := time.Since(t0)
		if want := "build " + string(rune('0'+i)); ev != want {
			t.Fatalf("event %q, want %q", ev, want)
		}
		t.Logf("save → reload event: %v (debounce %v + build %v)", d.Round(time.Millisecond), debounce, cost)
		worst = max(worst, d)
		time.Sleep(200 * time.Millisecond)
	}
	if min := debounce + cost; worst < min {
		t.Errorf("latency %v is below debounce + build %v: the debounce is not working", worst, min)
	}
	if worst > debounce+cost+2*time.Second {
		t.Errorf("latency %v", worst)
	}
}

func TestMainMissingData(t *testing.T) {
	err := Main(context.Background(), pipeline.Config{Data: filepath.Join(t.TempDir(), "无此目录")}, "", false, false, io.Discard, io.Discard)
	if err == nil || !strings.HasPrefix(err.Error(), "找不到数据目录 ") {
		t.Errorf("Main = %v", err)
	}
}

// Main wires the real build, the watcher and the server, prints the URL
// and stops when ctx ends.
func TestMainServe(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	must(t, os.MkdirAll(filepath.Join(data, "2026"), 0o755))
	cfg := pipeline.Config{Data: data, Out: filepath.Join(root, "site"), Reports: filepath.Join(root, "reports")}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Main(ctx, cfg, "127.0.0.1:0", true, false, stdout, stderr) }()

	re := regexp.MustCompile(`^预览地址：(http://127\.0\.0\.1:\d+)/（文件保存后页面自动刷新；按 Ctrl\+C 停止）\n`)
	var url string
	waitFor(t, "the URL", func() bool {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			url = m[1]
			return true
		}
		return false
	})
	ch := events(t, url)
	// Whatever the real build makes of an empty year, the browser hears of it.
	waitFor(t, "a build line", func() bool { return strings.Count(stdout.String(), "\n") >= 2 })
	if ev := next(t, ch); !strings.HasPrefix(ev, "build ") {
		t.Errorf("first event %q", ev)
	}
	resp, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(string(b), preview.EventsPath) {
		t.Errorf("GET /: %d %v %.200s", resp.StatusCode, resp.Header, b)
	}

	// A file dropped in is rebuilt (a .csv: its finding is immediate,
	// whereas a broken .xlsx would be retried for 3 s).
	lines := strings.Count(stdout.String(), "\n")
	write(t, filepath.Join(data, "2026", "名单.csv"), "姓名,编号\n")
	waitFor(t, "a rebuild", func() bool { return strings.Count(stdout.String(), "\n") > lines })

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Main: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Main did not stop")
	}
	if stderr.String() != "" {
		t.Errorf("stderr: %s", stderr.String())
	}
}
