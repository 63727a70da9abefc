package main

// The superior's front door (SPEC §5, §10): a 党建办 or 机关工委 keeps the
// branches' bundles in a 备案/ folder and double-clicks jifen next to it.
// With no data/ there, the start runs summary instead of building a
// register, previews summary/, and runs it again whenever a bundle
// arrives, at any depth of 备案/.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
	"github.com/jifen-dev/jifen/internal/summary"
	"github.com/jifen-dev/jifen/internal/watch"
)

// maxFilingDirs bounds how many folders of 备案/ are watched (each is an
// inotify watch); a folder that holds more is read in full by every run
// all the same.
const maxFilingDirs = 2000

// startSuperior is the start next to 备案/ without data/.
func (e env) startSuperior(ctx context.Context, dir string, inst *instance, open func(string) error) int {
	fmt.Fprintf(e.stdout, "这里有“%s”文件夹、没有 data 文件夹：汇总各支部报送的备案包（jifen summary），结果在 %s。\n",
		startFiling, filepath.Join(dir, startSummary))
	cfg := pipeline.SummaryConfig{In: startFiling, Out: startSummary, Clock: e.clock}
	ln, err := listenStart()
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen: 无法启动预览服务器：", err)
		return exitUsage
	}
	url := browseURL(ln.Addr())
	if err := inst.announce(url); err != nil {
		fmt.Fprintln(e.stdout, "注意：", err)
	}
	g := &filingGuide{dir: dir}
	srv := preview.New(cfg.Out)
	srv.SetHome(g.home)
	srv.SetStart(g.page)
	var (
		once sync.Once
		last pipeline.SummaryReport // of the build being reported (Build, then OnBuild, one goroutine)
	)
	o := watch.Options{
		Dirs:     filingDirs(startFiling),
		Relevant: bundleFile,
		Ignore:   []string{cfg.Out},
		Build: func(ctx context.Context) (pipeline.Report, error) {
			rep, err := summarize(ctx, cfg)
			last = rep
			return pipeline.Report{Findings: rep.Findings, Pages: rep.Pages, Written: rep.Written}, err
		},
		Log:      e.stdout,
		Describe: func(watch.Result) string { return last.Line() },
		OnBuild: func(r watch.Result) {
			g.update(r, last)
			once.Do(func() { e.openFirst(open, url) })
		},
	}
	fmt.Fprintf(e.stdout, "预览地址：%s（新的备案包放进“%s”文件夹后自动重新汇总；按 Ctrl+C 或关闭本窗口即可停止）\n", url, startFiling)
	return e.served(serveOn(ctx, o, ln, srv))
}

// summarize runs summary; a folder without any bundle yet is where every
// superior starts, said as a warning (the guide page shows what to do),
// not as the error `jifen summary` reports.
func summarize(ctx context.Context, cfg pipeline.SummaryConfig) (pipeline.SummaryReport, error) {
	scan, err := summary.Scan(cfg.In)
	if err == nil && len(scan.Files) == 0 && !exists(filepath.Join(cfg.In, summary.ListFile)) {
		var rep pipeline.SummaryReport
		rep.Findings.Warnf(model.Pos{File: filepath.ToSlash(cfg.In)}, "还没有备案包：请把各支部报送的备案包（zip）原样放进这个文件夹（可以分子文件夹），放进后自动汇总")
		return rep, nil
	}
	return pipeline.Summary(ctx, cfg)
}

// filingDirs lists 备案/ and its folders, any depth, for the watcher:
// bundles arrive by e-mail into dated or per-branch subfolders.
func filingDirs(root string) func() ([]string, error) {
	return func() ([]string, error) {
		var dirs []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if !d.IsDir() {
				return nil
			}
			if p != root && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "~")) {
				return fs.SkipDir
			}
			if len(dirs) == maxFilingDirs {
				return fs.SkipAll
			}
			dirs = append(dirs, p)
			return nil
		})
		return dirs, err
	}
}

// bundleFile reports whether a file in 备案/ may be a bundle: any name
// (mail programs rename attachments), except office lock and temporary
// files and hidden ones.
func bundleFile(name string) bool {
	base := filepath.Base(name)
	return base != "" && !load.Skipped(base) && !strings.HasPrefix(base, ".")
}

// filingGuide is the superior's getting-started page: where to put the
// bundles, and what the last run found. It stands in for the home page
// until summary/ has one.
type filingGuide struct {
	dir string

	mu       sync.Mutex
	checked  bool
	bundles  int
	findings model.Findings
}

func (g *filingGuide) update(r watch.Result, rep pipeline.SummaryReport) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.checked, g.bundles = true, rep.Bundles
	g.findings, _ = r.Report.Findings.Shown()
}

func (g *filingGuide) home() []byte {
	if isFile(filepath.Join(startSummary, "index.html")) {
		return nil
	}
	return g.page()
}

func (g *filingGuide) page() []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	v := struct {
		Filing, Summary string
		Checked, Home   bool
		Bundles         int
		Findings        []welcomeFinding
	}{Filing: filepath.Join(g.dir, startFiling), Summary: filepath.Join(g.dir, startSummary), Checked: g.checked,
		Bundles: g.bundles, Home: isFile(filepath.Join(startSummary, "index.html"))}
	for _, f := range g.findings {
		v.Findings = append(v.Findings, welcomeFinding{Error: f.Level == model.Error, Line: f.Line()})
	}
	var b bytes.Buffer
	if err := guideTmpl.Execute(&b, v); err != nil {
		return []byte("<!doctype html><meta charset=utf-8><p>" + template.HTMLEscapeString(err.Error()))
	}
	return b.Bytes()
}

var guideTmpl = template.Must(template.New("guide").Parse(`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>汇总各支部备案包 · jifen</title>
<style>
body{margin:0;background:#f6f4f1;color:#222;font:16px/1.7 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif}
main{max-width:860px;margin:0 auto;padding:24px 20px 48px}
header{border-bottom:4px solid #b00;padding:8px 0 12px;margin-bottom:20px}
h1{font-size:28px;margin:0;color:#900}
h2{font-size:20px;margin:28px 0 8px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px 18px;margin:12px 0}
.path{display:block;font-family:Consolas,"Courier New",monospace;font-size:15px;word-break:break-all;background:#fff8e6;border:1px solid #e8d49a;border-radius:4px;padding:6px 10px;margin:4px 0}
ul.findings{padding-left:20px}
ul.findings li{margin:4px 0;word-break:break-all}
ul.findings li.error{color:#a00}
</style>
</head>
<body>
<main>
<header>
<h1>汇总各支部的备案包</h1>
<p>jifen 在这里按上级党组织的方式工作：读取各支部报送的备案包，校验、汇总，生成汇总网站和 汇总.xlsx。{{if .Home}}<a href="/">查看汇总</a>{{end}}</p>
</header>
<section class="card">
<h2 style="margin-top:0">备案包放在这里</h2>
<span class="path">{{.Filing}}</span>
<p>把各支部通过电子邮件或 U 盘报送的备案包（zip）<strong>原样</strong>放进这个文件夹，可以按年度、按支部分子文件夹，文件名随意。放进去几秒钟后，jifen 自动重新汇总，这个页面随之更新。</p>
<p>汇总结果在 <span class="path">{{.Summary}}</span>含党员等次和后续措施，只供内部使用，不要发布到网站上。</p>
</section>
<h2>汇总结果</h2>
<div class="card">
{{if not .Checked}}<p>正在汇总……</p>
{{else}}<p>已读取 {{.Bundles}} 个备案包。</p>{{if .Findings}}<ul class="findings">{{range .Findings}}<li{{if .Error}} class="error"{{end}}>{{.Line}}</li>{{end}}</ul>{{end}}{{end}}
</div>
</main>
</body>
</html>
`))
