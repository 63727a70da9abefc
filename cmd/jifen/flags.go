package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

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
		fs.BoolVar(&b.drafts, "drafts", false, "同时为支委会生成当前未结束季度的草稿（带「未公示草稿」水印，只写入 reports/年度/draft/，不进入公开网站）")
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
		// A flag is typed, not stored by Excel: one form only, so that
		// 46000 or 2027/1/10 is a mistake to correct, not a guess.
		d, err := time.Parse(time.DateOnly, b.asOf)
		if err != nil {
			return cfg, model.UserErrorf(model.KindUsage, "--as-of「%s」不是有效日期，请写成 2027-01-10 这样的年-月-日", b.asOf)
		}
		cfg.AsOf = model.NewDate(d.Date())
	}
	if fi, err := os.Stat(b.data); err != nil || !fi.IsDir() {
		return cfg, model.UserErrorf(model.KindUsage, "找不到数据目录 %s（可用 --data 指定，或用 jifen init 新建）", b.data)
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

// flagError turns the flag package's English errors into Chinese, naming
// the flag as it was typed in args (--bogus, not the package's -bogus).
func flagError(err error, args []string) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return "未知参数 " + typed(name, args)
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return "参数 " + typed(name, args) + " 需要一个值"
	}
	if rest, ok := strings.CutPrefix(msg, "invalid "); ok {
		// invalid value "x" for flag -name: …, invalid boolean value "x" for -name: …
		if i := strings.Index(rest, "value "); i >= 0 {
			rest = rest[i+len("value "):]
			if val, flagPart, ok := strings.Cut(rest, " for "); ok {
				name, _, _ := strings.Cut(strings.TrimPrefix(flagPart, "flag "), ":")
				return "参数 " + typed(name, args) + " 的值 " + val + " 无效"
			}
		}
	}
	return msg
}

// typed is the flag -name as the user wrote it: -name or --name.
func typed(name string, args []string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		a, _, _ = strings.Cut(a, "=")
		if a == name || a == "-"+name {
			return a
		}
	}
	return name
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
	_, ok := parseArgs(fs, args, 0, stderr)
	return ok
}

// parseArgs parses flags and at most maxArgs positional arguments, which
// may come before, between or after the flags (jifen init 党建 --year 2027
// as well as jifen init --year 2027 党建): the flag package alone stops at
// the first positional one. After "--" everything is positional.
func parseArgs(fs *flag.FlagSet, args []string, maxArgs int, stderr io.Writer) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if !errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(stderr, "jifen: %s\n", flagError(err, args))
			}
			printFlags(stderr, fs)
			return nil, false
		}
		rest := fs.Args()
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
	if len(pos) > maxArgs {
		fmt.Fprintf(stderr, "jifen: 多余的参数：%s\n", strings.Join(pos[maxArgs:], " "))
		return nil, false
	}
	return pos, true
}
