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
//
// A save that ends with a rename is complete the moment the workbook
// appears: it builds after a few milliseconds (Settle), so the browser
// reloads as soon as the build is done. Only writes into the file itself —
// an in-place save, a copy — wait for the folder to be quiet for Debounce,
// since the file is whole only after the last of them.
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
	// directories are skipped. An error says the list is incomplete (a
	// folder could not be listed): nothing still on disk is unwatched
	// then, and Dirs is asked again after RetryDelay until it succeeds,
	// followed by a build.
	Dirs func() ([]string, error)
	// Relevant reports whether a change to a file of this name calls for a
	// build; nil means the package's Relevant (workbooks, pages, templates).
	Relevant func(name string) bool
	// Ignore lists output folders (site/, reports/) never watched, even when
	// Dirs names them or they sit inside a watched folder.
	Ignore []string
	// Build runs one build; required.
	Build BuildFunc
	// Debounce is how long the folders must stay quiet after a write into
	// a file before a build starts; 0 means 400 ms.
	Debounce time.Duration
	// Settle is how long a completed save (a workbook renamed or created
	// whole) waits for the rest of its burst before the build; 0 means
	// 30 ms. It shortens a pending Debounce wait, never lengthens one.
	Settle time.Duration
	// Poll, when positive, replaces fsnotify by comparing the modification
	// time and size of the watched files every Poll (network shares, WSL
	// /mnt/c: no change notifications there).
	Poll time.Duration
	// OnBuild is called after every build, in build order, from the build
	// goroutine; the preview server pushes the result to browsers.
	OnBuild func(Result)
	// Log receives one line per build; nil discards.
	Log io.Writer
	// Describe is a build's line in Log; nil means Report.Summary (a
	// watcher of something else than a register says what it built).
	Describe func(Result) string

	// queued, when set, is called each time the debouncer asks for a build,
	// whether or not one was already pending. Tests use it to know that the
	// watcher has taken a change in, instead of guessing how long that takes
	// on a busy machine.
	queued func()
}

// Result is the outcome of one build as the watcher saw it.
type Result struct {
	Report pipeline.Report
	Err    error // internal failure, or a *load.BusyError after all retries
	OK     bool  // the build succeeded and replaced the site
}

// RetryDelay is how long the watcher waits before asking Dirs again after
// it failed (a share that dropped for a moment, EMFILE, an antivirus lock).
var RetryDelay = time.Second

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
		o.Dirs = func() ([]string, error) { return nil, nil }
	}
	if o.Relevant == nil {
		o.Relevant = Relevant
	}
	if o.Debounce <= 0 {
		o.Debounce = 400 * time.Millisecond
	}
	if o.Settle <= 0 {
		o.Settle = 30 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	r := &runner{
		o:       o,
		ign:     newIgnorer(o.Ignore),
		events:  make(chan change, 16),
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
	events  chan change   // kick → debounce
	trigger chan struct{} // debounce → build loop; capacity 1: the dirty flag
	builds  int
}

// change is what a kick says about the files.
type change int

const (
	written change = iota // written into (or removed): more may follow
	saved                 // appeared whole: a completed save
)

// kick records that something relevant changed.
func (r *runner) kick() { r.note(written) }

// kickSaved records a completed save.
func (r *runner) kickSaved() { r.note(saved) }

func (r *runner) note(c change) {
	select {
	case r.events <- c:
	default: // the debouncer is behind: a pending change already builds
	}
}

// debounce turns kicks into triggers: a completed save after Settle, other
// changes once the folders have been quiet for Debounce (or a burst has
// lasted maxDelayFactor times that).
func (r *runner) debounce(ctx context.Context) {
	var (
		t        *time.Timer
		fire     <-chan time.Time
		first    time.Time // the burst's first change
		deadline time.Time
	)
	for {
		select {
		case <-ctx.Done():
			if t != nil {
				t.Stop()
			}
			return
		case c := <-r.events:
			now := time.Now()
			if t == nil {
				first = now
			}
			switch {
			case c == saved:
				// At once, even when a removal started a Debounce wait:
				// Excel deletes the workbook before renaming its
				// temporary onto it.
				if t == nil || now.Add(r.o.Settle).Before(deadline) {
					deadline = now.Add(r.o.Settle)
				}
			case t == nil || now.Sub(first) < maxDelayFactor*r.o.Debounce:
				deadline = now.Add(r.o.Debounce)
			}
			if t == nil {
				t = time.NewTimer(time.Until(deadline))
				fire = t.C
			} else {
				t.Reset(time.Until(deadline))
			}
		case <-fire:
			t, fire = nil, nil
			if r.o.queued != nil {
				r.o.queued() // before the build it asks for can start
			}
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
