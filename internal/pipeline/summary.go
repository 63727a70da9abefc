package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/publish"
	"github.com/jifen-dev/jifen/internal/render"
	"github.com/jifen-dev/jifen/internal/summary"
	"github.com/jifen-dev/jifen/internal/workbook"
	"golang.org/x/sync/errgroup"
)

// SummaryConfig is one run of `jifen summary` (SPEC §10).
type SummaryConfig struct {
	In    string           // the folder the bundles were received into
	Out   string           // the superior's site
	Clock func() time.Time // nil = time.Now; shown in footers
}

// SummaryReport is what a summary run did.
type SummaryReport struct {
	Findings model.Findings
	Bundles  int // bundle files found
	Valid    int // of which verified
	Read     int // verified in this run (new or changed files)
	Reused   int // taken from the previous run's state, unchanged
	Ignored  int // other files in the folder
	Branches int
	Periods  int
	Pages    int
	Elapsed  time.Duration
	Written  bool
}

// Summary builds the superior's site from the bundles in cfg.In and swaps
// it into cfg.Out: pages, 汇总.xlsx and the notices and registers as
// received. Bundles whose file (path, size, modification time) did not
// change since the last run are not read again. A non-nil error is an
// internal or usage failure; a folder without any bundle is an error
// finding, and nothing is written then.
func Summary(ctx context.Context, cfg SummaryConfig) (rep SummaryReport, err error) {
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	now := clock()
	defer func() { rep.Elapsed = clock().Sub(now) }()
	if fi, err := os.Stat(cfg.In); err != nil || !fi.IsDir() {
		return rep, model.UserErrorf(model.KindUsage, "找不到备案目录 %s（可用 --in 指定存放备案包的文件夹）", cfg.In)
	}
	in, _ := filepath.Abs(cfg.In)
	if out, err := filepath.Abs(cfg.Out); err != nil || publish.Within(out, in) || publish.Within(in, out) {
		return rep, model.UserErrorf(model.KindUsage, "汇总输出目录 %s 与备案目录 %s 重叠：jifen 不向备案目录写入任何文件，请换一个输出目录", cfg.Out, cfg.In)
	}
	if err := checkOutputs(Config{Data: cfg.In, Out: cfg.Out}); err != nil {
		return rep, err
	}
	scan, err := summary.Scan(cfg.In)
	if err != nil {
		return rep, err
	}
	shown := filepath.ToSlash(cfg.In)
	list, lfs := summary.ReadList(cfg.In, shown, workbook.Read)
	if lfs.HasErrors() {
		rep.Findings = lfs
		return rep, nil
	}
	rep.Ignored = scan.Ignored
	if len(scan.Files) == 0 && list == nil {
		rep.Findings.Errorf(model.Pos{File: shown}, "没有找到备案包（.zip）：请把各支部报送的备案包原样放进这个文件夹（可以分子文件夹）")
		return rep, nil
	}

	pub, err := publish.Begin(ctx, cfg.Out)
	if err != nil {
		return rep, err
	}
	defer pub.Abort()
	dir, err := pub.Dir(cfg.Out)
	if err != nil {
		return rep, err
	}
	old := summary.LoadState(cfg.Out)
	recv, err := verifyAll(ctx, scan.Files, old, cfg.Out, dir, summary.NewBudget(summary.MaxOutput), &rep)
	if err != nil {
		return rep, err
	}
	ru := summary.Roll(recv, summary.Options{Today: now, List: list, In: shown})
	for _, u := range scan.Unzipped {
		ru.Findings.Warnf(model.Pos{File: path.Join(shown, u)}, "这个文件夹看起来是解压后的备案包（有 manifest.json 和 summary.json）：解压后无法校验，未计入汇总；请放入支部发来的原始 zip 文件")
	}
	ru.Findings = append(ru.Findings, lfs...)
	ru.Findings.Sort()
	if err := dropUncounted(dir, ru, recv); err != nil {
		return rep, err
	}
	rep.Findings = ru.Findings
	rep.Bundles, rep.Valid, rep.Branches = ru.Bundles, ru.Valid, len(ru.Branches)
	for _, y := range ru.Years {
		rep.Periods += len(y.Periods())
		if y.Rules != nil {
			rep.Periods++ // the year's 细则 table, a page of its own
		}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	n, err := render.SummaryPages(dir, &render.SummaryInput{Rollup: ru, Now: now})
	if err != nil {
		return rep, fmt.Errorf("render summary: %w", err)
	}
	rep.Pages = n
	var xlsx bytes.Buffer
	if err := workbook.WriteSheets(&xlsx, ru.Sheets()); err != nil {
		return rep, err
	}
	if err := os.WriteFile(filepath.Join(dir, "汇总.xlsx"), xlsx.Bytes(), 0o644); err != nil {
		return rep, err
	}
	var txt bytes.Buffer
	rep.Findings.Print(&txt, 0)
	if err := os.WriteFile(filepath.Join(dir, "findings.txt"), txt.Bytes(), 0o644); err != nil {
		return rep, err
	}
	if err := summary.SaveState(dir, recv); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := pub.Commit(); err != nil {
		return rep, err
	}
	rep.Written = true
	return rep, nil
}

// verifyAll verifies the bundles on all cores, taking unchanged ones from
// the previous run (their extracted documents are linked, or copied, from
// the previous output prev into dir). The first failure cancels the
// bundles not yet started; results keep the order of files.
func verifyAll(ctx context.Context, files []summary.File, old summary.State, prev, dir string, budget *summary.Budget, rep *SummaryReport) ([]*summary.Received, error) {
	out := make([]*summary.Received, len(files))
	reused := make([]bool, len(files))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, f := range files {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			if r := old.Reusable(f, prev); r != nil {
				if err := carry(r, prev, dir, budget); err == nil {
					out[i], reused[i] = r, true
					return nil
				}
			}
			var err error
			out[i], err = summary.Verify(f, dir, budget)
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	for i := range files {
		if reused[i] {
			rep.Reused++
		} else {
			rep.Read++
		}
	}
	return out, nil
}

// carry brings a reused bundle's extracted documents from the previous
// output into the new one: a hard link when the file system allows, else
// a copy. Two copies of one bundle share the same documents. They count
// against the run's budget as if extracted anew.
func carry(r *summary.Received, prev, dir string, budget *summary.Budget) error {
	if r.Digest == nil {
		return nil
	}
	for _, p := range []string{r.Digest.Notice, r.Digest.Register} {
		if p == "" {
			continue
		}
		src := filepath.Join(prev, filepath.FromSlash(p))
		dst := filepath.Join(dir, filepath.FromSlash(p))
		fi, err := os.Stat(src)
		if err != nil {
			return err
		}
		if !budget.Take(fi.Size()) {
			return errors.New("over budget")
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.Link(src, dst); err == nil || errors.Is(err, os.ErrExist) {
			continue
		}
		if err := copyFile(src, dst); err != nil && !errors.Is(err, os.ErrExist) {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// dropUncounted removes from dir the documents of valid bundles the
// roll-up left out (made after today, or of a year too old): what does not
// count opens nothing, not even a file.
func dropUncounted(dir string, ru *summary.Rollup, recv []*summary.Received) error {
	used := map[string]bool{}
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			for _, r := range p.Rows {
				for _, rep := range r.Reports {
					for _, b := range rep.Bundles {
						used[b.Digest.Notice], used[b.Digest.Register] = true, true
					}
				}
			}
		}
	}
	for _, rc := range recv {
		if rc.Digest == nil {
			continue
		}
		for _, p := range []string{rc.Digest.Notice, rc.Digest.Register} {
			if p == "" || used[p] {
				continue
			}
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			os.Remove(filepath.Dir(filepath.Join(dir, filepath.FromSlash(p)))) // the branch's folder, when nothing else is in it
		}
	}
	return nil
}

// Line is the one line that ends a summary run.
func (r SummaryReport) Line() string {
	if n := r.Findings.Count(model.Error); n > 0 {
		return fmt.Sprintf("发现 %d 个错误，未生成汇总，上次的汇总保持不变（用时 %s）", n, seconds(r.Elapsed))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d 个备案包（校验通过 %d 个，未通过 %d 个；本次读取 %d 个，沿用上次校验 %d 个），%d 个支部，%d 期，%d 个页面",
		r.Bundles, r.Valid, r.Bundles-r.Valid, r.Read, r.Reused, r.Branches, r.Periods, r.Pages)
	if w := r.Findings.Count(model.Warning); w > 0 {
		fmt.Fprintf(&b, "，%d 条警告", w)
	} else {
		b.WriteString("，无警告")
	}
	fmt.Fprintf(&b, "，用时 %s", seconds(r.Elapsed))
	return b.String()
}
