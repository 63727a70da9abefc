package main

// The no-argument start (SPEC §5): what a double-click on jifen.exe runs.
// It works in one folder: with a data/ there it builds and previews it in
// the default browser; without one it first writes this year's blank
// register and shows a getting-started page until the register is filled
// in. It reuses serve's wiring (serveOn) and adds three things: the folder,
// the browser, and the getting-started page.

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
	"github.com/jifen-dev/jifen/internal/scaffold"
	"github.com/jifen-dev/jifen/internal/watch"
)

// startAddr is the preview's usual address; when another program holds
// it, the start takes any free port instead.
const startAddr = "127.0.0.1:8080"

// startFolders are the folder names the start works with, inside its folder.
const (
	startData    = "data"
	startSite    = "site"
	startReports = "reports"
	startFiling  = "备案"      // the superior's bundles, next to which the start runs summary
	startSummary = "summary" // the superior's site
)

// start runs the no-argument start in the folder startDir chooses. A fatal
// error is printed and, in a console window opened just for jifen (a
// double-click on Windows), waits for Enter so that it can be read.
func (e env) start(ctx context.Context) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(e.stderr, "jifen: 内部错误：%v\n%s", v, debug.Stack())
			code = exitUsage
		}
		if code != exitOK && ownConsole() {
			fmt.Fprint(e.stderr, "\n按回车键关闭本窗口……")
			bufio.NewReader(os.Stdin).ReadString('\n')
		}
	}()
	exe, _ := os.Executable()
	if exe != "" {
		if p, err := filepath.EvalSymlinks(exe); err == nil {
			exe = p
		}
	}
	cwd, err := os.Getwd()
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen: 无法确定当前文件夹：", err)
		return exitUsage
	}
	dir, temporary := startDir(exe, cwd, filepath.SplitList(os.Getenv("PATH")), os.TempDir())
	if temporary {
		// Explorer runs a program double-clicked inside a zip from a
		// temporary copy; a register made there goes with the next
		// clean-up, and the committee's year with it.
		fmt.Fprintf(e.stderr, "jifen: 正在临时文件夹 %s 中运行（例如在压缩包里直接双击了 jifen.exe），在这里新建的登记簿会随临时文件一起被删除，所以没有新建任何文件。\n"+
			"请先把 jifen.exe 复制到一个固定的文件夹（如“文档”里新建的“党员积分”文件夹），再在那里双击它。\n", dir)
		return exitUsage
	}
	// Relative paths from here on, so every finding reads data/2026/…
	// as it does with jifen build run in that folder.
	if err := os.Chdir(dir); err != nil {
		fmt.Fprintf(e.stderr, "jifen: 无法进入文件夹 %s：%v\n", dir, err)
		return exitUsage
	}
	return e.startIn(ctx, dir, openBrowser)
}

// startDir chooses the start's folder. A data/ (or 备案/) folder in the
// working folder wins (someone in a terminal, in the branch's folder),
// then one beside the executable; with neither, the executable's own folder, where a double-click finds the jifen.exe
// the committee put next to its data (macOS starts double-clicked
// programs in the home folder); but not when the executable sits in a
// temporary build folder (go run) or a folder on PATH (installed for the
// terminal), which are nobody's register folder.
//
// temporary reports that the folder chosen is itself temporary (the
// system's temporary folder or a go build folder) and holds no data/: a
// program double-clicked inside a zip runs from there, and nothing may
// be created in it. A data/ folder already there is the branch's choice.
func startDir(exe, cwd string, path []string, tmp string) (dir string, temporary bool) {
	dir = chooseStartDir(exe, cwd, path, tmp)
	if hasWork(dir) {
		return dir, false
	}
	return dir, tempFolder(dir, tmp)
}

func chooseStartDir(exe, cwd string, path []string, tmp string) string {
	if hasWork(cwd) || exe == "" {
		return cwd
	}
	exeDir := filepath.Dir(exe)
	if hasWork(exeDir) {
		// The branch's data (or the superior's bundles) beside the
		// executable is its folder wherever that is, a temporary
		// folder included.
		return exeDir
	}
	if tempFolder(exeDir, tmp) {
		return cwd
	}
	for _, p := range path {
		if p != "" && sameDir(p, exeDir) {
			return cwd
		}
	}
	return exeDir
}

// hasWork reports whether dir holds a data/ or a 备案/ folder.
func hasWork(dir string) bool {
	return isDir(filepath.Join(dir, startData)) || isDir(filepath.Join(dir, startFiling))
}

// tempFolder reports whether dir is inside the temporary folder tmp or a
// go build folder.
func tempFolder(dir, tmp string) bool {
	return within(dir, tmp) || strings.Contains(filepath.ToSlash(dir), "/go-build")
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

// within reports whether dir is root or inside it.
func within(dir, root string) bool {
	if root == "" {
		return false
	}
	rel, err := filepath.Rel(filepath.Clean(root), filepath.Clean(dir))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

func sameDir(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// startIn is the start in the current folder, which is dir (shown to the
// user): one start per folder (a second one opens the first one's preview
// and exits); the superior's summary next to a 备案/ folder without data/;
// otherwise the branch's register — the first one if there is none, the
// new year's on the first start of a calendar year — then build, preview
// and watch until ctx ends, opening the browser once the first build is
// done.
func (e env) startIn(ctx context.Context, dir string, open func(url string) error) int {
	fmt.Fprintf(e.stdout, "jifen 党员积分管理 %s\n工作文件夹：%s\n", buildVersion().Version, dir)
	superior := !isDir(startData) && isDir(startFiling)
	folder := startData
	if superior {
		folder = startFiling
	}
	inst, running, err := claimInstance(filepath.Join(dir, folder))
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen:", err)
		return exitUsage
	}
	if inst == nil {
		// Two double-clicks: the first start keeps the folder; this one
		// only shows it, and writes nothing.
		fmt.Fprintf(e.stdout, "jifen 已经在运行（另一个窗口），预览地址：%s\n", running)
		if err := open(running); err != nil {
			fmt.Fprintf(e.stdout, "无法自动打开浏览器（%v），请在浏览器中打开 %s\n", err, running)
		} else {
			fmt.Fprintln(e.stdout, "已在浏览器中打开。本窗口可以关闭。")
		}
		return exitOK
	}
	defer inst.release()
	if superior {
		return e.startSuperior(ctx, dir, inst, open)
	}

	g := &gettingStarted{dir: dir, year: e.clock().Year()}
	// A data/ folder without a year folder (made by hand, or unpacked
	// empty) has no register either: write one there too.
	newest, _ := registerFiles(startData)
	dataExisted := newest != 0
	page := "" // what the browser opens first: the site, or the start page
	switch {
	case !dataExisted:
		files, err := scaffold.Init(".", g.year, false)
		if err != nil {
			fmt.Fprintln(e.stderr, "jifen: 无法新建登记簿：", err)
			return exitUsage
		}
		fmt.Fprintf(e.stdout, "已新建 %d 年度登记簿（请用 Excel 或 WPS 打开填写）：\n", g.year)
		for _, f := range files {
			fmt.Fprintln(e.stdout, "  "+filepath.Join(dir, f))
		}
	case newest < g.year && !exists(filepath.Join(startData, strconv.Itoa(g.year))):
		g.newYear = e.startNewYear(dir, newest, g.year)
		page = strings.TrimPrefix(preview.StartPath, "/")
	}
	// An established branch whose data has errors today sees its last site
	// with the errors over it; a branch just starting sees how to begin.
	g.active = !(dataExisted && isFile(filepath.Join(startSite, "index.html")))

	// Drafts: the committee previews the open quarter at /reports/ too.
	cfg := pipeline.Config{Data: startData, Out: startSite, Reports: startReports, Drafts: true, Clock: e.clock, Cache: pipeline.NewCache()}
	ln, err := listenStart()
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen: 无法启动预览服务器：", err)
		return exitUsage
	}
	url := browseURL(ln.Addr())
	if err := inst.announce(url); err != nil {
		fmt.Fprintln(e.stdout, "注意：", err)
	}
	srv := preview.New(cfg.Out)
	enablePosting(srv, cfg) // the committee page's 「记录张贴」
	srv.ShowReports(cfg.Reports)
	srv.SetHome(g.home)
	srv.SetStart(g.page)
	var once sync.Once
	o := watch.Options{
		Dirs:   watch.DataDirs(cfg.Data, cfg.Templates),
		Ignore: []string{cfg.Out, cfg.Reports},
		Build:  func(ctx context.Context) (pipeline.Report, error) { return pipeline.Build(ctx, cfg) },
		Log:    e.stdout,
		OnBuild: func(r watch.Result) {
			g.update(r)
			// After the first build, so the page the browser opens has content.
			once.Do(func() { e.openFirst(open, url+page) })
		},
	}
	fmt.Fprintf(e.stdout, "预览地址：%s（保存工作簿后页面自动更新；按 Ctrl+C 或关闭本窗口即可停止）\n", url)
	fmt.Fprintf(e.stdout, "支委会材料：%s（含草稿，只在本机可以打开）\n", strings.TrimSuffix(url, "/")+preview.ReportsPath)
	return e.served(serveOn(ctx, o, ln, srv))
}

// listenStart opens the preview's port: the usual one, or any free one
// when another program holds it.
func listenStart() (net.Listener, error) {
	ln, err := net.Listen("tcp", startAddr)
	if err != nil {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	return ln, err
}

// openFirst opens the browser at url once, saying so.
func (e env) openFirst(open func(string) error, url string) {
	if err := open(url); err != nil {
		fmt.Fprintf(e.stdout, "无法自动打开浏览器（%v），请在浏览器中打开 %s\n", err, url)
	} else {
		fmt.Fprintf(e.stdout, "已在浏览器中打开 %s\n", url)
	}
}

// served is the start's exit status after serving ended with err.
func (e env) served(err error) int {
	if err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(e.stderr, "jifen:", err)
		return exitUsage
	}
	fmt.Fprintln(e.stdout, "已停止。")
	return exitOK
}

// newYearNews is what the first start of a calendar year did about the
// new year's register, for the console and the getting-started page.
type newYearNews struct {
	From, To int
	Files    []string // absolute paths
	Review   []string
	Err      string // why the register could not be created
}

// startNewYear creates the register of year to from that of year from, as
// `jifen new-year` does (never overwriting), and says so.
func (e env) startNewYear(dir string, from, to int) *newYearNews {
	n := &newYearNews{From: from, To: to}
	res, err := scaffold.NewYear(startData, from, to)
	if err != nil {
		n.Err = model.Printable(err.Error()) // scaffold says what is wrong in Chinese, or the file system does
		fmt.Fprintf(e.stdout, "新的一年：未能自动新建 %d 年度登记簿：%s\n改正后重新启动 jifen 即可；也可以运行 jifen new-year --from %d --to %d。\n", to, n.Err, from, to)
		return n
	}
	n.Review = res.Review
	fmt.Fprintf(e.stdout, "新的一年：已新建 %d 年度登记簿，沿用 %d 年度的设置、考核项目和党员名册（%d 年度的登记簿保持不变）：\n", to, from, from)
	for _, f := range res.Files {
		p := f
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, f)
		}
		n.Files = append(n.Files, p)
		fmt.Fprintln(e.stdout, "  "+p)
	}
	printReview(e.stdout, to, res.Review)
	return n
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// gettingStarted is the getting-started page: where the files are, what to
// fill in first, what a new year needs, and the last check's findings. It
// stands in for the site's home page while the register has nobody in it,
// and is always at preview.StartPath, linked from every page's bar.
type gettingStarted struct {
	dir     string
	year    int
	newYear *newYearNews // set before serving

	mu       sync.Mutex
	active   bool
	started  bool // a good build with members happened: never the home page again
	findings model.Findings
	checked  bool
}

func (g *gettingStarted) update(r watch.Result) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checked = true
	g.findings, _ = r.Report.Findings.Shown()
	switch {
	case r.OK && r.Report.Members > 0:
		g.started, g.active = true, false
	case !g.started && r.Report.Members == 0:
		g.active = true
	}
}

// home is the getting-started page while it stands in for the site's
// home page, else nil.
func (g *gettingStarted) home() []byte {
	g.mu.Lock()
	active := g.active
	g.mu.Unlock()
	if !active {
		return nil
	}
	return g.page()
}

// page renders the getting-started page.
func (g *gettingStarted) page() []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	v := welcomeView{Dir: g.dir, Year: g.year, Site: filepath.Join(g.dir, startSite), Reports: filepath.Join(g.dir, startReports),
		Checked: g.checked, Home: !g.active, NewYear: g.newYear}
	year, files := registerFiles(startData)
	if year != 0 {
		v.Year = year
	}
	for _, f := range files {
		v.Files = append(v.Files, welcomeFile{Path: filepath.Join(g.dir, f), Name: filepath.Base(f), Main: filepath.Base(f) == scaffold.TemplateBook})
		if filepath.Base(f) == scaffold.TemplateBook {
			v.Book = filepath.Join(g.dir, f)
		}
	}
	if v.Book == "" && len(v.Files) > 0 {
		v.Book = v.Files[0].Path
	}
	for _, f := range g.findings {
		v.Findings = append(v.Findings, welcomeFinding{Error: f.Level == model.Error, Line: f.Line()})
	}
	var b bytes.Buffer
	if err := welcomeTmpl.Execute(&b, v); err != nil {
		return []byte("<!doctype html><meta charset=utf-8><p>" + template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

// registerFiles finds the newest year folder of data and its workbooks
// (slash-free relative paths, for display).
func registerFiles(data string) (int, []string) {
	entries, err := os.ReadDir(data)
	if err != nil {
		return 0, nil
	}
	year := 0
	for _, e := range entries {
		if n, err := strconv.Atoi(e.Name()); err == nil && e.IsDir() && len(e.Name()) == 4 && n > year {
			year = n
		}
	}
	if year == 0 {
		return 0, nil
	}
	yearDir := filepath.Join(data, strconv.Itoa(year))
	var files []string
	fs.WalkDir(os.DirFS(yearDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xlsx") && !strings.HasPrefix(d.Name(), "~$") && !strings.HasPrefix(d.Name(), ".") {
			files = append(files, filepath.Join(yearDir, filepath.FromSlash(p)))
		}
		if err == nil && d.IsDir() && p != "." {
			return fs.SkipDir
		}
		return nil
	})
	// The register first, the rest by name.
	slices.SortStableFunc(files, func(a, b string) int {
		am, bm := filepath.Base(a) == scaffold.TemplateBook, filepath.Base(b) == scaffold.TemplateBook
		switch {
		case am && !bm:
			return -1
		case bm && !am:
			return 1
		}
		return strings.Compare(a, b)
	})
	return year, files
}

type welcomeView struct {
	Dir, Site, Reports, Book string
	Year                     int
	Files                    []welcomeFile
	Checked                  bool
	Home                     bool // the site is the home page: link to it
	NewYear                  *newYearNews
	Findings                 []welcomeFinding
}

type welcomeFile struct {
	Path, Name string
	Main       bool
}

type welcomeFinding struct {
	Error bool
	Line  string
}

var welcomeTmpl = template.Must(template.New("welcome").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>开始使用 jifen · 党员积分管理</title>
<style>
body{margin:0;background:#f6f4f1;color:#222;font:16px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
main{max-width:860px;margin:0 auto;padding:24px 20px 48px}
header{border-bottom:4px solid #b00;padding:8px 0 12px;margin-bottom:20px}
h1{font-size:28px;margin:0;color:#900}
h2{font-size:20px;margin:28px 0 8px;color:#222}
.lead{font-size:18px;margin:8px 0 0}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px 18px;margin:12px 0}
code,.path{font-family:Consolas,"Courier New",monospace;font-size:15px;word-break:break-all}
.ipath{font-family:Consolas,"Courier New",monospace;font-size:15px;background:#fff8e6;border:1px solid #e8d49a;border-radius:3px;padding:0 4px;word-break:break-all}
.path{display:block;background:#fff8e6;border:1px solid #e8d49a;border-radius:4px;padding:6px 10px;margin:4px 0}
ol li{margin:6px 0}
.steps li::marker{font-weight:bold;color:#900}
.cell{background:#fde8e8;color:#900;padding:0 4px;border-radius:3px;font-weight:bold}
ul.findings{padding-left:20px}
ul.findings li{margin:4px 0;word-break:break-all}
ul.findings li.error{color:#a00}
.muted{color:#666;font-size:14px}
.news{border:2px solid #b00;background:#fff}
.news h2{margin-top:0;color:#900}
ol.review li{margin:8px 0}
.home{font-size:17px}
</style>
</head>
<body>
<main>
<header>
<h1>{{if .Home}}开始使用 jifen 党员积分管理{{else}}欢迎使用 jifen 党员积分管理{{end}}</h1>
{{if .Home}}<p class="lead home">这是“开始使用”说明页，随时可以从页面顶部的“本机预览”条打开。<a href="/">查看公示网站的预览</a></p>
{{else}}<p class="lead">{{.Year}} 年度的积分登记簿已经准备好。填好下面几项并保存，这一页就会自动变成公示网站的预览。</p>{{end}}
</header>
{{with .NewYear}}
<section class="card news">
{{if .Err}}<h2>新的一年：未能自动新建 {{.To}} 年度登记簿</h2>
<p>{{.Err}}</p>
<p>改正后重新启动 jifen 即可；也可以在命令行运行 <code>jifen new-year --from {{.From}} --to {{.To}}</code>。在此之前，{{.To}} 年的活动无处登记。</p>
{{else}}<h2>新的一年：已新建 {{.To}} 年度登记簿</h2>
<p>沿用了 {{.From}} 年度的设置、考核项目和党员名册，登记表是空白的。{{.From}} 年度的登记簿保持不变：该年度的民主评议、等次确定、异议处理仍登记在那里；{{.To}} 年的活动登记在新的登记簿中。</p>
{{range .Files}}<span class="path">{{.}}</span>{{end}}
<h2>{{.To}} 年度开始前，请核对</h2>
<ol class="review">{{range .Review}}<li>{{.}}</li>{{end}}</ol>{{end}}
</section>
{{end}}

<section class="card">
<h2 style="margin-top:0">登记簿在这里</h2>
{{range .Files}}<span class="path">{{.Path}}</span>{{if .Main}}<span class="muted">设置、党员名册、考核项目、每季度的签到表和各类登记表都在这一个文件里。</span>{{else}}<span class="muted">可选：每季度一张签到表，打勾代替逐人登记。</span>{{end}}
{{else}}<p>在 <span class="path">{{.Dir}}</span> 的 data 文件夹里。</p>{{end}}
</section>

<h2>先做这几步</h2>
<ol class="steps">
<li>用 Excel 或 WPS 打开 <span class="path">{{.Book}}</span>（在文件夹里双击它即可）。</li>
<li>在「设置」工作表的 <span class="cell">B2</span> 单元格填写<strong>支部名称</strong>（支部全称，如“中共××市××局机关第一党支部”）。</li>
<li>在「党员名册」工作表从<strong>第 2 行</strong>起逐人填写<strong>编号</strong>（如 D001）、<strong>姓名</strong>和<strong>类别</strong>（正式党员、预备党员、入党积极分子或发展对象）。党小组、职务可以不填。</li>
<li>看一看「考核项目」工作表：项目和分值已按实施方案填好，可按本支部的考核办法修改。</li>
<li><strong>保存</strong>（Ctrl+S）。几秒钟后 jifen 会检查登记簿：没有错误时，这一页自动变成公示网站；有问题时，下面会列出在哪个工作表的哪个单元格。</li>
</ol>

<h2>检查结果</h2>
<div class="card">
{{if not .Checked}}<p>正在检查……</p>
{{else if .Findings}}<ul class="findings">{{range .Findings}}<li{{if .Error}} class="error"{{end}}>{{.Line}}</li>{{end}}</ul>
{{else}}<p>没有发现问题。</p>{{end}}
</div>

<h2>请注意</h2>
<ul>
<li>那个黑色的命令行窗口就是 jifen 本身，<strong>请不要关闭</strong>：关闭后预览就停止了。下次双击 jifen 即可继续。</li>
<li>平时在登记簿中逐次登记活动、奖励申报和违规扣分，每次保存后预览都会自动更新。</li>
<li>生成的公示网站在 <span class="ipath">{{.Site}}</span>，可以放到单位内网；支委会材料在 <span class="ipath">{{.Reports}}</span>，不要公开。</li>
<li>请一直保存为 .xlsx 格式（不要另存为 .xls 或 .et）。</li>
</ul>
</main>
</body>
</html>
`))

// openBrowser opens url in the default browser: $BROWSER when set (a
// command, or several separated by the path-list separator; %s stands for
// the URL, else it is appended), otherwise the system's own opener.
func openBrowser(url string) error {
	if b := os.Getenv("BROWSER"); b != "" {
		var last error
		for _, c := range filepath.SplitList(b) {
			args := strings.Fields(c)
			if len(args) == 0 {
				continue
			}
			if strings.Contains(c, "%s") {
				for i := range args {
					args[i] = strings.ReplaceAll(args[i], "%s", url)
				}
			} else {
				args = append(args, url)
			}
			if last = startDetached(args[0], args[1:]...); last == nil {
				return nil
			}
		}
		return last
	}
	name, args := systemOpener(url)
	return startDetached(name, args...)
}

// printReview prints new-year's list of what to review before year starts.
func printReview(w io.Writer, year int, review []string) {
	if len(review) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%d 年度开始前，请核对以下几项：\n", year)
	for i, r := range review {
		fmt.Fprintf(w, "  %d. %s\n", i+1, r)
	}
}
