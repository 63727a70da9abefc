// Package preview is the server behind `jifen serve`: it serves the built
// site read-only, and the committee tree under /reports/ to this computer
// only; injects into HTML responses (the files on disk stay clean) a
// live-reload script and the preview bar (SPEC §8: 「本机预览」, links to the
// committee page and the getting-started page, the findings, errors
// first), and pushes every build to open tabs over server-sent events. A
// failed build leaves the last good site in place and shows its findings
// over the page until the next good build. cmd/jifen wires it to the
// watcher and the pipeline (Published, Failed).
//
// Requests under /__jifen/ are the server's own (the event stream, the
// getting-started page): each is a handler in Server.internal, which
// checks its own methods, so that one answering a form is added there.
package preview

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// EventsPath is the SSE endpoint. The /__jifen/ prefix cannot collide
// with a page of the site: no generated path starts with an underscore.
const EventsPath = "/__jifen/events"

// OverlayTitle heads the panel shown over the page after a failed build.
const OverlayTitle = "数据有误，显示的是上一次成功生成的页面"

// ReportsPath is where the server shows the committee tree (SPEC §8): to
// browsers on this computer only; any other client gets 404 there.
const ReportsPath = "/reports/"

// StartPath is the getting-started page (SetStart), to this computer only.
const StartPath = "/__jifen/start"

// Server serves one site folder with live reload, and the committee's
// folder under ReportsPath to this computer.
type Server struct {
	dir     string
	reports string        // committee tree; "" = none
	ping    time.Duration // keep-alive comment interval (20 s; tests shorten it)

	mu       sync.Mutex
	buildID  string // ID of the site on disk (last good build)
	failed   []byte // JSON of the failure shown as overlay; nil when the last build was good
	brief    []byte // the same without places and messages, for browsers on other computers
	findings barState
	subs     map[chan struct{}]bool
	hosts    map[string]bool // host names answered besides localhost and IPs (AllowHost)
	home     func() []byte   // SetHome
	start    func() []byte   // SetStart
	posting  posting         // 「记录张贴」 (post.go)

	// internal answers the server's own paths under /__jifen/.
	internal map[string]http.HandlerFunc
}

// barState is what the preview bar says of the last build.
type barState struct {
	errors, warnings int
	lines            []string // errors first (model.Findings.Shown), then the MoreLine
	errLines         int      // how many of lines are errors
	failed           bool
}

// SetHome makes home, while it returns a page, answer for the site's home
// page (/ and /index.html) instead of the file on disk, with the same
// live reload: the getting-started page of a first start, which turns
// into the site once home returns nil. Set it before serving.
func (s *Server) SetHome(home func() []byte) { s.home = home }

// SetStart makes page the getting-started page at StartPath, linked from
// every page's bar, for browsers on this computer. Set it before serving.
func (s *Server) SetStart(page func() []byte) { s.start = page }

// New returns a server for the site folder dir. The folder may not exist
// yet (first build failed): pages then answer 404, with the live-reload
// script, so the tab shows the findings and reloads by itself once a build
// succeeds.
func New(dir string) *Server {
	s := &Server{dir: dir, ping: 20 * time.Second, subs: map[chan struct{}]bool{}}
	s.internal = map[string]http.HandlerFunc{
		EventsPath: getOnly(s.events),
		StartPath:  getOnly(s.startPage),
		PostPath:   s.post, // the one request that writes: its own checks (post.go)
	}
	return s
}

// getOnly answers GET and HEAD with h, anything else with 405.
func getOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "只允许 GET 和 HEAD 请求", http.StatusMethodNotAllowed)
			return
		}
		h(w, r)
	}
}

// overlay is the failure event's payload: the lines the terminal prints
// (model.Finding.Line), so the browser and the log read alike, and the
// counts the bar shows.
type overlay struct {
	Build    string   `json:"build"`
	Title    string   `json:"title"`
	Lines    []string `json:"lines"`
	Errors   int      `json:"errors"`
	Warnings int      `json:"warnings"`
}

// Published records a good build, whose site is now on disk under the
// build ID id, with its findings fs (warnings, notes) for the bar, and
// tells every connected browser to reload.
func (s *Server) Published(id string, fs model.Findings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id == "" {
		id = fmt.Sprint(time.Now().UnixNano())
	}
	s.buildID, s.failed, s.brief = id, nil, nil
	s.findings = newBarState(nil, fs)
	s.notify()
}

// newBarState counts and lists findings for the bar: err (an internal
// failure) first, then the findings errors first, bounded as the
// terminal bounds them.
func newBarState(err error, fs model.Findings) barState {
	b := barState{errors: fs.Count(model.Error), warnings: fs.Count(model.Warning), failed: err != nil || fs.HasErrors()}
	if err != nil {
		b.errors++
		b.lines = append(b.lines, model.Error.Label()+"："+model.Printable(err.Error()))
	}
	shown, more := fs.Shown()
	for _, f := range shown {
		b.lines = append(b.lines, f.Line())
		if f.Level == model.Error {
			b.errLines = len(b.lines)
		}
	}
	if err != nil && len(shown) == 0 {
		b.errLines = 1
	}
	if more > 0 {
		b.lines = append(b.lines, model.MoreLine(more))
	}
	return b
}

// Failed records a build that left the site as it was, because of err (an
// internal failure or a file that stayed half-saved) or of the data errors
// among fs, and shows why over the page in every connected browser.
func (s *Server) Failed(err error, fs model.Findings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.findings = newBarState(err, fs)
	o := overlay{Build: s.buildID, Title: OverlayTitle, Lines: append([]string{}, s.findings.lines...),
		Errors: s.findings.errors, Warnings: s.findings.warnings}
	// json.Marshal escapes <, > and & and keeps the data on one line,
	// as an SSE data field needs.
	s.failed, _ = json.Marshal(o)
	// Findings quote the workbooks: proposed grades, unpublished
	// deductions, names. Colleagues reading the preview over the network
	// learn only that the data has errors, and how many.
	o.Lines = []string{fmt.Sprintf("数据有 %d 处错误，详情请在运行 jifen 的电脑上查看", o.Errors)}
	s.brief, _ = json.Marshal(o)
	s.notify()
}

// notify wakes every event stream; s.mu is held.
func (s *Server) notify() {
	for ch := range s.subs {
		select {
		case ch <- struct{}{}:
		default: // already notified; it will read the latest state
		}
	}
}

func (s *Server) state(local bool) (id string, failed []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !local {
		return s.buildID, s.brief
	}
	return s.buildID, s.failed
}

// fromLoopback reports whether a request comes from this computer.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// subscribers counts the open event streams.
func (s *Server) subscribers() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.subs)
}

func (s *Server) subscribe() (chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	s.mu.Lock()
	s.subs[ch] = true
	s.mu.Unlock()
	return ch, func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}
}

// Handler returns the server's HTTP handler: GET and HEAD only, no
// directory listings, nothing outside the site folder, never cached.
func (s *Server) Handler() http.Handler { return http.HandlerFunc(s.serveHTTP) }

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	// No MIME sniffing, no framing (clickjacking), no Referer to other
	// sites, no reading of our files from other origins' pages.
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if !s.hostAllowed(r.Host) {
		// A page on another site whose DNS name was rebound to this
		// computer sends its own name: it must not read the preview.
		http.Error(w, "拒绝访问：预览服务器只接受用 127.0.0.1、localhost 或 --addr 指定的地址打开（防止其他网站读取预览）", http.StatusForbidden)
		return
	}
	if h := s.internal[r.URL.Path]; h != nil {
		h(w, r)
		return
	}
	getOnly(s.file)(w, r)
}

// startPage serves the getting-started page to this computer.
func (s *Server) startPage(w http.ResponseWriter, r *http.Request) {
	if s.start == nil || !fromLoopback(r) {
		s.notFound(w, r)
		return
	}
	s.page(w, r, s.start())
}

// page answers with an HTML page made by the server (not a file), with the
// bar and the reload script.
func (s *Server) page(w http.ResponseWriter, r *http.Request, page []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	http.ServeContent(w, r, "index.html", time.Time{}, bytes.NewReader(s.inject(w, r, page)))
}

// ShowReports serves the committee tree dir under ReportsPath, drafts
// included, to browsers on this computer.
func (s *Server) ShowReports(dir string) { s.reports = dir }

// file serves one file of the site, or of the committee tree under
// ReportsPath. The request path is checked as sent, before any cleaning:
// http.ServeMux would answer /../x with a redirect to /x, and a preview
// server must not pretend such a path exists.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") || strings.HasPrefix(p, "/__jifen/") {
		s.notFound(w, r)
		return
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." {
			s.notFound(w, r)
			return
		}
	}
	root, rel, ok := s.tree(w, r)
	if !ok {
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+rel), "/")
	if name == "" {
		name = "."
	}
	if (name == "." || name == "index.html") && root == s.dir && s.home != nil {
		if page := s.home(); page != nil {
			s.page(w, r, page)
			return
		}
	}
	// OpenInRoot also refuses symlinks that lead outside the folder. It is
	// opened per request because a build swaps the folder underneath.
	f, err := os.OpenInRoot(root, name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		s.notFound(w, r)
		return
	}
	if fi.IsDir() {
		if !strings.HasSuffix(p, "/") {
			// Relative links in index.html need the trailing slash.
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		f.Close()
		name = path.Join(name, "index.html")
		if f, err = os.OpenInRoot(root, name); err != nil {
			s.notFound(w, r)
			return
		}
		defer f.Close()
		if fi, err = f.Stat(); err != nil || fi.IsDir() {
			s.notFound(w, r)
			return
		}
	}
	if !isHTML(name) {
		http.ServeContent(w, r, name, fi.ModTime(), f)
		return
	}
	b, err := io.ReadAll(f)
	if err != nil {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	// No modification time: the injected script differs from build to
	// build even when the file does not.
	page := s.inject(w, r, b)
	if root == s.reports {
		page = s.postForms(w, page) // the committee page's 「记录张贴」
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(page))
}

// tree is the folder a request path is served from, and the path inside
// it: the committee tree under ReportsPath, else the site. ok is false when
// tree has answered already (404 for other computers, a redirect to the
// newest year's working page).
func (s *Server) tree(w http.ResponseWriter, r *http.Request) (root, rel string, ok bool) {
	p := r.URL.Path
	if p+"/" != ReportsPath && !strings.HasPrefix(p, ReportsPath) {
		return s.dir, p, true
	}
	// Proposals, reasons and follow-up actions: not for colleagues
	// reading the preview over the network, whatever --addr says.
	if s.reports == "" || !fromLoopback(r) {
		s.notFound(w, r)
		return "", "", false
	}
	rel = strings.TrimPrefix(p, strings.TrimSuffix(ReportsPath, "/"))
	if rel == "/" {
		// The committee tree has a working page per year: open the newest.
		if y := newestYear(s.reports); y != "" {
			http.Redirect(w, r, ReportsPath+y+"/", http.StatusFound)
			return "", "", false
		}
	}
	return s.reports, rel, true
}

// newestYear names the newest year folder of a tree, or "".
func newestYear(dir string) string {
	entries, _ := os.ReadDir(dir)
	newest := ""
	for _, e := range entries {
		if n := e.Name(); e.IsDir() && len(n) == 4 && strings.Trim(n, "0123456789") == "" && n > newest {
			newest = n
		}
	}
	return newest
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	page := fmt.Sprintf("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>未找到</title></head>"+
		"<body><h1>未找到该页面</h1><p>%s</p><p><a href=\"/\">返回首页</a></p></body></html>", html.EscapeString(model.Printable(r.URL.Path)))
	out := s.inject(w, r, []byte(page))
	w.WriteHeader(http.StatusNotFound)
	if r.Method == http.MethodHead {
		return
	}
	w.Write(out)
}

// inject puts the live-reload script and the bar's style right after
// <head> (Hugo's place: before </body> breaks pages that replace the
// body), or at the very start when the document has no head tag; and the
// bar right after <body>, or after the script when there is no body tag.
//
// It also sets the page's Content-Security-Policy, which lets run only the
// site's own script files and this one inline script, named by its hash.
func (s *Server) inject(w http.ResponseWriter, r *http.Request, page []byte) []byte {
	id, _ := s.state(true)
	script := reloadScript(id)
	w.Header().Set("Content-Security-Policy", pagePolicy(script))
	head := script + barStyle
	bar := s.bar(r)
	at := headEnd(page)
	body := tagEnd(page, "<body")
	if body < at {
		body = at
	}
	out := make([]byte, 0, len(page)+len(head)+len(bar))
	out = append(out, page[:at]...)
	out = append(out, head...)
	out = append(out, page[at:body]...)
	out = append(out, bar...)
	return append(out, page[body:]...)
}

// pagePolicy is the CSP of a preview page whose one inline script is
// script (a <script>…</script> element).
func pagePolicy(script string) string {
	body := strings.TrimSuffix(strings.TrimPrefix(script, "<script>"), "</script>")
	sum := sha256.Sum256([]byte(body))
	return "default-src 'self'; script-src 'self' 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; " +
		"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; " +
		"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// AllowHost adds a host name the server answers to, besides localhost and
// IP addresses: the host of --addr, and this computer's name when the
// server listens on every interface.
func (s *Server) AllowHost(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hosts == nil {
		s.hosts = map[string]bool{}
	}
	s.hosts[strings.ToLower(strings.TrimSuffix(name, "."))] = true
}

// hostAllowed checks a request's Host against DNS rebinding. A rebinding
// page sends the attacker's own DNS name, so names must be known ones:
// localhost (and *.localhost, which never leave the computer) and those
// given to AllowHost. IP literals cannot be rebound and are answered (a
// colleague opening http://192.168.1.5:8080/ when --addr 0.0.0.0:8080).
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.ToLower(strings.TrimSuffix(strings.Trim(host, "[]"), "."))
	switch {
	case host == "":
		return false
	case host == "localhost", strings.HasSuffix(host, ".localhost"):
		return true
	case net.ParseIP(host) != nil:
		return true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hosts[host]
}

// headEnd returns the offset just after the <head> start tag, or 0.
func headEnd(page []byte) int { return tagEnd(page, "<head") }

// tagEnd returns the offset just after the first start tag open ("<head",
// "<body"), or 0.
func tagEnd(page []byte, open string) int {
	lower := bytes.ToLower(page)
	for off := 0; ; {
		i := bytes.Index(lower[off:], []byte(open))
		if i < 0 {
			return 0
		}
		i += off + len(open)
		if i < len(lower) && (lower[i] == '>' || lower[i] == ' ' || lower[i] == '\t' || lower[i] == '\n' || lower[i] == '\r') {
			if j := bytes.IndexByte(lower[i:], '>'); j >= 0 {
				return i + j + 1
			}
			return 0
		}
		off = i // <header>, <heading…>, <bodyguard>: keep looking
	}
}

// reloadScript is the client: it reloads when the served build differs
// from the one baked into the page, shows an overlay on failed builds, and
// closes its stream while the tab is hidden, because a browser allows only
// about six connections per host and every open tab would hold one.
func reloadScript(buildID string) string {
	id, _ := json.Marshal(buildID) // a JS string literal; <, > and & escaped
	return `<script>/* jifen 预览：实时刷新，仅由预览服务器插入 */(function(){var id=` + string(id) + `,es=null,box=null;
function hide(){if(box&&box.parentNode){box.parentNode.removeChild(box);}}
function show(d){if(!box){box=document.createElement("div");box.id="jifen-overlay";box.setAttribute("role","alert");
box.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff5f5;color:#611;border-top:4px solid #c00;box-shadow:0 -2px 10px rgba(0,0,0,.25);padding:12px 20px;font:15px/1.6 sans-serif;text-align:left";}
box.textContent="";var h=document.createElement("strong");h.textContent=d.title;box.appendChild(h);
var ul=document.createElement("ul");ul.style.margin="6px 0 0";(d.lines||[]).forEach(function(l){var li=document.createElement("li");li.textContent=l;ul.appendChild(li);});
box.appendChild(ul);(document.body||document.documentElement).appendChild(box);bar(d);}
function bar(d){var b=document.getElementById("` + BarID + `"),f=b&&b.querySelector(".jb-findings");if(!f){return;}
var n=document.createElement("details");n.className="jb-findings "+(d.errors?"jb-err":"jb-warn");var s=document.createElement("summary");
s.textContent="错误 "+d.errors+" · 警告 "+d.warnings;n.appendChild(s);var ol=document.createElement("ol");
(d.lines||[]).forEach(function(l,i){var li=document.createElement("li");li.textContent=l;if(i<d.errors){li.className="jb-e";}ol.appendChild(li);});
n.appendChild(ol);n.open=!!f.open;f.parentNode.replaceChild(n,f);}
function open(){if(es||!window.EventSource){return;}es=new EventSource("` + EventsPath + `");
es.addEventListener("build",function(e){if(e.data!==id){location.reload();return;}hide();});
es.addEventListener("failed",function(e){show(JSON.parse(e.data));});}
function close(){if(es){es.close();es=null;}}
document.addEventListener("visibilitychange",function(){if(document.hidden){close();}else{open();}});
addEventListener("pagehide",close);addEventListener("pageshow",function(){if(!document.hidden){open();}});
if(!document.hidden){open();}})();</script>`
}

// events is the SSE stream. It always answers 200: EventSource gives up
// for good on any other status or content type, and the tab would stop
// reloading without telling anyone.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	// http.Server.WriteTimeout would cut the stream after its first
	// seconds (golang/go#16100); this connection lives as long as the tab.
	_ = rc.SetWriteDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	ch, cancel := s.subscribe()
	defer cancel()
	send := func(msg string) bool {
		if _, err := io.WriteString(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// The first message resynchronises a tab that missed builds while its
	// stream was closed (hidden tab, server restart).
	local := fromLoopback(r)
	if !send("retry: 1000\n\n" + s.message(local)) {
		return
	}
	tick := time.NewTicker(s.ping)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-ch:
			if !send(s.message(local)) {
				return
			}
		case <-tick.C:
			if !send(": ping\n\n") {
				return
			}
		}
	}
}

// message renders the current state: the served build, then the failure
// on top of it if the last build failed.
func (s *Server) message(local bool) string {
	id, failed := s.state(local)
	msg := "event: build\ndata: " + id + "\n\n"
	if failed != nil {
		msg += "event: failed\ndata: " + string(failed) + "\n\n"
	}
	return msg
}

// Addr applies the loopback default: "" and bare ports bind 127.0.0.1, so
// the preview is never open to the network unless the address names a
// host ("0.0.0.0:8080").
func Addr(addr string) string {
	switch {
	case addr == "":
		return "127.0.0.1:8080"
	case !strings.Contains(addr, ":"):
		return "127.0.0.1:" + addr
	case strings.HasPrefix(addr, ":"):
		return "127.0.0.1" + addr
	}
	return addr
}

// Connection limits of Serve. A preview has a handful of tabs, each with
// one event stream and a few keep-alive connections; a client that opens
// connections and leaves them idle (about 20,000 exhausted the process's
// descriptors, issue 24) must not take the server down.
var (
	// idleTimeout closes a keep-alive connection that waits this long for
	// its next request. Event streams are requests in progress: they stay.
	idleTimeout = time.Minute
	// headerTimeout bounds the wait for a request's headers, the first
	// request of a connection included.
	headerTimeout = 10 * time.Second
	// maxConns is how many connections the server keeps open at once;
	// beyond it the longest idle ones are closed, or the new one when
	// none is idle.
	maxConns = 256
)

// Serve serves h on a listener the caller opened (to print the
// address actually bound, e.g. with port 0).
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	var conns connLimit
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: headerTimeout,
		IdleTimeout:       idleTimeout,
		// Guards against stalled clients; the event stream lifts it.
		WriteTimeout: time.Minute,
		ConnState:    conns.track,
		// Requests inherit ctx, so event streams stop when it ends and
		// Shutdown does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// connLimit keeps at most maxConns connections open: a new connection
// over the limit closes the connection idle the longest, or itself when
// every other one is busy.
type connLimit struct {
	mu   sync.Mutex
	open map[net.Conn]bool
	idle []net.Conn // oldest first
}

func (l *connLimit) track(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.open == nil {
		l.open = map[net.Conn]bool{}
	}
	l.idle = slices.DeleteFunc(l.idle, func(x net.Conn) bool { return x == c })
	switch st {
	case http.StateNew:
		l.open[c] = true
		if len(l.open) > maxConns {
			victim := c
			if len(l.idle) > 0 {
				victim, l.idle = l.idle[0], l.idle[1:]
			}
			delete(l.open, victim)
			victim.Close()
		}
	case http.StateIdle:
		l.idle = append(l.idle, c)
	case http.StateClosed, http.StateHijacked:
		delete(l.open, c)
	}
}
