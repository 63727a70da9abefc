package preview

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// committeePage is a committee page as render writes it, with a slot for
// 「记录张贴」 of the first quarter.
const committeePage = `<!DOCTYPE html><html><head><title>工作台</title></head><body><table><tr><td>` +
	`张贴后在命令行运行 <code>jifen post 2026Q1 --date 张贴日期</code> 记录` +
	`<span data-jifen-post="2026Q1" data-from="2026-04-01" data-to="2026-04-12"></span></td></tr></table></body></html>`

// posts records the calls of a fake Poster.
type posts struct {
	mu    sync.Mutex
	calls []string
	ok    bool
}

func (p *posts) post(_ context.Context, period string, date time.Time) (PostResult, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = append(p.calls, period+" "+date.Format(time.DateOnly))
	if !p.ok {
		return PostResult{Title: "未记录张贴：登记簿有 1 个错误", Lines: []string{"data/2026/登记.xlsx:日常登记!B3: 编号「D9」不在党员名册中"}}, nil
	}
	return PostResult{OK: true, Title: "已记录张贴：2026年第一季度公示", Lines: []string{"已写入 data/2026/公示存档/2026-Q1-公示-20260403.pdf"}}, nil
}

func (p *posts) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.calls)
}

// postServer serves a committee tree holding committeePage with a fake
// Poster, and returns it with the page's form token as served.
func postServer(t *testing.T) (*Server, *posts) {
	t.Helper()
	reports := t.TempDir()
	p := filepath.Join(reports, "2026", "index.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(committeePage), 0o644); err != nil {
		t.Fatal(err)
	}
	s := New(site(t))
	s.ShowReports(reports)
	ps := &posts{ok: true}
	s.SetPoster(ps.post)
	s.posting.now = func() time.Time { return time.Date(2026, 4, 10, 9, 0, 0, 0, time.Local) }
	return s, ps
}

func serveReq(s *Server, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

// form is a 「记录张贴」 request as the browser sends it from the page.
func form(remote, origin string, values url.Values) *http.Request {
	r := httptest.NewRequest("POST", PostPath, strings.NewReader(values.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.RemoteAddr, r.Host = remote, "127.0.0.1:8080"
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return r
}

// TestPostForm: the committee page, previewed, carries the form with this
// run's token and may post to this server; the file on disk carries none.
func TestPostForm(t *testing.T) {
	s, _ := postServer(t)
	r := httptest.NewRequest("GET", "/reports/2026/", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:5000", "127.0.0.1:8080"
	w := serveReq(s, r)
	body := w.Body.String()
	want := `<form class="post-form" method="post" action="/__jifen/post"><input type="hidden" name="token" value="` + s.Token() + `">` +
		`<input type="hidden" name="period" value="2026Q1"><label>张贴日期 <input type="date" name="date" value="2026-04-10" min="2026-04-01" max="2026-04-10" required></label> <button type="submit">记录张贴</button></form>`
	if w.Code != 200 || !strings.Contains(body, want) || strings.Contains(body, "data-jifen-post") {
		t.Errorf("GET committee page = %d:\n%s\nwant the form\n%s", w.Code, body, want)
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self'") || strings.Contains(csp, "form-action 'none'") {
		t.Errorf("CSP %q does not let the form post here", csp)
	}
	if len(s.Token()) != 64 || New(t.TempDir()).Token() == s.Token() {
		t.Errorf("token %q is not a fresh 256-bit value per run", s.Token())
	}
	// The public site's pages never get a form, nor other pages their CSP relaxed.
	r = httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr, r.Host = "127.0.0.1:5000", "127.0.0.1:8080"
	if w := serveReq(s, r); strings.Contains(w.Body.String(), "post-form") || !strings.Contains(w.Header().Get("Content-Security-Policy"), "form-action 'none'") {
		t.Error("a public page offers 「记录张贴」")
	}
}

// TestPostRefused: only a request from this computer, with this server's
// Origin and this run's token, posts; every other gets 403 and the poster
// is never called (nothing is written).
func TestPostRefused(t *testing.T) {
	s, ps := postServer(t)
	good := url.Values{"token": {s.Token()}, "period": {"2026Q1"}, "date": {"2026-04-03"}}
	with := func(k, v string) url.Values {
		out := url.Values{}
		for key, vs := range good {
			out[key] = vs
		}
		if v == "" {
			delete(out, k)
		} else {
			out.Set(k, v)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		req    *http.Request
		status int
		body   string
	}{
		{"no token", form("127.0.0.1:5000", "http://127.0.0.1:8080", with("token", "")), 403, "页面已过期"},
		{"a token of another run", form("127.0.0.1:5000", "http://127.0.0.1:8080", with("token", strings.Repeat("0", 64))), 403, "页面已过期"},
		{"another site's page", form("127.0.0.1:5000", "http://evil.example", good), 403, "请求不是来自本预览的页面"},
		{"another server on this computer", form("127.0.0.1:5000", "http://127.0.0.1:3000", good), 403, "请求不是来自本预览的页面"},
		{"no Origin", form("127.0.0.1:5000", "", good), 403, "请求不是来自本预览的页面"},
		{"another computer", form("192.0.2.7:5000", "http://127.0.0.1:8080", good), 403, "只能在运行 jifen 的电脑上记录张贴"},
		{"a GET", func() *http.Request {
			r := httptest.NewRequest("GET", PostPath+"?"+good.Encode(), nil)
			r.RemoteAddr, r.Host = "127.0.0.1:5000", "127.0.0.1:8080"
			return r
		}(), 405, ""},
		{"a bad date", form("127.0.0.1:5000", "http://127.0.0.1:8080", with("date", "2026/4/3")), 400, ""},
		{"a bad period", form("127.0.0.1:5000", "http://127.0.0.1:8080", with("period", "2026Q5")), 400, ""},
	} {
		w := serveReq(s, tc.req)
		if w.Code != tc.status || !strings.Contains(w.Body.String(), tc.body) {
			t.Errorf("%s: %d %q, want %d …%s…", tc.name, w.Code, w.Body.String(), tc.status, tc.body)
		}
	}
	// A DNS-rebinding page: refused before anything else, by its Host.
	r := form("127.0.0.1:5000", "http://evil.example:8080", good)
	r.Host = "evil.example:8080"
	if w := serveReq(s, r); w.Code != 403 {
		t.Errorf("rebinding: %d", w.Code)
	}
	if n := ps.count(); n != 0 {
		t.Fatalf("the poster ran %d times for refused requests", n)
	}

	// The request the page sends: posted, and the way back to the page.
	w := serveReq(s, form("127.0.0.1:5000", "http://127.0.0.1:8080", good))
	if w.Code != 200 || ps.count() != 1 || ps.calls[0] != "2026Q1 2026-04-03" ||
		!strings.Contains(w.Body.String(), "已记录张贴：2026年第一季度公示") || !strings.Contains(w.Body.String(), `href="/reports/2026/#posting"`) {
		t.Errorf("good request: %d %v %s", w.Code, ps.calls, w.Body.String())
	}
	if regexp.MustCompile(`<script`).MatchString(w.Body.String()) {
		t.Error("the result page has a script: reloading it could post again")
	}
	// A refusal (the register has errors) is shown with its reasons.
	ps.ok = false
	w = serveReq(s, form("127.0.0.1:5000", "http://127.0.0.1:8080", good))
	if w.Code != http.StatusConflict || !strings.Contains(w.Body.String(), "编号「D9」不在党员名册中") {
		t.Errorf("refused posting: %d %s", w.Code, w.Body.String())
	}
}
