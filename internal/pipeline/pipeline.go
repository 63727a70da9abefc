// Package pipeline sequences a build and publishes it. Build is the only
// function that knows the order of the stages:
//
//	load.Load         read and validate the data folder (findings, *model.Register)
//	score.Score       score each year as of --as-of (*model.Result)
//	plan.Of           decide each year's documents, trees and paths
//	render.Public     the public pages, into a temporary site folder
//	stage.queue       every document of the plans (pdf, workbook, scores.json), in parallel
//	writeFilings      the 备案 bundles (filing), from the documents just written
//	render.Committee  the committee pages and draft previews, with this build's findings
//	publish.Commit    swap the temporary folders in (internal/publish)
//
// so a failed or interrupted build leaves the previous outputs exactly as
// they were. A Cache carries parsed workbooks and rendered documents from
// one build of a watcher to the next (cache.go).
package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pdf"
	"github.com/jifen-dev/jifen/internal/plan"
	"github.com/jifen-dev/jifen/internal/publish"
	"github.com/jifen-dev/jifen/internal/render"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/workbook"
	"golang.org/x/sync/errgroup"
)

// Config is one build's input.
type Config struct {
	Data      string    // data folder
	Out       string    // public site folder ("" = do not render the site)
	Reports   string    // committee folder ("" = do not write reports)
	Templates string    // override folder; "" = <Data>/../templates when it exists
	AsOf      time.Time // decides closed quarters and years (civil day, UTC); zero = today
	Drafts    bool      // also render the open quarter, watermarked
	// Clock is the build's clock: document dates, the build ID, the as-of
	// default and Report.Elapsed all read it; nil = time.Now. Tests pass a
	// fixed one.
	Clock func() time.Time
	Cache *Cache // nil = no reuse between builds (watch and serve pass one)
}

// MemoryLimit is the soft memory limit the command sets for itself (Go's
// runtime/debug.SetMemoryLimit, unless GOMEMLIMIT is given): the heap size
// at which the garbage collector starts working harder instead of letting
// the heap grow to twice what is live. Builds up to a few thousand members
// never reach it; a city's register of 20,000 members, whose scored lines
// alone hold about 300 MB, stays within 1 GiB (docs/performance.md).
const MemoryLimit = 768 << 20

// Build runs the pipeline once: read and validate the data folder (load),
// score every year (score), plan each year's documents (plan), render them
// into temporary trees (render, pdf, workbook, filing) and swap the trees
// in (internal/publish). A non-nil error is an internal failure (I/O, a bug,
// cancellation); data problems are in Report.Findings, and when any of them
// is an error nothing is written.
func Build(ctx context.Context, cfg Config) (rep Report, err error) {
	clock := cfg.Clock
	if clock == nil {
		clock = time.Now
	}
	now := clock()
	defer func() { rep.Elapsed = clock().Sub(now) }()
	rep.Publishes = cfg.Out != "" || cfg.Reports != ""
	if err := checkOutputs(cfg); err != nil {
		return rep, err
	}
	st := &stage{ctx: ctx, now: now, cache: cfg.Cache}
	if rep.Publishes {
		// Builds of the same outputs take turns; a killed one's leftovers
		// go, its half-done publication is finished (internal/publish).
		st.pub, err = publish.Begin(ctx, cfg.Out, cfg.Reports)
		if err != nil {
			return rep, err
		}
		defer st.pub.Abort() // a build that fails publishes nothing
	}
	asOf := cfg.AsOf
	if asOf.IsZero() {
		asOf = model.NewDate(now.Year(), now.Month(), now.Day())
	}
	reg, results, err := readAndScore(cfg, asOf, &rep)
	if err != nil {
		return rep, err
	}
	if rep.Findings.HasErrors() || !rep.Publishes {
		rep.Findings.Sort()
		return rep, nil
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	cfg.Cache.begin()
	in, err := st.plan(cfg, reg, results, &rep)
	if err != nil {
		return rep, err
	}
	if err := st.render(cfg, in, &rep); err != nil {
		return rep, err
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if err := st.pub.Commit(); err != nil {
		return rep, err
	}
	rep.Written = true
	cfg.Cache.end()
	return rep, nil
}

// readAndScore reads the data folder and scores every year as of asOf,
// counting what it read into rep.
func readAndScore(cfg Config, asOf time.Time, rep *Report) (*model.Register, []*model.Result, error) {
	data, err := load.Load(cfg.Data, load.Options{Read: workbook.Read, Cache: cfg.Cache.loadCache()})
	if err != nil {
		return nil, nil, err
	}
	rep.Findings = append(rep.Findings, data.Findings...)
	rep.Transient = data.Transient
	reg := data.Register
	rep.Years = len(reg.Years)
	if slices.ContainsFunc(reg.Years, unstarted) {
		// A year nobody has been entered into yet (the blank register of
		// jifen init; load said where to start) publishes nothing rather
		// than a 「共 0 人」 公示. A copy: the register may be cached.
		started := *reg
		started.Years = slices.DeleteFunc(slices.Clone(reg.Years), unstarted)
		reg = &started
	}

	var results []*model.Result
	ids := map[string]bool{}
	for _, y := range reg.Years {
		res, fs := score.Score(y, asOf)
		rep.Findings = append(rep.Findings, fs...)
		results = append(results, res)
		for _, m := range y.Members {
			ids[m.ID] = true
		}
		rep.Entries += len(y.Entries) + len(y.Claims) + len(y.Deductions)
		// Scoring made the quarters' lines, which carry what every page and
		// document shows; the rows themselves are not needed again, and at
		// a city's 2,000,000 rows they are 400 MB.
		y.Entries = nil
	}
	rep.Members = len(ids)
	attachArchive(results, rep)
	return reg, results, nil
}

// plan readies the documents of every year: the font, the cache's
// fingerprints, each year's publication plan, and the input of the pages.
func (st *stage) plan(cfg Config, reg *model.Register, results []*model.Result, rep *Report) (*render.Input, error) {
	var fontFindings model.Findings
	st.fontBytes, fontFindings = documentFont(cfg.Data, reg, results)
	if cfg.Cache != nil {
		fk := sha256.Sum256(st.fontBytes)
		st.fontKey = hex.EncodeToString(fk[:])
		st.prints = map[*model.Result]prints{}
		for _, res := range results {
			p, err := fingerprint(res)
			if err != nil {
				return nil, fmt.Errorf("fingerprint %d: %w", res.Year.Year, err)
			}
			st.prints[res] = p
		}
	}
	rep.Findings = append(rep.Findings, fontFindings...)
	rep.BuildID = buildID(st.now)
	plans := make([]*plan.Plan, len(results))
	for i, res := range results {
		plans[i] = plan.Of(res, cfg.Drafts)
	}
	return &render.Input{
		Register:  reg,
		Results:   results,
		Plans:     plans,
		Now:       st.now,
		BuildID:   rep.BuildID,
		Templates: TemplatesDir(cfg.Data, cfg.Templates),
		PDFs:      true,
	}, nil
}

// render writes both trees into their temporary folders: the public pages,
// every document of the plans, the 备案 bundles, then the committee pages
// and findings.txt, which show this build's findings, complete only once
// the documents are rendered.
func (st *stage) render(cfg Config, in *render.Input, rep *Report) error {
	dirs := map[plan.Tree]string{}
	if cfg.Out != "" {
		dir, err := st.pub.Dir(cfg.Out)
		if err != nil {
			return err
		}
		n, err := render.Public(dir, in)
		if err != nil {
			return fmt.Errorf("render site: %w", err)
		}
		rep.Pages += n
		dirs[plan.Public] = dir
	}
	if cfg.Reports != "" {
		dir, err := st.pub.Dir(cfg.Reports)
		if err != nil {
			return err
		}
		dirs[plan.Committee] = dir
	}
	for _, p := range in.Plans {
		st.queue(p, dirs)
	}
	if err := st.runJobs(); err != nil {
		return err
	}
	if cfg.Reports != "" {
		if err := st.writeFilings(dirs[plan.Public], dirs[plan.Committee], in.Plans); err != nil {
			return err
		}
	}
	rep.Findings = append(rep.Findings, st.findings...)
	rep.Findings.Sort()
	rep.PDFs = st.pdfs
	if cfg.Reports == "" {
		return nil
	}
	in.Findings = rep.Findings
	dir := dirs[plan.Committee]
	n, err := render.Committee(dir, in)
	if err != nil {
		return fmt.Errorf("render reports: %w", err)
	}
	rep.Pages += n
	var txt bytes.Buffer
	rep.Findings.Print(&txt, 0)
	if err := os.WriteFile(filepath.Join(dir, "findings.txt"), txt.Bytes(), 0o644); err != nil {
		return err
	}
	rep.FindingsFile = filepath.Join(cfg.Reports, "findings.txt")
	return nil
}

// buildID names a build in its pages, for the preview's reload. It derives
// from the build's clock alone, so a build with a fixed Config.Clock is
// byte-for-byte reproducible.
func buildID(now time.Time) string {
	h := sha256.Sum256([]byte(strconv.FormatInt(now.UnixNano(), 10)))
	return hex.EncodeToString(h[:6])
}

// TemplatesDir is the template override folder of a build: the one given,
// or the folder templates/ next to the data folder when it exists ("").
// The watcher watches the same folder.
func TemplatesDir(data, given string) string {
	if given != "" {
		return given
	}
	d := filepath.Join(data, "..", "templates")
	if fi, err := os.Stat(d); err == nil && fi.IsDir() {
		return d
	}
	return ""
}

// fontFor loads the 字体文件 of the newest year that names one; problems are
// warnings and the embedded font is used instead.
func fontFor(data string, reg *model.Register) ([]byte, model.Findings) {
	var fs model.Findings
	for i := len(reg.Years) - 1; i >= 0; i-- {
		s := reg.Years[i].Settings
		if s.FontFile == "" {
			continue
		}
		raw, err := load.DataFile(data, s.FontFile, load.MaxFontSize)
		if err != nil {
			fs.Warnf(s.Pos[model.SettingFontFile], "%v；已改用内置字体", err)
			return nil, fs
		}
		b, err := pdf.ParseFont(raw)
		if err != nil {
			fs.Warnf(s.Pos[model.SettingFontFile], "字体文件「%s」%v；已改用内置字体", s.FontFile, err)
			return nil, fs
		}
		return b, fs
	}
	return nil, fs
}

type stage struct {
	ctx       context.Context
	now       time.Time
	fontBytes []byte
	findings  model.Findings
	pdfs      int
	jobs      []docJob
	cache     *Cache
	fontKey   string
	prints    map[*model.Result]prints
	pub       *publish.Publication // the temporary trees and their swap
}

func (st *stage) options(draft bool) pdf.Options {
	return pdf.Options{Now: st.now, Font: st.fontBytes, Draft: draft, Compress: true}
}

// docJob renders one document straight into its file; jobs run on a pool
// of GOMAXPROCS workers, so at most that many documents are in memory.
type docJob struct {
	path   string
	pdf    bool
	key    [32]byte // what the document is made from; zero = never cached
	render func(w io.Writer) (model.Findings, error)
}

// add queues document d of res, to be written at path. A document the plan
// says is made from parts of the result is cached by them; one made from
// everything (scores.json) is always rendered.
func (st *stage) add(res *model.Result, path string, d plan.Doc, f func(w io.Writer) (model.Findings, error)) {
	j := docJob{path: path, pdf: strings.HasSuffix(path, ".pdf"), render: f}
	if p, ok := st.prints[res]; ok && len(d.Parts) > 0 {
		j.key = p.key(d.Parts, strconv.Itoa(int(d.Tree))+"/"+d.Path, d.Draft, st.fontKey, st.now.Format("2006-01-02"))
	}
	st.jobs = append(st.jobs, j)
}

// runJobs renders every queued document on all cores and writes them. The
// first failure cancels the jobs not yet started (the pools' one rule);
// findings are gathered in queue order so output stays deterministic.
func (st *stage) runJobs() error {
	jobs := st.jobs
	st.jobs = nil
	found := make([]model.Findings, len(jobs))
	g, ctx := errgroup.WithContext(st.ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, j := range jobs {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			fs, err := st.runJob(j)
			if err != nil {
				return fmt.Errorf("render %s: %w", filepath.Base(j.path), err)
			}
			found[i] = fs
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return err
	}
	for i, fs := range found {
		st.findings = append(st.findings, fs...)
		if jobs[i].pdf {
			st.pdfs++
		}
	}
	return nil
}

func (st *stage) runJob(j docJob) (model.Findings, error) {
	var zero [32]byte
	if j.key != zero {
		if d, ok := st.cache.get(j.key); ok {
			return d.findings, writeFileIn(j.path, d.data)
		}
	}
	if err := os.MkdirAll(filepath.Dir(j.path), 0o755); err != nil {
		return nil, err
	}
	f, err := os.Create(j.path)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	var w io.Writer = bw
	var kept *bytes.Buffer // a watcher's cache keeps the bytes too
	if j.key != zero {
		kept = &bytes.Buffer{}
		w = io.MultiWriter(bw, kept)
	}
	fs, err := j.render(w)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if kept != nil {
		st.cache.put(j.key, kept.Bytes(), fs)
	}
	return fs, nil
}

func writeFileIn(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// queue queues every document of a year's plan that goes into one of the
// trees being built (dirs), except the draft pages, which render.Committee
// writes with the committee pages, and the 备案 bundles, which writeFilings
// packs from the documents once they are written.
func (st *stage) queue(p *plan.Plan, dirs map[plan.Tree]string) {
	for _, d := range p.Docs {
		dir, ok := dirs[d.Tree]
		if r := st.renderer(p.Result, d); ok && r != nil {
			st.add(p.Result, filepath.Join(dir, filepath.FromSlash(d.Path)), d, r)
		}
	}
}

// renderer is how each kind of document of the plan is made.
func (st *stage) renderer(res *model.Result, d plan.Doc) func(w io.Writer) (model.Findings, error) {
	o := st.options(d.Draft)
	if r := posted(res, d, o); r != nil {
		return r
	}
	switch d.Kind {
	case plan.Scores:
		return func(w io.Writer) (model.Findings, error) {
			js, err := score.JSON(res)
			if err != nil {
				return nil, fmt.Errorf("scores.json: %w", err)
			}
			_, err = w.Write(js)
			return nil, err
		}
	case plan.Ledger:
		return func(w io.Writer) (model.Findings, error) { return nil, workbook.WriteLedger(w, res) }
	case plan.QuarterNotice:
		return func(w io.Writer) (model.Findings, error) { return pdf.QuarterNotice(w, res, d.Quarter, o) }
	case plan.Slips:
		return func(w io.Writer) (model.Findings, error) { return pdf.SlipsOf(w, res, d.Quarter, d.Slips.Members, o) }
	case plan.AnnualNotice:
		return func(w io.Writer) (model.Findings, error) { return pdf.AnnualNotice(w, res, o) }
	case plan.Register:
		return func(w io.Writer) (model.Findings, error) { return pdf.AnnualRegister(w, res, o) }
	}
	return nil
}

// unstarted reports a year whose roster has nobody in it.
func unstarted(y *model.Year) bool { return len(y.Members) == 0 }
