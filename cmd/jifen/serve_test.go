package main

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
	"github.com/jifen-dev/jifen/internal/watch"
)

// serve wires the real build, the watcher and the server: it prints the
// URL, tells open tabs of every build, and stops when ctx ends.
func TestServeWiring(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	if err := os.MkdirAll(filepath.Join(data, "2026"), 0o755); err != nil {
		t.Fatal(err)
	}
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--data", data, "--out", filepath.Join(root, "site"),
			"--reports", filepath.Join(root, "reports"), "--addr", "127.0.0.1:0"}, stdout, stderr)
	}()

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
	// whereas a broken .xlsx would be retried for 3 s), and the failure
	// reaches the tab with the line the terminal prints.
	if err := os.WriteFile(filepath.Join(data, "2026", "名单.csv"), []byte("姓名,编号\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for ev := next(t, ch); !strings.HasPrefix(ev, "failed ") || !strings.Contains(ev, "名单.csv: 错误：这是 CSV 文本文件"); {
		ev = next(t, ch)
	}
	waitFor(t, "the failure in the log", func() bool { return strings.Contains(stdout.String(), "名单.csv: 错误：这是 CSV 文本文件") })

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve = %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if stderr.String() != "" {
		t.Errorf("stderr: %s", stderr.String())
	}
}

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
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
	return ""
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A taken port is said in Chinese with what to do, not as Go's
// 「bind: address already in use」.
func TestServePortTaken(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	err = serve(context.Background(), watch.Options{}, pipeline.Config{Out: t.TempDir()}, ln.Addr().String(), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "已被其他程序占用") || !strings.Contains(err.Error(), "--addr") {
		t.Errorf("serve on a taken port: %v", err)
	}
}
