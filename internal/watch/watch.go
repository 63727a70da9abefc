// Package watch rebuilds the site when the data folder changes. It is the
// only importer of fsnotify.
//
// Office programs do not simply write a file: LibreOffice writes a temporary
// file and renames it onto the workbook (no Write on the target at all),
// Excel writes a temporary, deletes the workbook and renames the temporary,
// and both leave lock files around while the book is open (PITFALLS §3).
// So the package watches directories, never files; keeps only events for
// names that can change the output (see Relevant); drops Chmod-only events;
// and coalesces every burst into one build run by a single goroutine that
// never overlaps itself.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

// BuildFunc runs one build. Tests pass a fake; the CLI passes pipeline.Build
// bound to its Config.
type BuildFunc func(ctx context.Context) (pipeline.Report, error)

// Options configures Run.
type Options struct {
	// Dirs lists the directories to watch (data folder, each year folder,
	// pages/, the templates override). It is re-evaluated after each build
	// and whenever a directory is created in a watched one. Missing
	// directories are skipped.
	Dirs func() []string
	// Ignore lists output folders (site/, reports/) never watched, even when
	// Dirs names them or they sit inside a watched folder.
	Ignore []string
	// Build runs one build; required.
	Build BuildFunc
	// Debounce is how long the folders must stay quiet before a build
	// starts; 0 means 400 ms.
	Debounce time.Duration
	// Poll, when positive, replaces fsnotify by comparing the modification
	// time and size of the watched files every Poll (network shares, WSL
	// /mnt/c: no change notifications there).
	Poll time.Duration
	// OnBuild is called after every build, in build order, from the build
	// goroutine; the preview server pushes the result to browsers.
	OnBuild func(Result)
	// Log receives one line per build; nil discards.
	Log io.Writer
}

// Result is the outcome of one build as the watcher saw it.
type Result struct {
	Report pipeline.Report
	Err    error // internal failure, or a *load.BusyError after all retries
	OK     bool  // the build succeeded and replaced the site
}

// maxDelay bounds how long a stream of events can postpone a build, so a
// folder that never goes quiet (a sync client, a log written into it) still
// gets built.
const maxDelayFactor = 10

// Run builds once, then watches until ctx is done, rebuilding after every
// burst of relevant changes. Builds never overlap: changes that arrive
// during a build cause exactly one more build after it. Run returns nil
// when ctx is done, or an error when it cannot start.
func Run(ctx context.Context, o Options) error {
	if o.Build == nil {
		return fmt.Errorf("watch: Options.Build is nil")
	}
	if o.Dirs == nil {
		o.Dirs = func() []string { return nil }
	}
	if o.Debounce <= 0 {
		o.Debounce = 400 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	r := &runner{
		o:       o,
		ign:     newIgnorer(o.Ignore),
		events:  make(chan struct{}, 1),
		trigger: make(chan struct{}, 1),
	}

	var src source
	if o.Poll > 0 {
		src = newPoller(r)
	} else {
		n, err := newNotifier(r)
		if err != nil {
			// inotify instances exhausted (EMFILE) and the like: polling
			// still works everywhere.
			fmt.Fprintf(o.Log, "无法监视文件夹变化（%v），改为每秒检查一次\n", err)
			r.o.Poll = time.Second
			src = newPoller(r)
		} else {
			src = n
		}
	}
	if r.o.Poll > 0 {
		// A save spans two scans more often than not: wait at least a
		// scan and a half so it still makes one build.
		if d := r.o.Poll * 3 / 2; d > r.o.Debounce {
			r.o.Debounce = d
		}
	}
	defer src.close()
	src.sync() // watch before the first build, so edits during it are seen

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{}, 2)
	go func() { src.run(ctx); done <- struct{}{} }()
	go func() { r.debounce(ctx); done <- struct{}{} }()

	r.trigger <- struct{}{}
	r.buildLoop(ctx, src)
	cancel()
	<-done
	<-done
	return nil
}

// source delivers changes to runner.kick.
type source interface {
	sync() // re-evaluate Dirs and watch what is new
	run(ctx context.Context)
	close()
}

type runner struct {
	o       Options
	ign     ignorer
	events  chan struct{} // kick → debounce; capacity 1: one pending kick is enough
	trigger chan struct{} // debounce → build loop; capacity 1: the dirty flag
	builds  int
}

// kick records that something relevant changed.
func (r *runner) kick() {
	select {
	case r.events <- struct{}{}:
	default:
	}
}

// debounce turns kicks into triggers once the folders have been quiet for
// Debounce (or a burst has lasted maxDelayFactor times that).
func (r *runner) debounce(ctx context.Context) {
	var (
		t     *time.Timer
		fire  <-chan time.Time
		first time.Time
	)
	for {
		select {
		case <-ctx.Done():
			if t != nil {
				t.Stop()
			}
			return
		case <-r.events:
			if t == nil {
				first = time.Now()
				t = time.NewTimer(r.o.Debounce)
				fire = t.C
			} else if time.Since(first) < maxDelayFactor*r.o.Debounce {
				t.Reset(r.o.Debounce)
			}
		case <-fire:
			t, fire = nil, nil
			select {
			case r.trigger <- struct{}{}:
			default: // a build is already pending: it will see this change too
			}
		}
	}
}

// buildLoop is the single build goroutine.
func (r *runner) buildLoop(ctx context.Context, src source) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-r.trigger:
		}
		res, ok := r.buildWithRetry(ctx)
		if !ok {
			return // cancelled mid-build: nothing to report
		}
		r.log(res)
		r.builds++
		if r.o.OnBuild != nil {
			r.o.OnBuild(res)
		}
		src.sync()
	}
}

// buildWithRetry builds, and while the build meets files caught half-saved
// (a *load.BusyError, or files listed in Report.Transient) builds again
// after 100, 200, 400, 800 and 1600 ms before giving up. It reports false
// when ctx ended first.
func (r *runner) buildWithRetry(ctx context.Context) (Result, bool) {
	for attempt := 0; ; attempt++ {
		rep, err := r.o.Build(ctx)
		if ctx.Err() != nil {
			return Result{}, false
		}
		var busy *load.BusyError
		if (!errors.As(err, &busy) && len(rep.Transient) == 0) || attempt == len(retryDelays) {
			return Result{Report: rep, Err: err, OK: err == nil && !rep.Findings.HasErrors()}, true
		}
		t := time.NewTimer(retryDelays[attempt])
		select {
		case <-ctx.Done():
			t.Stop()
			return Result{}, false
		case <-t.C:
		}
	}
}
