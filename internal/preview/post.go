package preview

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// 「记录张贴」 (SPEC §8, §11): the committee page, previewed, offers for each
// period with something to record a date field and a button that does
// exactly what `jifen post` does. It is the one request of the preview that
// writes (into data/<year>/公示存档/), so it is answered only when it comes
// from this computer, from a page of this server (its Origin) and carries
// the token the server put into that page for this run; anything else gets
// 403 and writes nothing. A page on another site the committee happens to
// have open can neither read the token nor send the request with our Origin.

// PostPath is where the committee page's 「记录张贴」 form posts.
const PostPath = "/__jifen/post"

// PostResult is what a posting did, in the committee's words.
type PostResult struct {
	OK    bool     // recorded, or nothing to record (已存档，无变化)
	Title string   // one line
	Lines []string // files written, changes, the register's errors …
}

// Poster records that period (2026Q1, or 2026 for the year) was posted on
// date: cmd/jifen passes the function `jifen post` runs. The error is an
// internal failure.
type Poster func(ctx context.Context, period string, date time.Time) (PostResult, error)

// posting is the server's 「记录张贴」 state.
type posting struct {
	mu    sync.Mutex // one posting at a time: two would race for the same record name
	once  sync.Once
	token string
	post  Poster
	now   func() time.Time // the form's default date; nil = time.Now
}

// SetPoster enables 「记录张贴」 on the committee pages served under
// ReportsPath. Set it before serving.
func (s *Server) SetPoster(p Poster) { s.posting.post = p }

// Token is this run's 「记录张贴」 token, made once per server.
func (s *Server) Token() string {
	s.posting.once.Do(func() {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			panic(err) // crypto/rand never fails on supported systems
		}
		s.posting.token = hex.EncodeToString(b)
	})
	return s.posting.token
}

// slot is the empty element a committee page carries where a period can be
// recorded (render's 张贴与公示 table); on disk it shows nothing.
var slot = regexp.MustCompile(`<span data-jifen-post="([0-9]{4}(?:Q[1-4])?)" data-from="([0-9]{4}-[0-9]{2}-[0-9]{2})" data-to="([0-9]{4}-[0-9]{2}-[0-9]{2})"></span>`)

// postForms puts a 「记录张贴」 form into every slot of a committee page and
// lets the page's forms post to this server (its CSP otherwise says
// form-action 'none'). Without a Poster the page is left as it is.
func (s *Server) postForms(w http.ResponseWriter, page []byte) []byte {
	if s.posting.post == nil || !slot.Match(page) {
		return page
	}
	now := time.Now
	if s.posting.now != nil {
		now = s.posting.now
	}
	today := now().Format(time.DateOnly)
	token := s.Token()
	page = slot.ReplaceAllFunc(page, func(m []byte) []byte {
		sub := slot.FindSubmatch(m)
		// The latest day it can have gone up: today, or the build's
		// as-of day when that is earlier (serve --as-of).
		period, from, to := string(sub[1]), string(sub[2]), today
		if string(sub[3]) < to {
			to = string(sub[3])
		}
		return []byte(`<form class="post-form" method="post" action="` + PostPath + `">` +
			`<input type="hidden" name="token" value="` + token + `">` +
			`<input type="hidden" name="period" value="` + period + `">` +
			`<label>张贴日期 <input type="date" name="date" value="` + to + `" min="` + from + `" max="` + to + `" required></label> ` +
			`<button type="submit">记录张贴</button></form>`)
	})
	h := w.Header()
	h.Set("Content-Security-Policy", strings.Replace(h.Get("Content-Security-Policy"), "form-action 'none'", "form-action 'self'", 1))
	return page
}

var periodPattern = regexp.MustCompile(`^[0-9]{4}(Q[1-4])?$`)

// post answers a 「记录张贴」 form.
func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "只允许 POST 请求", http.StatusMethodNotAllowed)
		return
	}
	if s.posting.post == nil {
		s.notFound(w, r)
		return
	}
	if !fromLoopback(r) {
		forbid(w, "只能在运行 jifen 的电脑上记录张贴")
		return
	}
	if origin := r.Header.Get("Origin"); origin == "" || origin != "http://"+r.Host {
		forbid(w, "请求不是来自本预览的页面，未记录张贴：请在预览的支委会工作台上点「记录张贴」")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	if err := r.ParseForm(); err != nil {
		http.Error(w, "表单无效", http.StatusBadRequest)
		return
	}
	token := r.PostForm.Get("token")
	if subtle.ConstantTimeCompare([]byte(token), []byte(s.Token())) != 1 {
		forbid(w, "页面已过期（jifen 重新启动过），未记录张贴：请刷新支委会工作台后再点「记录张贴」")
		return
	}
	period := r.PostForm.Get("period")
	date, err := time.Parse(time.DateOnly, r.PostForm.Get("date"))
	if !periodPattern.MatchString(period) || err != nil {
		http.Error(w, "期间或张贴日期无效", http.StatusBadRequest)
		return
	}
	s.posting.mu.Lock()
	res, err := s.posting.post(r.Context(), period, model.NewDate(date.Date()))
	s.posting.mu.Unlock()
	status := http.StatusOK
	switch {
	case err != nil:
		status = http.StatusInternalServerError
		res = PostResult{Title: "记录张贴时出错：" + err.Error()}
	case !res.OK:
		status = http.StatusConflict
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
	w.WriteHeader(status)
	w.Write(resultPage(res, period))
}

func forbid(w http.ResponseWriter, msg string) {
	http.Error(w, "拒绝："+msg, http.StatusForbidden)
}

// resultPage says what a posting did, with the way back to the committee
// page (which the watcher rebuilds once a record lands). It carries no
// script: reloading it must never post again.
func resultPage(res PostResult, period string) []byte {
	var b bytes.Buffer
	b.WriteString(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>记录张贴</title><style>body{font:16px/1.7 sans-serif;max-width:48em;margin:2em auto;padding:0 1em}li{margin:.3em 0}.no{color:#b00}</style></head><body>`)
	class := ""
	if !res.OK {
		class = ` class="no"`
	}
	fmt.Fprintf(&b, "<h1%s>%s</h1>", class, html.EscapeString(model.Printable(res.Title)))
	if len(res.Lines) > 0 {
		b.WriteString("<ul>")
		for _, l := range res.Lines {
			fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(model.Printable(l)))
		}
		b.WriteString("</ul>")
	}
	fmt.Fprintf(&b, `<p><a href="%s%s/#posting">返回支委会工作台</a>（页面将按新的张贴记录重新生成，稍候即可看到）</p></body></html>`, ReportsPath, period[:4])
	return b.Bytes()
}
