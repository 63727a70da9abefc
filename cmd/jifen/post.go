package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/jifen-dev/jifen/internal/archive"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
	"github.com/jifen-dev/jifen/internal/preview"
)

// post runs `jifen post PERIOD [--date DATE] [--data DIR] [--as-of DATE]`
// (SPEC §5, §11): it records that a period's notice was put up, archiving
// it into data/<year>/公示存档/. The preview's 「记录张贴」 runs the same
// (recordPosting).
func (e env) post(ctx context.Context, args []string) int {
	var data, date, asOf string
	fs := newFlagSet("post", e.stderr)
	fs.StringVar(&data, "data", "data", "数据目录")
	fs.StringVar(&date, "date", "", "张贴日期（默认今天；与 --as-of 一起使用时默认为该日），如 2026-04-03")
	fs.StringVar(&asOf, "as-of", "", "以该日期判断已结束的季度和年度（默认今天），如 2026-04-10")
	pos, ok := parseArgs(fs, args, 1, e.stderr)
	if !ok {
		return exitUsage
	}
	if len(pos) != 1 {
		fmt.Fprintln(e.stderr, "jifen: post 需要一个期间，例如 jifen post 2026Q1 --date 2026-04-03（年度评定结果公示写 jifen post 2026）")
		printFlags(e.stderr, fs)
		return exitUsage
	}
	var cfg pipeline.PostConfig
	var err error
	if cfg.Year, cfg.Period, err = pipeline.ParsePeriod(pos[0]); err != nil {
		fmt.Fprintln(e.stderr, "jifen:", err)
		return exitUsage
	}
	for _, f := range []struct {
		flag, val string
		to        *time.Time
	}{{"--date", date, &cfg.Date}, {"--as-of", asOf, &cfg.AsOf}} {
		if f.val == "" {
			continue
		}
		d, err := time.Parse(time.DateOnly, f.val)
		if err != nil {
			fmt.Fprintf(e.stderr, "jifen: %s「%s」不是有效日期，请写成 2026-04-03 这样的年-月-日\n", f.flag, f.val)
			return exitUsage
		}
		*f.to = model.NewDate(d.Date())
	}
	if fi, err := os.Stat(data); err != nil || !fi.IsDir() {
		fmt.Fprintf(e.stderr, "jifen: 找不到数据目录 %s（可用 --data 指定）\n", data)
		return exitUsage
	}
	cfg.Data, cfg.Clock = data, e.clock
	out, err := recordPosting(ctx, cfg)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(e.stderr, "jifen: 已中断，未记录张贴")
		} else {
			fmt.Fprintln(e.stderr, "jifen:", explain(err))
		}
		return exitUsage
	}
	w := e.stdout
	if !out.OK {
		w = e.stderr
		for _, l := range out.Findings {
			fmt.Fprintln(w, l)
		}
	}
	fmt.Fprintln(w, "jifen: "+out.Title)
	for _, l := range out.Lines {
		fmt.Fprintln(w, "  "+l)
	}
	if !out.OK {
		return exitData
	}
	return exitOK
}

// postOutcome is what a posting did, in the committee's words: the CLI
// prints it, the preview shows it as a page.
type postOutcome struct {
	OK       bool     // recorded, or nothing to record (已存档，无变化)
	Title    string   // one line
	Lines    []string // files written, changes, advice
	Findings []string // the register's errors when refused (model.Finding.Line)
}

// recordPosting records a posting (pipeline.Post) and says what it did.
// `jifen post` and the preview's 「记录张贴」 both run it, so the two do
// exactly the same.
func recordPosting(ctx context.Context, cfg pipeline.PostConfig) (postOutcome, error) {
	res, err := pipeline.Post(ctx, cfg)
	if err != nil {
		return postOutcome{}, err
	}
	var out postOutcome
	switch {
	case res.Refusal != "":
		out.Title = "未记录张贴：" + res.Refusal
		var errs model.Findings
		for _, f := range res.Findings {
			if f.Level == model.Error {
				errs = append(errs, f)
			}
		}
		shown, more := errs.Shown()
		for _, f := range shown {
			out.Findings = append(out.Findings, f.Line())
		}
		if more > 0 {
			out.Findings = append(out.Findings, model.MoreLine(more))
		}
	case res.Unchanged != nil:
		out.OK = true
		out.Title = fmt.Sprintf("%s已存档，无变化（%s张贴的记录：%s）", res.Label, model.DateCN(res.Unchanged.Posted), res.Unchanged.File)
	default:
		out.OK = true
		out.Title = fmt.Sprintf("已记录张贴：%s，张贴日期 %s", res.Label, model.DateCN(res.Date))
		for _, p := range res.Written {
			out.Lines = append(out.Lines, "已写入 "+filepath.ToSlash(p))
		}
		for _, c := range res.Changes {
			out.Lines = append(out.Lines, "更正："+archive.ChangeText(c)+"（调查结果："+c.Investigation+"）")
		}
		out.Lines = append(out.Lines, res.Notes...)
	}
	return out, nil
}

// enablePosting gives the preview's committee pages 「记录张贴」 (SPEC §8):
// it runs exactly what `jifen post` runs (recordPosting) on the data folder
// the preview builds, as of the same day.
func enablePosting(srv *preview.Server, cfg pipeline.Config) {
	srv.SetPoster(func(ctx context.Context, period string, date time.Time) (preview.PostResult, error) {
		year, q, err := pipeline.ParsePeriod(period)
		if err != nil {
			return preview.PostResult{Title: err.Error()}, nil
		}
		out, err := recordPosting(ctx, pipeline.PostConfig{Data: cfg.Data, Year: year, Period: q, Date: date,
			AsOf: cfg.AsOf, Clock: cfg.Clock})
		if err != nil {
			return preview.PostResult{}, err
		}
		return preview.PostResult{OK: out.OK, Title: out.Title, Lines: append(out.Findings, out.Lines...)}, nil
	})
}
