package preview

import (
	"errors"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// serve answers one request as coming from the address from.
func serveFrom(s *Server, from, target string) (int, string) {
	r := httptest.NewRequest("GET", target, nil)
	r.RemoteAddr, r.Host = from, "127.0.0.1:8080"
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	b, _ := io.ReadAll(w.Result().Body)
	return w.Code, string(b)
}

const (
	local  = "127.0.0.1:50000"
	remote = "192.168.1.9:50000"
)

// barOf cuts the bar out of a page.
func barOf(t *testing.T, page string) string {
	t.Helper()
	i := strings.Index(page, `<div id="`+BarID+`"`)
	if i < 0 {
		t.Fatalf("no bar in the page:\n%.600s", page)
	}
	j := strings.Index(page[i:], "</div></div>")
	return page[i : i+j]
}

// SPEC §8: every previewed page carries the bar — 「本机预览」, the links to
// the committee page and the getting-started page, and the findings with
// errors first — on this computer; other computers see the counts only.
func TestBar(t *testing.T) {
	s := New(site(t))
	s.ShowReports(t.TempDir())
	s.SetStart(func() []byte {
		return []byte("<html><head><title>开始使用</title></head><body><h1>开始使用 jifen</h1></body></html>")
	})
	at := model.Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 7, Col: 4}
	var fs model.Findings
	fs.Warnf(at.At(2), "一条<警告>")
	fs.Infof(model.Pos{File: "data/2026/登记.xlsx", Sheet: "说明"}, "一条提示")
	s.Published("b1", fs)

	_, page := serveFrom(s, local, "/")
	bar := barOf(t, page)
	for _, want := range []string{"本机预览", `href="/reports/">支委会工作台`, `href="` + StartPath + `">开始使用`,
		"<summary>错误 0 · 警告 1</summary>", "<li>data/2026/登记.xlsx:日常登记!B7: 警告：一条&lt;警告&gt;</li>"} {
		if !strings.Contains(bar, want) {
			t.Errorf("bar of a good build with a warning lacks %q:\n%s", want, bar)
		}
	}
	if strings.Contains(bar, "一条提示") {
		t.Errorf("the bar lists notes (jifen check lists them):\n%s", bar)
	}

	// A failed build: errors first, whatever the order given.
	fs.Errorf(at, "项目编码「B9」不在考核项目表中")
	s.Failed(nil, fs)
	for _, target := range []string{"/", "/2026/", "/missing.html", "/reports/x.html", StartPath} {
		_, page := serveFrom(s, local, target)
		bar := barOf(t, page)
		e := strings.Index(bar, `<li class="jb-e">data/2026/登记.xlsx:日常登记!D7: 错误：项目编码「B9」不在考核项目表中</li>`)
		w := strings.Index(bar, "警告：一条")
		if !strings.Contains(bar, "<summary>错误 1 · 警告 1</summary>") || e < 0 || w < e {
			t.Errorf("GET %s: the bar does not list the error before the warning:\n%s", target, bar)
		}
	}

	// Other computers: no committee page, no getting-started page (it
	// shows this computer's folders), no finding text.
	_, page = serveFrom(s, remote, "/")
	bar = barOf(t, page)
	if !strings.Contains(bar, "本机预览") || !strings.Contains(bar, "错误 1 · 警告 1") {
		t.Errorf("remote bar lacks the label or the counts:\n%s", bar)
	}
	for _, leak := range []string{"/reports/", StartPath, "B9", "一条"} {
		if strings.Contains(bar, leak) {
			t.Errorf("remote bar shows %q:\n%s", leak, bar)
		}
	}

	// An internal failure counts as an error.
	s.Failed(errors.New("名单.xlsx 正被其他程序占用"), nil)
	_, page = serveFrom(s, local, "/")
	if bar := barOf(t, page); !strings.Contains(bar, "错误 1 · 警告 0") || !strings.Contains(bar, `<li class="jb-e">错误：名单.xlsx 正被其他程序占用</li>`) {
		t.Errorf("bar after an internal failure:\n%s", bar)
	}
	s.Published("b2", nil)
	_, page = serveFrom(s, local, "/")
	if bar := barOf(t, page); !strings.Contains(bar, `<span class="jb-findings jb-ok">错误 0 · 警告 0</span>`) {
		t.Errorf("bar of a clean build:\n%s", bar)
	}
}

// The getting-started page answers at StartPath on this computer, with
// the bar, whether or not it is also the home page; elsewhere 404.
func TestStartPage(t *testing.T) {
	s := New(site(t))
	s.Published("b1", nil)
	if code, _ := serveFrom(s, local, StartPath); code != 404 {
		t.Errorf("GET %s without a start page: %d, want 404", StartPath, code)
	}
	s.SetStart(func() []byte { return []byte("<html><head></head><body><h1>开始使用 jifen</h1></body></html>") })
	code, page := serveFrom(s, local, StartPath)
	if code != 200 || !strings.Contains(page, "开始使用 jifen") || !strings.Contains(page, "本机预览") {
		t.Errorf("GET %s: %d\n%.300s", StartPath, code, page)
	}
	if code, page := serveFrom(s, remote, StartPath); code != 404 || strings.Contains(page, "开始使用 jifen") {
		t.Errorf("GET %s from another computer: %d", StartPath, code)
	}
	// The site's home is the site once the home page is gone.
	if _, page := serveFrom(s, local, "/"); !strings.Contains(page, "<header>示例党支部</header>") {
		t.Errorf("GET / is not the site:\n%.300s", page)
	}
}
