package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

const waitLimit = 10 * time.Second

func site(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":           "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>首页</title></head><body><header>示例党支部</header></body></html>",
		"2026/index.html":      "<!DOCTYPE html>\n<HTML><HEAD lang=\"zh\">\n<title>2026</title></HEAD><body></body></HTML>",
		"2026/q1/notice.pdf":   "%PDF-1.4 fake",
		"style.css":            "body{color:#000}",
		"nohead.html":          "<p>片段</p>",
		"empty/readme.md":      "no index here",
		"header-only.html":     "<header>标题</header>",
		"2026/members/D001/x":  "x",
		"2026/members/D001/.x": "x",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A secret next to the site, the target of escape attempts.
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.txt"), []byte("机密"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// rawGet sends a request line exactly as written: http.Client would clean
// the path before sending it.
func rawGet(t *testing.T, addr, method, target string) (int, http.Header, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", method, target, addr)
	resp, err := http.ReadResponse(bufio.NewReader(c), &http.Request{Method: method})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestFiles(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close) // after the streams close: Close waits for them
	addr := strings.TrimPrefix(ts.URL, "http://")
	// What the server adds to every page: the script and the bar's style
	// after <head>, the bar after <body> (TestBar checks what it says).
	script := reloadScript("b1") + barStyle
	req := httptest.NewRequest("GET", "/", nil)
	req.RemoteAddr = "127.0.0.1:1234"
	bar := s.bar(req)

	for _, tc := range []struct {
		method, target string
		status         int
		ctype          string
		body           string // exact, or a prefix ending in "…"
	}{
		{"GET", "/", 200, "text/html; charset=utf-8",
			"<!doctype html><html lang=\"zh-CN\"><head>" + script + "<meta charset=\"utf-8\"><title>首页</title></head><body>" + bar + "<header>示例党支部</header></body></html>"},
		{"GET", "/index.html", 200, "text/html; charset=utf-8",
			"<!doctype html><html lang=\"zh-CN\"><head>" + script + "<meta charset=\"utf-8\">…"},
		{"GET", "/2026/", 200, "text/html; charset=utf-8",
			"<!DOCTYPE html>\n<HTML><HEAD lang=\"zh\">" + script + "\n<title>2026</title></HEAD><body>" + bar + "</body></HTML>"},
		{"GET", "/nohead.html", 200, "text/html; charset=utf-8", script + bar + "<p>片段</p>"},
		{"GET", "/header-only.html", 200, "text/html; charset=utf-8", script + bar + "<header>标题</header>"},
		{"GET", "/style.css", 200, "text/css; charset=utf-8", "body{color:#000}"},
		{"GET", "/2026/q1/notice.pdf", 200, "application/pdf", "%PDF-1.4 fake"},
		{"HEAD", "/", 200, "text/html; charset=utf-8", ""},
		{"GET", "/2026", 301, "", "…"},
		{"GET", "/empty/", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/missing.html", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/../secret.txt", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/%2e%2e/secret.txt", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/2026/%2E%2E/%2e%2e/secret.txt", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/..%2fsecret.txt", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/..%5csecret.txt", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/./index.html", 404, "text/html; charset=utf-8", "…"},
		{"GET", "/__jifen/other", 404, "text/html; charset=utf-8", "…"},
		{"POST", "/", 405, "text/plain; charset=utf-8", "只允许 GET 和 HEAD 请求\n"},
		{"PUT", "/index.html", 405, "text/plain; charset=utf-8", "只允许 GET 和 HEAD 请求\n"},
		{"DELETE", "/index.html", 405, "text/plain; charset=utf-8", "只允许 GET 和 HEAD 请求\n"},
		{"POST", EventsPath, 405, "text/plain; charset=utf-8", "只允许 GET 和 HEAD 请求\n"},
	} {
		status, h, body := rawGet(t, addr, tc.method, tc.target)
		if status != tc.status {
			t.Errorf("%s %s: status %d, want %d", tc.method, tc.target, status, tc.status)
		}
		if tc.ctype != "" && h.Get("Content-Type") != tc.ctype {
			t.Errorf("%s %s: Content-Type %q, want %q", tc.method, tc.target, h.Get("Content-Type"), tc.ctype)
		}
		if h.Get("Cache-Control") != "no-store" {
			t.Errorf("%s %s: Cache-Control %q, want no-store", tc.method, tc.target, h.Get("Cache-Control"))
		}
		if want, ok := strings.CutSuffix(tc.body, "…"); ok {
			if !strings.HasPrefix(body, want) {
				t.Errorf("%s %s: body %q, want prefix %q", tc.method, tc.target, body, want)
			}
		} else if body != tc.body {
			t.Errorf("%s %s: body\n%q\nwant\n%q", tc.method, tc.target, body, tc.body)
		}
		if strings.Contains(body, "机密") {
			t.Errorf("%s %s: leaked the file outside the site", tc.method, tc.target)
		}
		if status == 405 && h.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q", tc.method, tc.target, h.Get("Allow"))
		}
		if status == 404 && tc.method == "GET" && !strings.Contains(body, "/__jifen/events") {
			t.Errorf("%s %s: 404 page lacks the reload script", tc.method, tc.target)
		}
	}
	// The files on disk stay clean.
	b, err := os.ReadFile(filepath.Join(s.dir, "index.html"))
	if err != nil || strings.Contains(string(b), "script") {
		t.Errorf("index.html on disk: %q, %v", b, err)
	}
}

// A symlink out of the site folder is refused.
func TestSymlinkEscape(t *testing.T) {
	dir := site(t)
	if err := os.Symlink(filepath.Join(filepath.Dir(dir), "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Skip("no symlinks:", err)
	}
	ts := httptest.NewServer(New(dir).Handler())
	t.Cleanup(ts.Close) // after the streams close: Close waits for them
	status, _, body := rawGet(t, strings.TrimPrefix(ts.URL, "http://"), "GET", "/link.txt")
	if status != 404 || strings.Contains(body, "机密") {
		t.Errorf("GET /link.txt: %d %q", status, body)
	}
}

func TestHeadEnd(t *testing.T) {
	for _, tc := range []struct {
		page string
		want int
	}{
		{"<head>", 6},
		{"<html><head><title>", 12},
		{"<HEAD>", 6},
		{"<head\nlang=zh>x", 14},
		{"<header>x</header><head>", 24},
		{"<headless>", 0},
		{"<head", 0},
		{"", 0},
		{"<p>无</p>", 0},
	} {
		if got := headEnd([]byte(tc.page)); got != tc.want {
			t.Errorf("headEnd(%q) = %d, want %d", tc.page, got, tc.want)
		}
	}
}

func TestAddr(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", "127.0.0.1:8080"},
		{"9000", "127.0.0.1:9000"},
		{":9000", "127.0.0.1:9000"},
		{"127.0.0.1:8080", "127.0.0.1:8080"},
		{"0.0.0.0:8080", "0.0.0.0:8080"},
		{"[::1]:8080", "[::1]:8080"},
		{"preview.local:80", "preview.local:80"},
	} {
		if got := Addr(tc.in); got != tc.want {
			t.Errorf("Addr(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// sseClient reads events from a stream.
type sseClient struct {
	t      *testing.T
	resp   *http.Response
	events chan sseEvent
}

type sseEvent struct{ name, data string }

func connect(t *testing.T, url string) *sseClient {
	t.Helper()
	resp, err := http.Get(url + EventsPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/event-stream; charset=utf-8" ||
		resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("events: %d %v", resp.StatusCode, resp.Header)
	}
	c := &sseClient{t: t, resp: resp, events: make(chan sseEvent, 100)}
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					c.events <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, ": ping"):
				c.events <- sseEvent{name: "ping"}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "data:":
				ev.data = ""
			}
		}
	}()
	return c
}

// next returns the next event other than a ping.
func (c *sseClient) next() sseEvent {
	c.t.Helper()
	timeout := time.After(waitLimit)
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				c.t.Fatal("stream closed")
			}
			if ev.name != "ping" {
				return ev
			}
		case <-timeout:
			c.t.Fatal("no event")
		}
	}
}

func TestEvents(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close) // after the streams close: Close waits for them
	c := connect(t, ts.URL)
	if ev := c.next(); ev != (sseEvent{"build", "b1"}) {
		t.Fatalf("first event %+v, want build b1", ev)
	}

	s.Published("b2", nil)
	if ev := c.next(); ev != (sseEvent{"build", "b2"}) {
		t.Fatalf("event %+v, want build b2", ev)
	}

	// A failed build: the site stays at b2, the findings come escaped.
	var rep struct{ Findings model.Findings }
	rep.Findings.Errorf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 7, Col: 4}, "分值「<b>十</b>」不是数字 & 无法计分")
	rep.Findings.Warnf(model.Pos{File: "data/2026/登记.xlsx"}, "只是警告")
	s.Failed(nil, rep.Findings)
	if ev := c.next(); ev != (sseEvent{"build", "b2"}) {
		t.Fatalf("event %+v, want build b2 (site unchanged)", ev)
	}
	want := `{"build":"b2","title":"数据有误，显示的是上一次成功生成的页面","lines":["data/2026/登记.xlsx:日常登记!D7: 错误：分值「\u003cb\u003e十\u003c/b\u003e」不是数字 \u0026 无法计分","data/2026/登记.xlsx: 警告：只是警告"],"errors":1,"warnings":1}`
	if ev := c.next(); ev.name != "failed" || ev.data != want {
		t.Fatalf("event %+v, want failed\n%s", ev, want)
	}
	// Pages served meanwhile are the last good ones, with b2 baked in.
	resp, err := http.Get(ts.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `var id="b2"`) {
		t.Errorf("page after failed build lacks build b2: %.300s", b)
	}

	// A client that connects now sees the failure at once.
	c2 := connect(t, ts.URL)
	if ev := c2.next(); ev != (sseEvent{"build", "b2"}) {
		t.Fatalf("late client: %+v", ev)
	}
	if ev := c2.next(); ev.name != "failed" || ev.data != want {
		t.Fatalf("late client: %+v", ev)
	}

	// An internal error shows as an overlay too.
	s.Failed(errors.New("名单.xlsx 正被其他程序占用：请在 Excel 中关闭该文件后再保存"), nil)
	c.next()
	wantBusy := `{"build":"b2","title":"数据有误，显示的是上一次成功生成的页面","lines":["错误：名单.xlsx 正被其他程序占用：请在 Excel 中关闭该文件后再保存"],"errors":1,"warnings":0}`
	if ev := c.next(); ev.name != "failed" || ev.data != wantBusy {
		t.Fatalf("event %+v, want failed\n%s", ev, wantBusy)
	}

	// The next good build clears it: a new ID (tabs reload), no failure.
	s.Published("b3", nil)
	if ev := c.next(); ev != (sseEvent{"build", "b3"}) {
		t.Fatalf("event %+v, want build b3", ev)
	}
	c3 := connect(t, ts.URL)
	if ev := c3.next(); ev != (sseEvent{"build", "b3"}) {
		t.Fatalf("new client: %+v", ev)
	}
	s.Published("b4", nil)
	if ev := c3.next(); ev != (sseEvent{"build", "b4"}) {
		t.Fatalf("new client after a good build: %+v, want no failure", ev)
	}
}

func TestOverlayCapped(t *testing.T) {
	s := New(t.TempDir())
	var rep struct{ Findings model.Findings }
	for i := range model.MaxShown + 5 {
		rep.Findings.Errorf(model.Pos{File: "a.xlsx", Sheet: "日常登记", Row: i + 2}, "错%d", i)
	}
	s.Failed(nil, rep.Findings)
	_, failed := s.state(true)
	want := fmt.Sprintf(`"a.xlsx:日常登记!A%d: 错误：错%d","%s"],"errors":%d,"warnings":0}`, model.MaxShown+1, model.MaxShown-1, model.MoreLine(5), model.MaxShown+5)
	if !strings.HasSuffix(string(failed), want) {
		t.Errorf("overlay ends %q", failed[len(failed)-60:])
	}
}

// Browsers on other computers learn only how many errors there are: the
// messages quote workbooks (proposed grades, unpublished deductions).
func TestOverlayDetailsStayLocal(t *testing.T) {
	s := New(t.TempDir())
	var rep struct{ Findings model.Findings }
	rep.Findings.Errorf(model.Pos{File: "a.xlsx", Sheet: "等次确定", Row: 2, Col: 3}, "确定等次「优秀」与建议等次「合格」不同，须填写理由")
	rep.Findings.Errorf(model.Pos{File: "a.xlsx", Sheet: "违规扣分", Row: 3}, "姓名「张三」与编号「D001」不符")
	s.Failed(nil, rep.Findings)
	for _, tt := range []struct {
		remote string
		local  bool
	}{{"127.0.0.1:5000", true}, {"[::1]:5000", true}, {"192.0.2.7:5000", false}, {"bogus", false}} {
		r := httptest.NewRequest("GET", EventsPath, nil)
		r.RemoteAddr = tt.remote
		if got := fromLoopback(r); got != tt.local {
			t.Errorf("fromLoopback(%s) = %v, want %v", tt.remote, got, tt.local)
		}
		msg := s.message(fromLoopback(r))
		hasDetail := strings.Contains(msg, "建议等次") || strings.Contains(msg, "张三") || strings.Contains(msg, "a.xlsx")
		if hasDetail != tt.local {
			t.Errorf("from %s the overlay shows details = %v: %s", tt.remote, hasDetail, msg)
		}
		if !tt.local && !strings.Contains(msg, "数据有 2 处错误") {
			t.Errorf("remote overlay lacks the count: %s", msg)
		}
	}
}

// The stream outlives the server's WriteTimeout, and pings keep flowing.
func TestEventsSurviveWriteTimeout(t *testing.T) {
	s := New(site(t))
	s.ping = 200 * time.Millisecond
	s.Published("b0", nil)
	ts := httptest.NewUnstartedServer(s.Handler())
	ts.Config.WriteTimeout = time.Second
	ts.Start()
	t.Cleanup(ts.Close) // after the streams close: Close waits for them
	c := connect(t, ts.URL)
	c.next()

	start := time.Now()
	pings := 0
	for i := 1; time.Since(start) < 3500*time.Millisecond; i++ {
		time.Sleep(250 * time.Millisecond)
		id := fmt.Sprint("b", i)
		s.Published(id, nil)
		for {
			ev := <-c.events
			if ev.name == "" {
				t.Fatalf("stream closed after %v", time.Since(start))
			}
			if ev.name == "ping" {
				pings++
				continue
			}
			if ev != (sseEvent{"build", id}) {
				t.Fatalf("event %+v, want build %s", ev, id)
			}
			break
		}
	}
	if pings < 5 {
		t.Errorf("%d pings in 3.5 s, want about 17", pings)
	}
}

// Serve stops on ctx even with a stream open.
func TestServeStops(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(site(t))
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Serve(ctx, ln, s.Handler()) }()
	c := connect(t, "http://"+ln.Addr().String())
	c.next()
	start := time.Now()
	cancel()
	select {
	case err := <-errc:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(waitLimit):
		t.Fatal("Serve did not stop")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("shutdown took %v", d)
	}
	if _, ok := <-c.events; ok {
		// drain: the stream must end
		for range c.events {
		}
	}
}

func newServer(t *testing.T, s *Server) *httptest.Server {
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close) // after the streams close: Close waits for them
	return ts
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// SetHome answers for the home page while it returns a page (with the
// live reload), and hands the home page back to the site when it
// returns nil; other pages are the site's all along.
func TestSetHome(t *testing.T) {
	srv := New(site(t))
	var home atomic.Pointer[[]byte]
	page := []byte("<!doctype html><html><head><title>开始使用</title></head><body>开始</body></html>")
	home.Store(&page)
	srv.SetHome(func() []byte {
		if p := home.Load(); p != nil {
			return *p
		}
		return nil
	})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	body := func(path string) string {
		resp, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	for _, p := range []string{"/", "/index.html"} {
		if b := body(p); !strings.Contains(b, "开始使用") || !strings.Contains(b, EventsPath) {
			t.Errorf("GET %s with a home page: %.200s", p, b)
		}
	}
	if b := body("/2026/"); !strings.Contains(b, "<title>2026</title>") {
		t.Errorf("GET /2026/: %.200s", b)
	}
	home.Store(nil)
	if b := body("/"); !strings.Contains(b, "示例党支部") || strings.Contains(b, "开始使用") {
		t.Errorf("GET / after the home page ended: %.200s", b)
	}
}
