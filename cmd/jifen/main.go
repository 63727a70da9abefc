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
	"runtime/debug"
	"syscall"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/scaffold"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// Exit statuses (SPEC §5).
const (
	exitOK    = 0
	exitData  = 1
	exitUsage = 2
)

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(pipeline.MemoryLimit)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program behind main, so that tests and defers work.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return env{stdout: stdout, stderr: stderr, clock: time.Now}.run(ctx, args)
}

// env is what a command runs with: its output streams and its clock. The
// clock dates documents, defaults --as-of and times the build; the CLI
// tests pass a fixed one, so the summary line reads 「用时 0.00 秒」.
type env struct {
	stdout, stderr io.Writer
	clock          func() time.Time
}

func (e env) run(ctx context.Context, args []string) int {
	defer workbook.RemoveTemp() // excelize's spill folder of this process
	if len(args) == 0 {
		return e.start(ctx) // a double-click on jifen.exe
	}
	cmd, args := args[0], args[1:]
	if commandFlags[cmd] && asksHelp(args) {
		// jifen build --help is a question, not a usage error: the
		// command's flags on stdout and status 0, as for jifen help.
		h := e
		h.stderr = e.stdout
		h.command(ctx, cmd, []string{"-h"})
		return exitOK
	}
	return e.command(ctx, cmd, args)
}

// command runs one command with its arguments.
func (e env) command(ctx context.Context, cmd string, args []string) int {
	stdout, stderr := e.stdout, e.stderr
	switch cmd {
	case "build":
		return e.build(ctx, args)
	case "check":
		return e.check(ctx, args)
	case "serve", "watch":
		return e.watch(ctx, cmd, args)
	case "init":
		return runInit(args, e.clock().Year(), stdout, stderr)
	case "new-year":
		return runNewYear(args, stdout, stderr)
	case "post":
		return e.post(ctx, args)
	case "summary":
		return e.summary(ctx, args)
	case "version", "-version", "--version":
		return e.version(args)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "jifen: 未知命令「%s」\n\n%s", cmd, usage)
	return exitUsage
}

// commandFlags are the commands that take flags, and so answer -h.
var commandFlags = map[string]bool{"build": true, "check": true, "serve": true, "watch": true,
	"init": true, "new-year": true, "post": true, "summary": true}

// asksHelp reports whether a command's arguments ask for its flags.
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help", "--h":
			return true
		}
	}
	return false
}

func (e env) build(ctx context.Context, args []string) int {
	var bf buildFlags
	fs := newFlagSet("build", e.stderr)
	bf.register(fs, true)
	cfg, ok := bf.parse(fs, args, e.stderr)
	if !ok {
		return exitUsage
	}
	cfg.Clock = e.clock
	rep, err := pipeline.Build(ctx, cfg)
	shown, more := rep.Findings.Shown()
	shown.Print(e.stderr, more)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(e.stderr, "jifen: 生成已中断，上次的网站与报表保持不变")
		} else {
			fmt.Fprintln(e.stderr, "jifen:", explain(err))
		}
		return exitUsage
	}
	fmt.Fprintln(e.stdout, "jifen: "+rep.Summary())
	if rep.Failed() {
		return exitData
	}
	return exitOK
}

// check lists every finding, notes included (build shows the first
// model.MaxShown errors and warnings only).
func (e env) check(ctx context.Context, args []string) int {
	var bf buildFlags
	var asJSON bool
	fs := newFlagSet("check", e.stderr)
	bf.register(fs, false)
	fs.BoolVar(&asJSON, "json", false, "以 JSON 行输出检查结果")
	cfg, ok := bf.parse(fs, args, e.stderr)
	if !ok {
		return exitUsage
	}
	cfg.Clock = e.clock
	rep, err := pipeline.Build(ctx, cfg)
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen:", explain(err))
		return exitUsage
	}
	if asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, f := range rep.Findings {
			if err := enc.Encode(f); err != nil {
				fmt.Fprintln(e.stderr, "jifen:", err)
				return exitUsage
			}
		}
	} else {
		rep.Findings.Print(e.stdout, 0)
		fmt.Fprintln(e.stdout, "jifen: "+rep.Summary())
	}
	if rep.Failed() {
		return exitData
	}
	return exitOK
}

func runInit(args []string, thisYear int, stdout, stderr io.Writer) int {
	var year int
	var demo bool
	fs := newFlagSet("init", stderr)
	fs.IntVar(&year, "year", thisYear, "新建哪一年的登记簿")
	fs.BoolVar(&demo, "demo", false, "写入示例党支部的演示数据（2025、2026 两年）")
	var members, rows int
	fs.IntVar(&members, "members", 0, "与 --demo 一起使用：生成 N 名党员的大型登记簿（一个已结束的年度，用于测量性能）")
	fs.IntVar(&rows, "rows-per-member", 100, "与 --members 一起使用：每名党员全年的日常登记行数")
	pos, ok := parseArgs(fs, args, 1, stderr)
	if !ok {
		return exitUsage
	}
	root := "."
	if len(pos) == 1 {
		root = pos[0]
	}
	if members > 0 {
		if !demo {
			fmt.Fprintln(stderr, "jifen: --members 只能与 --demo 一起使用")
			return exitUsage
		}
		given := false
		fs.Visit(func(f *flag.Flag) { given = given || f.Name == "year" })
		if !given {
			year = scaffold.LargeYear
		}
		files, err := scaffold.Large(root, year, members, rows)
		return created(files, err, stdout, stderr)
	}
	if year < 2000 || year > 2999 {
		fmt.Fprintf(stderr, "jifen: --year %d 不是有效年度\n", year)
		return exitUsage
	}
	if demo {
		files, err := scaffold.InitDemo(root, demoPoster())
		return created(files, err, stdout, stderr)
	}
	files, err := scaffold.Init(root, year, demo)
	return created(files, err, stdout, stderr)
}

// demoPoster replays the demo's postings with jifen post's own code
// (pipeline.PostAt), reusing parsed workbooks from one posting to the next.
func demoPoster() scaffold.Poster {
	cache := pipeline.NewCache()
	return func(ctx context.Context, data string, year, q int, date time.Time) error {
		return pipeline.PostAt(ctx, data, year, q, date, cache)
	}
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
	res, err := scaffold.NewYear(data, from, to)
	code := created(res.Files, err, stdout, stderr)
	if code == exitOK {
		printReview(stdout, to, res.Review)
	}
	return code
}

// explain words a failed build for the committee. A *model.UserError
// (anywhere in err's chain) is our own Chinese advice and is shown as it
// is; anything else is an internal failure, an I/O error or a bug that
// arrives in Go's English (wrapped as STYLE habit 3 says), and gets a
// Chinese sentence saying what happened to the outputs and what to do,
// with the cause kept for whoever maintains jifen. The type decides, not
// the text: a Chinese prefix around an English error is still internal.
func explain(err error) string {
	if msg, ok := model.UserMessage(err); ok {
		return model.Printable(msg)
	}
	return "生成中出错，上次的网站与报表保持不变。请检查磁盘空间和输出目录的权限后重试；仍不行，请把下面这行原因告诉维护人员：\n  " + model.Printable(err.Error())
}
