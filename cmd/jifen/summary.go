package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/jifen-dev/jifen/internal/pipeline"
)

// summary is `jifen summary`: the superior organisation's roll-up of the
// branches' 备案 bundles (SPEC §10).
func (e env) summary(ctx context.Context, args []string) int {
	var cfg pipeline.SummaryConfig
	fs := newFlagSet("summary", e.stderr)
	fs.StringVar(&cfg.In, "in", "备案", "存放各支部备案包（zip）的文件夹，可含子文件夹")
	fs.StringVar(&cfg.Out, "out", "summary", "汇总网站输出目录")
	if !parse(fs, args, e.stderr) {
		return exitUsage
	}
	cfg.Clock = e.clock
	rep, err := pipeline.Summary(ctx, cfg)
	shown, more := rep.Findings.Shown()
	shown.Print(e.stderr, more)
	if err != nil {
		fmt.Fprintln(e.stderr, "jifen:", err)
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(e.stderr, "jifen: 汇总已中断，上次的汇总保持不变")
		}
		return exitUsage
	}
	fmt.Fprintln(e.stdout, "jifen: "+rep.Line())
	if rep.Findings.HasErrors() {
		return exitData
	}
	fmt.Fprintf(e.stdout, "jifen: 用浏览器打开 %s\n", filepath.ToSlash(filepath.Join(cfg.Out, "index.html")))
	return exitOK
}
