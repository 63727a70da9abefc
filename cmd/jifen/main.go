package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/scaffold"
	"github.com/jifen-dev/jifen/internal/watch"
)

// Exit statuses (SPEC §5).
const (
	exitOK    = 0
	exitData  = 1
	exitUsage = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program behind main, so that tests and defers work.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "build":
		return runBuild(ctx, args, stdout, stderr)
	case "check":
		return runCheck(ctx, args, stdout, stderr)
	case "serve", "watch":
		return runWatch(ctx, cmd, args, stdout, stderr)
	case "init":
		return runInit(args, stdout, stderr)
	case "new-year":
		return runNewYear(args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "jifen: 未知命令「%s」\n\n%s", cmd, usage)
	return exitUsage
}

const usage = `jifen：党员积分制管理——校验积分登记工作簿，计算季度与年度积分，生成公示网站、公示通知与备案材料。

用法：
  jifen build    [--data DIR] [--out DIR] [--reports DIR] [--as-of DATE] [--drafts]
  jifen check    [--data DIR] [--as-of DATE] [--json]
  jifen serve    [build 参数] [--addr 127.0.0.1:8080] [--poll]
  jifen watch    [build 参数] [--poll]
  jifen init     [--year YYYY] [--demo] [DIR]
  jifen new-year --from YYYY --to YYYY [--data DIR]

退出状态：0 成功（可有警告），1 数据有错误，2 用法或内部错误。
`

// buildFlags are shared by build, serve and watch.
type buildFlags struct {
	data, out, reports, templates, asOf string
	drafts                              bool
}

func (b *buildFlags) register(fs *flag.FlagSet, outputs bool) {
	fs.StringVar(&b.data, "data", "data", "数据目录")
	fs.StringVar(&b.asOf, "as-of", "", "以该日期判断已结束的季度和年度（默认今天），如 2027-01-10")
	if outputs {
		fs.StringVar(&b.out, "out", "site", "公开网站输出目录")
		fs.StringVar(&b.reports, "reports", "reports", "支委会报表输出目录")
		fs.StringVar(&b.templates, "templates", "", "模板覆盖目录（默认为数据目录旁的 templates/）")
		fs.BoolVar(&b.drafts, "drafts", false, "同时生成当前未结束季度的草稿（带「未公示草稿」水印）")
	}
}

// parse parses the command's flags and turns them into a build
// configuration, reporting either kind of problem.
func (b *buildFlags) parse(fs *flag.FlagSet, args []string, stderr io.Writer) (pipeline.Config, bool) {
	if !parse(fs, args, stderr) {
		return pipeline.Config{}, false
	}
	cfg, err := b.config()
	if err != nil {
		fmt.Fprintln(stderr, "jifen:", err)
		return cfg, false
	}
	return cfg, true
}

func (b *buildFlags) config() (pipeline.Config, error) {
	cfg := pipeline.Config{Data: b.data, Out: b.out, Reports: b.reports, Templates: b.templates, Drafts: b.drafts}
	if b.asOf != "" {
		d, err := load.ParseDate(b.asOf, false)
		if err != nil {
			return cfg, fmt.Errorf("--as-of「%s」不是有效日期，请写成 2027-01-10", b.asOf)
		}
		cfg.AsOf = d
	}
	if fi, err := os.Stat(b.data); err != nil || !fi.IsDir() {
		return cfg, fmt.Errorf("找不到数据目录 %s（可用 --data 指定，或用 jifen init 新建）", b.data)
	}
	return cfg, nil
}

// newFlagSet makes a flag set whose messages are ours: the flag package
// speaks English, and its usage lines would too.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("jifen "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// flagError turns the flag package's English errors into Chinese.
func flagError(err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "未知参数 " + name
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "参数 " + name + " 需要一个值"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid "); ok {
		// invalid value "x" for flag -name: …, invalid boolean value "x" for -name: …
		if i := strings.Index(rest, "value "); i >= 0 {
			rest = rest[i+len("value "):]
			if val, flagPart, ok := strings.Cut(rest, " for "); ok {
				name, _, _ := strings.Cut(strings.TrimPrefix(flagPart, "flag "), ":")
				return "参数 " + name + " 的值 " + val + " 无效"
			}
		}
	}
	return msg
}

// printFlags lists a command's flags in Chinese, for -h and usage errors.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s 的参数：\n", fs.Name())
	fs.VisitAll(func(f *flag.Flag) {
		def := ""
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			def = "（默认 " + f.DefValue + "）"
		}
		fmt.Fprintf(w, "  --%-10s %s%s\n", f.Name, f.Usage, def)
	})
}

func parse(fs *flag.FlagSet, args []string, stderr io.Writer) bool {
	return parseArgs(fs, args, 0, stderr)
}

// parseArgs parses flags followed by at most maxArgs positional arguments.
func parseArgs(fs *flag.FlagSet, args []string, maxArgs int, stderr io.Writer) bool {
	if err := fs.Parse(args); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintf(stderr, "jifen: %s\n", flagError(err))
		}
		printFlags(stderr, fs)
		return false
	}
	if fs.NArg() > maxArgs {
		fmt.Fprintf(stderr, "jifen: 多余的参数：%s\n", strings.Join(fs.Args()[maxArgs:], " "))
		return false
	}
	return true
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var bf buildFlags
	fs := newFlagSet("build", stderr)
	bf.register(fs, true)
	cfg, ok := bf.parse(fs, args, stderr)
	if !ok {
		return exitUsage
	}
	rep, err := pipeline.Build(ctx, cfg)
	// Notes (ignored and hidden sheets) recur on every build; build prints
	// what needs action and counts the rest, which check and findings.txt list.
	printFindings(stderr, actionable(rep.Findings))
	if err != nil {
		fmt.Fprintln(stderr, "jifen:", err)
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "jifen: 生成已中断，上次的网站与报表保持不变")
		}
		return exitUsage
	}
	fmt.Fprintln(stdout, summary(rep, true))
	if rep.Failed() {
		return exitData
	}
	return exitOK
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	var bf buildFlags
	var asJSON bool
	fs := newFlagSet("check", stderr)
	bf.register(fs, false)
	fs.BoolVar(&asJSON, "json", false, "以 JSON 行输出检查结果")
	cfg, ok := bf.parse(fs, args, stderr)
	if !ok {
		return exitUsage
	}
	rep, err := pipeline.Build(ctx, cfg)
	if err != nil {
		fmt.Fprintln(stderr, "jifen:", err)
		return exitUsage
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		for _, f := range rep.Findings {
			if err := enc.Encode(f); err != nil {
				fmt.Fprintln(stderr, "jifen:", err)
				return exitUsage
			}
		}
	} else {
		printFindings(stdout, rep.Findings)
		fmt.Fprintln(stdout, summary(rep, false))
	}
	if rep.Failed() {
		return exitData
	}
	return exitOK
}

func actionable(fs model.Findings) model.Findings {
	var out model.Findings
	for _, f := range fs {
		if f.Level > model.Info {
			out = append(out, f)
		}
	}
	return out
}

func printFindings(w io.Writer, fs model.Findings) {
	w.Write(pipeline.FindingsText(fs))
}

// summary is the one line that ends every build (SPEC §5).
func summary(rep pipeline.Report, built bool) string {
	var b strings.Builder
	b.WriteString("jifen: ")
	if n := rep.Findings.Count(model.Error); n > 0 {
		fmt.Fprintf(&b, "发现 %d 个错误", n)
		if w := rep.Findings.Count(model.Warning); w > 0 {
			fmt.Fprintf(&b, "、%d 条警告", w)
		}
		if built {
			b.WriteString("，未生成任何文件，上次的网站与报表保持不变")
		}
		fmt.Fprintf(&b, "（%d 个年度，%d 名人员，%d 条登记，用时 %s）", rep.Years, rep.Members, rep.Entries, seconds(rep.Elapsed))
		return b.String()
	}
	fmt.Fprintf(&b, "%d 个年度，%d 名人员，%d 条登记", rep.Years, rep.Members, rep.Entries)
	if built {
		fmt.Fprintf(&b, "，%d 个页面，%d 份 PDF", rep.Pages, rep.PDFs)
	}
	if w := rep.Findings.Count(model.Warning); w > 0 {
		fmt.Fprintf(&b, "，%d 条警告", w)
	} else {
		b.WriteString("，无警告")
	}
	if n := rep.Findings.Count(model.Info); n > 0 && built {
		fmt.Fprintf(&b, "，%d 条提示（见 jifen check）", n)
	}
	fmt.Fprintf(&b, "，用时 %s", seconds(rep.Elapsed))
	return b.String()
}

func seconds(d time.Duration) string {
	if os.Getenv("JIFEN_FIXED_ELAPSED") != "" { // stable output for CLI golden tests
		return "0.00 秒"
	}
	return fmt.Sprintf("%.2f 秒", d.Seconds())
}

func runWatch(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) int {
	var bf buildFlags
	var addr string
	var poll bool
	fs := newFlagSet(cmd, stderr)
	bf.register(fs, true)
	if cmd == "serve" {
		fs.StringVar(&addr, "addr", "127.0.0.1:8080", "预览服务器监听地址（默认仅本机）")
	}
	fs.BoolVar(&poll, "poll", false, "定时检查文件变化（用于网络共享目录等收不到文件事件的位置）")
	cfg, ok := bf.parse(fs, args, stderr)
	if !ok {
		return exitUsage
	}
	cfg.Cache = pipeline.NewCache()
	if err := watch.Main(ctx, cfg, addr, cmd == "serve", poll, stdout, stderr); err != nil && !errors.Is(err, context.Canceled) {
		fmt.Fprintln(stderr, "jifen:", err)
		return exitUsage
	}
	return exitOK
}

func runInit(args []string, stdout, stderr io.Writer) int {
	var year int
	var demo bool
	fs := newFlagSet("init", stderr)
	fs.IntVar(&year, "year", time.Now().Year(), "新建哪一年的登记簿")
	fs.BoolVar(&demo, "demo", false, "写入示例党支部的演示数据（2025、2026 两年）")
	if !parseArgs(fs, args, 1, stderr) {
		return exitUsage
	}
	root := "."
	if fs.NArg() == 1 {
		root = fs.Arg(0)
	}
	if year < 2000 || year > 2999 {
		fmt.Fprintf(stderr, "jifen: --year %d 不是有效年度\n", year)
		return exitUsage
	}
	files, err := scaffold.Init(root, year, demo)
	return created(files, err, stdout, stderr)
}

// created reports the files init and new-year wrote, or why they wrote none.
func created(files []string, err error, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintln(stderr, "jifen:", err)
		return exitUsage
	}
	for _, f := range files {
		fmt.Fprintln(stdout, "已创建", f)
	}
	return exitOK
}

func runNewYear(args []string, stdout, stderr io.Writer) int {
	var from, to int
	var data string
	fs := newFlagSet("new-year", stderr)
	fs.IntVar(&from, "from", 0, "沿用哪一年的设置、考核项目和名册")
	fs.IntVar(&to, "to", 0, "新建的年度")
	fs.StringVar(&data, "data", "data", "数据目录")
	if !parse(fs, args, stderr) {
		return exitUsage
	}
	if from == 0 || to == 0 {
		fmt.Fprintln(stderr, "jifen: new-year 需要 --from 和 --to，例如 jifen new-year --from 2026 --to 2027")
		return exitUsage
	}
	files, err := scaffold.NewYear(data, from, to)
	return created(files, err, stdout, stderr)
}
