package watch

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

// The timing of these tests is generous on purpose: the machine that runs
// them may have two busy cores, where a goroutine that sleeps 150 ms can
// wake up half a second later. Conditions are polled, and "nothing more
// happened" is checked over a quiet period of two debounce intervals.
//
// A debounce test asserts that changes closer together than Debounce make
// one build, which holds only while the writer is faster than Debounce:
// the tests write at most 150 ms apart and wait 1.5 s (10:1; at 400 ms a
// stall of 250 ms under go test -race at a load average of 30 made an
// extra build). Saves that end with a rename must not wait for Debounce
// at all: their tests set it to a minute, so a build that came from the
// debounce timer, not from the completed save, cannot arrive in time.

const (
	waitLimit = 10 * time.Second
	debounce  = 1500 * time.Millisecond
	quiet     = 2 * debounce
	never     = time.Minute // a Debounce that no test waits for
)

// TestMain raises -test.parallel (GOMAXPROCS, 2 here) unless it was given:
// the scenarios below spend their time sleeping through debounce periods,
// not computing, and run one after another they would take half a minute.
func TestMain(m *testing.M) {
	flag.Parse()
	set := false
	flag.Visit(func(f *flag.Flag) { set = set || f.Name == "test.parallel" })
	if !set {
		flag.Set("test.parallel", "8")
	}
	os.Exit(m.Run())
}

// fakeBuild counts builds, records what each one saw and catches overlap.
type fakeBuild struct {
	dir    string        // folder it lists (recursively)
	target string        // file whose content it records
	cost   time.Duration // simulated build time
	// report, when set, decides the outcome from the build's number (1-based)
	// and the target's content.
	report func(n int, content string) (pipeline.Report, error)
	// gate, when set, returns a channel that build n waits on after reading
	// its inputs (nil: no wait), so that a test decides when it ends.
	gate func(n int) <-chan struct{}

	running atomic.Int32
	overlap atomic.Bool

	mu     sync.Mutex
	n      int
	seen   []string    // target content per build
	files  [][]string  // relative file list per build
	starts []time.Time // start time per build
}

func (f *fakeBuild) build(ctx context.Context) (pipeline.Report, error) {
	if f.running.Add(1) > 1 {
		f.overlap.Store(true)
	}
	defer f.running.Add(-1)
	f.mu.Lock()
	f.n++
	n := f.n
	f.starts = append(f.starts, time.Now())
	f.mu.Unlock()

	content := "<missing>"
	if b, err := os.ReadFile(f.target); err == nil {
		content = string(b)
	}
	var files []string
	filepath.WalkDir(f.dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(f.dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(files)
	if f.cost > 0 {
		select {
		case <-time.After(f.cost):
		case <-ctx.Done():
			return pipeline.Report{}, ctx.Err()
		}
	}
	if f.gate != nil {
		if ch := f.gate(n); ch != nil {
			select {
			case <-ch:
			case <-ctx.Done():
				return pipeline.Report{}, ctx.Err()
			}
		}
	}
	f.mu.Lock()
	f.seen = append(f.seen, content)
	f.files = append(f.files, files)
	f.mu.Unlock()
	if f.report != nil {
		return f.report(n, content)
	}
	return pipeline.Report{BuildID: fmt.Sprint(n)}, nil
}

func (f *fakeBuild) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.n
}

func (f *fakeBuild) last() (string, []string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.seen) == 0 {
		return "", nil
	}
	return f.seen[len(f.seen)-1], f.files[len(f.files)-1]
}

// harness runs Run in the background for one test.
type harness struct {
	t       *testing.T
	fb      *fakeBuild
	log     *syncBuffer
	mu      sync.Mutex
	results []Result
}

func (h *harness) onBuild(r Result) {
	h.mu.Lock()
	h.results = append(h.results, r)
	h.mu.Unlock()
}

func (h *harness) resultCount() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.results)
}

func (h *harness) result(i int) Result {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.results[i]
}

type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs the watcher over o (Build, OnBuild and Log filled in) and
// waits for the initial build.
func start(t *testing.T, fb *fakeBuild, o Options) *harness {
	t.Helper()
	h := &harness{t: t, fb: fb, log: &syncBuffer{}}
	o.Build = fb.build
	o.OnBuild = h.onBuild
	o.Log = h.log
	if o.Debounce == 0 {
		o.Debounce = debounce
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, o) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-errc:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(waitLimit):
			t.Errorf("Run did not return after cancel")
		}
		if fb.overlap.Load() {
			t.Errorf("builds overlapped")
		}
	})
	h.waitResults(1)
	return h
}

// waitResults waits until n builds have been reported.
func (h *harness) waitResults(n int) {
	h.t.Helper()
	waitFor(h.t, fmt.Sprintf("%d build results", n), func() bool { return h.resultCount() >= n })
}

// settle checks that, after a quiet period, exactly n builds were reported.
func (h *harness) settle(n int) {
	h.t.Helper()
	h.waitResults(n)
	time.Sleep(quiet)
	if got := h.resultCount(); got != n {
		h.t.Fatalf("builds = %d, want %d (log:\n%s)", got, n, h.log.String())
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(waitLimit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func staticDirs(dirs ...string) func() ([]string, error) {
	return func() ([]string, error) { return dirs, nil }
}

func setup(t *testing.T) (dir, target string, fb *fakeBuild) {
	dir = t.TempDir()
	target = filepath.Join(dir, "名单.xlsx")
	write(t, target, "v1")
	return dir, target, &fakeBuild{dir: dir, target: target}
}

// LibreOffice: lock file, temporary written twice and renamed onto the
// workbook, CHMOD, lock removed. There is no Write on the target, and the
// build follows the rename at once (Settle), whatever Debounce is.
func TestLibreOfficeSave(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir), Debounce: never})
	saved := zipBytes(t, "v2")

	lock := filepath.Join(dir, ".~lock.名单.xlsx#")
	write(t, lock, ",张三,PC-01,24.11.2026 09:12,file:///C:/Users/张三/AppData/Roaming/LibreOffice/4;")
	tmp := filepath.Join(dir, "lu17043ihju.tmp")
	f, err := os.Create(tmp)
	must(t, err)
	_, err = f.Write(saved[:len(saved)/2])
	must(t, err)
	time.Sleep(80 * time.Millisecond)
	_, err = f.Write(saved[len(saved)/2:])
	must(t, err)
	must(t, f.Close())
	time.Sleep(90 * time.Millisecond)
	must(t, os.Rename(tmp, target))
	must(t, os.Chmod(target, 0o600))
	must(t, os.Remove(lock))

	h.settle(2)
	if got, _ := fb.last(); got != string(saved) {
		t.Errorf("build saw %q, want the saved content", got)
	}
}

// Excel: owner file, temporary without extension, workbook deleted,
// temporary renamed onto it, owner file removed. The deletion starts a
// Debounce wait; the rename that completes the save builds at once
// (Settle), and only once, however long the machine took between the two.
func TestExcelSave(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir), Debounce: never})

	owner := filepath.Join(dir, "~$名单.xlsx")
	write(t, owner, strings.Repeat("张三 ", 20))
	tmp := filepath.Join(dir, "Cedd4100")
	saved := string(zipBytes(t, "excel v2"))
	write(t, tmp, saved)
	must(t, os.Remove(target))
	time.Sleep(30 * time.Millisecond)
	must(t, os.Rename(tmp, target))
	must(t, os.Remove(owner))

	h.settle(2)
	got, files := fb.last()
	if got != saved {
		t.Errorf("build saw %q, want the saved content", got)
	}
	if strings.Join(files, ",") != "名单.xlsx" {
		t.Errorf("build saw files %v, want [名单.xlsx]", files)
	}
}

// An in-place writer: three writes 150 ms apart make one build, after the
// last write.
func TestSlowInPlaceWrite(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
	must(t, err)
	for i, part := range []string{"PK part1 ", "part2 ", "part3"} {
		if i > 0 {
			time.Sleep(150 * time.Millisecond)
		}
		_, err := f.WriteString(part)
		must(t, err)
	}
	lastWrite := time.Now()
	must(t, f.Close())

	h.settle(2)
	if got, _ := fb.last(); got != "PK part1 part2 part3" {
		t.Errorf("build saw %q, want the whole file", got)
	}
	fb.mu.Lock()
	started := fb.starts[1]
	fb.mu.Unlock()
	if !started.After(lastWrite) {
		t.Errorf("rebuild started %v before the last write", lastWrite.Sub(started))
	}
}

// A file created and then written in pieces (a copy, a download) is whole
// only after the last write: one build, after it, even though a Create came
// first.
func TestCreatedThenWritten(t *testing.T) {
	t.Parallel()
	dir, _, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	whole := zipBytes(t, "copied")
	f, err := os.Create(filepath.Join(dir, "新.xlsx"))
	must(t, err)
	for i := 0; i < len(whole); i += len(whole)/3 + 1 {
		if i > 0 {
			time.Sleep(150 * time.Millisecond)
		}
		_, err := f.Write(whole[i:min(i+len(whole)/3+1, len(whole))])
		must(t, err)
	}
	lastWrite := time.Now()
	must(t, f.Close())

	h.settle(2)
	fb.mu.Lock()
	started := fb.starts[1]
	fb.mu.Unlock()
	if !started.After(lastWrite) {
		t.Errorf("rebuild started %v before the last write", lastWrite.Sub(started))
	}
}

func TestWhole(t *testing.T) {
	dir := t.TempDir()
	z := zipBytes(t, "x")
	var commented bytes.Buffer
	zw := zip.NewWriter(&commented)
	zw.SetComment("备注")
	zw.Close()
	for _, tc := range []struct {
		name string
		data []byte
		want bool
	}{
		{"a.xlsx", z, true},
		{"b.xlsx", z[:len(z)-1], false},
		{"c.xlsx", z[:len(z)/2], false},
		{"d.xlsx", nil, false},
		{"e.xlsx", commented.Bytes(), true},
		{"f.md", []byte("# 标题"), true},
		{"g.md", nil, false},
	} {
		p := filepath.Join(dir, tc.name)
		must(t, os.WriteFile(p, tc.data, 0o644))
		if got := whole(p); got != tc.want {
			t.Errorf("whole(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if whole(filepath.Join(dir, "missing.xlsx")) {
		t.Error("a missing file is whole")
	}
}

// zipBytes is a small complete zip, as a workbook saved whole is.
func zipBytes(t *testing.T, content string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("xl/workbook.xml")
	must(t, err)
	_, err = w.Write([]byte(content))
	must(t, err)
	must(t, zw.Close())
	return b.Bytes()
}

// touch, antivirus and indexers only change attributes.
func TestChmodOnly(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	must(t, os.Chmod(target, 0o600))
	must(t, os.Chtimes(target, time.Now(), time.Now()))
	must(t, os.Chmod(target, 0o644))
	h.settle(1)
}

// Lock files, temporaries and unrelated files alone never build.
func TestIgnoredNamesOnly(t *testing.T) {
	t.Parallel()
	dir, _, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	for _, name := range []string{"~$名单.xlsx", ".~lock.名单.xlsx#", ".~名单.xlsx", "lu1.tmp", "名单.xlsx.bak",
		"Cedd4100", ".DS_Store", "Thumbs.db", "notes.txt"} {
		write(t, filepath.Join(dir, name), "x")
	}
	h.settle(1)
}

// A new year folder with a workbook in it builds, and is watched afterwards.
func TestNewYearDirectory(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "data")
	must(t, os.MkdirAll(filepath.Join(data, "2026"), 0o755))
	write(t, filepath.Join(data, "2026", "登记.xlsx"), "2026")
	fb := &fakeBuild{dir: data, target: filepath.Join(data, "2027", "登记.xlsx")}
	h := start(t, fb, Options{Dirs: DataDirs(data, "")})

	// The workbook lands straight after the folder, before any watch on it
	// could exist: the build must still see it.
	must(t, os.Mkdir(filepath.Join(data, "2027"), 0o755))
	write(t, filepath.Join(data, "2027", "登记.xlsx"), "2027 v1")
	h.settle(2)
	got, files := fb.last()
	if got != "2027 v1" || strings.Join(files, ",") != "2026/登记.xlsx,2027/登记.xlsx" {
		t.Errorf("build saw %q in %v", got, files)
	}

	write(t, filepath.Join(data, "2027", "登记.xlsx"), "2027 v2")
	h.settle(3)
	if got, _ := fb.last(); got != "2027 v2" {
		t.Errorf("build saw %q, want 2027 v2: the new folder is not watched", got)
	}
}

// TestArchiveRecord: jifen post (or the preview's 「记录张贴」) creates a
// year's 公示存档 and writes a record into it; the build must follow, since
// a posting changes what the site publishes (SPEC §11) — and again for a
// later record, once the folder is watched.
func TestArchiveRecord(t *testing.T) {
	t.Parallel()
	data := filepath.Join(t.TempDir(), "data")
	must(t, os.MkdirAll(filepath.Join(data, "2026"), 0o755))
	write(t, filepath.Join(data, "2026", "登记.xlsx"), "2026")
	archive := filepath.Join(data, "2026", model.ArchiveDir)
	record := filepath.Join(archive, "2026-Q1-公示-20260403.json")
	fb := &fakeBuild{dir: data, target: record}
	start(t, fb, Options{Dirs: DataDirs(data, "")})
	saw := func(want string) func() bool {
		return func() bool { got, _ := fb.last(); return got == want }
	}
	waitFor(t, "the first build", saw("<missing>"))

	must(t, os.Mkdir(archive, 0o755))
	write(t, filepath.Join(archive, "2026-Q1-公示-20260403.pdf"), "%PDF")
	write(t, record, "{v1}")
	waitFor(t, "a build that sees the record", saw("{v1}"))
	write(t, record, "{v2}") // a change inside the folder, now watched
	waitFor(t, "a build that sees the record changed", saw("{v2}"))
}

// Windows Explorer makes 新建文件夹 and the user renames it to the year.
func TestRenamedNewDirectory(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	fb := &fakeBuild{dir: data, target: filepath.Join(data, "2027", "登记.xlsx")}
	h := start(t, fb, Options{Dirs: DataDirs(data, "")})

	must(t, os.Mkdir(filepath.Join(data, "新建文件夹"), 0o755))
	time.Sleep(50 * time.Millisecond)
	must(t, os.Rename(filepath.Join(data, "新建文件夹"), filepath.Join(data, "2027")))
	h.settle(2)
	write(t, filepath.Join(data, "2027", "登记.xlsx"), "v1")
	h.settle(3)
	if got, _ := fb.last(); got != "v1" {
		t.Errorf("build saw %q, want v1", got)
	}
}

// Deleting a year folder rebuilds.
func TestRemovedDirectory(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	must(t, os.Mkdir(filepath.Join(data, "2025"), 0o755))
	write(t, filepath.Join(data, "2025", "a.xlsx"), "x")
	fb := &fakeBuild{dir: data, target: filepath.Join(data, "2025", "a.xlsx")}
	h := start(t, fb, Options{Dirs: DataDirs(data, "")})

	must(t, os.RemoveAll(filepath.Join(data, "2025")))
	h.settle(2)
	if got, files := fb.last(); got != "<missing>" || len(files) != 0 {
		t.Errorf("build saw %q in %v", got, files)
	}
}

// Output folders are never watched, even when Dirs names them.
func TestIgnoredOutput(t *testing.T) {
	t.Parallel()
	dir, _, fb := setup(t)
	site := filepath.Join(dir, "site")
	must(t, os.Mkdir(site, 0o755))
	h := start(t, fb, Options{Dirs: staticDirs(dir, site), Ignore: []string{site}})

	write(t, filepath.Join(site, "index.html"), "<html>")
	must(t, os.Mkdir(filepath.Join(site, "2026"), 0o755))
	h.settle(1)
}

// A failed build is reported as not OK with its findings; the next good
// build is OK again.
func TestFailedThenGood(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	fb.report = func(n int, content string) (pipeline.Report, error) {
		var rep pipeline.Report
		if content == "bad" {
			rep.Findings.Errorf(model.Pos{File: "data/2026/名单.xlsx", Sheet: "党员名册", Row: 7, Col: 2}, "姓名为空")
			return rep, nil
		}
		rep.BuildID = fmt.Sprint(n)
		return rep, nil
	}
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	write(t, target, "bad")
	h.settle(2)
	if r := h.result(1); r.OK || r.Err != nil || len(r.Report.Findings) != 1 {
		t.Fatalf("bad build: %+v", r)
	}
	write(t, target, "good")
	h.settle(3)
	if r := h.result(2); !r.OK || r.Report.BuildID != "3" {
		t.Fatalf("good build: %+v", r)
	}
	log := h.log.String()
	for _, want := range []string{
		" 已生成：0 个年度，0 名人员，0 条登记，无警告，用时 0.00 秒\n",
		" 发现 1 个错误（0 个年度，0 名人员，0 条登记，用时 0.00 秒）\ndata/2026/名单.xlsx:党员名册!B7: 错误：姓名为空\n",
		" 已重新生成：0 个年度",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

// Changes during a build cause exactly one more build, never an
// overlapping one.
//
// The second build is held open until the watcher has taken in every
// change made during it: how long a build lasts against how fast a busy
// machine delivers the events is no part of the test. Each change is one
// write(2), so one inotify event: os.WriteFile would be two (the truncation
// and the write), and a busy scheduler can put a debounce period between
// them.
func TestChangesDuringBuild(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	release := make(chan struct{})
	fb.gate = func(n int) <-chan struct{} {
		if n == 2 {
			return release
		}
		return nil
	}
	var queued atomic.Int32
	h := start(t, fb, Options{Dirs: staticDirs(dir), Debounce: 100 * time.Millisecond,
		queued: func() { queued.Add(1) }})

	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	must(t, err)
	defer f.Close()
	put := func(s string) {
		t.Helper()
		if _, err := f.WriteAt([]byte(s), 0); err != nil {
			t.Fatal(err)
		}
	}
	put("v2")
	waitFor(t, "second build to start", func() bool { return fb.count() == 2 })
	for i := 3; i <= 6; i++ {
		// Each change is its own burst, taken in while the build runs.
		q := queued.Load()
		put(fmt.Sprintf("v%d", i))
		waitFor(t, fmt.Sprintf("the watcher to take v%d in", i), func() bool { return queued.Load() > q })
	}
	if n := fb.count(); n != 2 {
		t.Fatalf("build %d started while build 2 was running", n)
	}
	close(release)
	h.settle(3)
	if got, _ := fb.last(); got != "v6" {
		t.Errorf("last build saw %q, want v6", got)
	}
}

// A workbook caught half-saved is retried quietly until it reads well.
func TestTransientRetried(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	fb.report = func(n int, content string) (pipeline.Report, error) {
		if n == 2 || n == 3 {
			var rep pipeline.Report
			rep.Transient = []string{"名单.xlsx"}
			rep.Findings.Errorf(model.Pos{File: "名单.xlsx"}, "文件正在被保存或已损坏")
			return rep, nil
		}
		return pipeline.Report{BuildID: fmt.Sprint(n)}, nil
	}
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	write(t, target, "v2")
	h.settle(2)
	if r := h.result(1); !r.OK || r.Report.BuildID != "4" {
		t.Errorf("result after retries: %+v, want OK from the 4th build", r)
	}
	if n := fb.count(); n != 4 {
		t.Errorf("builds run = %d, want 4 (two retries)", n)
	}
}

// A file that stays broken is retried five times, then reported.
func TestTransientGivesUp(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	fb.report = func(n int, content string) (pipeline.Report, error) {
		if n > 1 {
			return pipeline.Report{}, load.Busy(filepath.ToSlash(target), &fs.PathError{Op: "open", Path: target, Err: zip.ErrFormat})
		}
		return pipeline.Report{BuildID: "1"}, nil
	}
	h := start(t, fb, Options{Dirs: staticDirs(dir)})

	write(t, target, "broken")
	h.settle(2)
	r := h.result(1)
	var busy *load.BusyError
	if r.OK || !errors.As(r.Err, &busy) || busy.Error() != "名单.xlsx：文件正在被保存或已损坏，请保存完成后重试" {
		t.Errorf("result = %+v, want a BusyError naming 名单.xlsx", r)
	}
	if n := fb.count(); n != 1+1+len(retryDelays) {
		t.Errorf("builds run = %d, want %d", n, 2+len(retryDelays))
	}
	if !strings.Contains(h.log.String(), "生成失败：名单.xlsx：文件正在被保存或已损坏，请保存完成后重试。网站保持上一次成功生成的版本") {
		t.Errorf("log:\n%s", h.log.String())
	}
}

// --poll sees the same saves without fsnotify, and ignores the same names.
func TestPoll(t *testing.T) {
	t.Parallel()
	dir, target, fb := setup(t)
	h := start(t, fb, Options{Dirs: staticDirs(dir), Poll: 100 * time.Millisecond})

	write(t, filepath.Join(dir, "~$名单.xlsx"), "owner")
	write(t, filepath.Join(dir, "lu1.tmp"), "tmp")
	h.settle(1)

	tmp := filepath.Join(dir, "Cedd4100")
	write(t, tmp, "PK polled")
	must(t, os.Remove(target))
	must(t, os.Rename(tmp, target))
	h.settle(2)
	if got, _ := fb.last(); got != "PK polled" {
		t.Errorf("build saw %q", got)
	}

	sub := filepath.Join(dir, "2027")
	must(t, os.Mkdir(sub, 0o755))
	write(t, filepath.Join(sub, "a.xlsx"), "x")
	h.settle(2) // sub is not in Dirs: nothing
}

// A lost-events error from the watcher makes a full rebuild.
func TestOverflowRebuilds(t *testing.T) {
	t.Parallel()
	r := &runner{o: Options{Dirs: staticDirs(t.TempDir()), Log: &syncBuffer{}}, events: make(chan change, 16)}
	n, err := newNotifier(r)
	must(t, err)
	defer n.close()
	n.sync()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go n.run(ctx)
	n.w.Errors <- fsnotify.ErrEventOverflow
	select {
	case <-r.events:
	case <-time.After(waitLimit):
		t.Fatal("overflow did not trigger a build")
	}
}

func TestRelevant(t *testing.T) {
	for _, tc := range []struct {
		name string
		want bool
	}{
		{"名单.xlsx", true},
		{"名单.XLSX", true},
		{"data/2026/登记.xlsx", true},
		{"实施方案.md", true},
		{"base.html", true},
		{"style.css", true},
		{"filter.js", true},
		{"page.tmpl", true},
		{"旧表.xls", true},
		{"旧表.et", true},
		{"名单.csv", true},
		{"名单.ods", true},
		{"名单.xlsm", true},
		{"模板.ett", true},
		{"~$名单.xlsx", false},
		{"~名单.xlsx", false},
		{".~lock.名单.xlsx#", false},
		{".~名单.xlsx", false},
		{".hidden.xlsx", false},
		{"lu17043ihju.tmp", false},
		{"名单.xlsx.tmp", false},
		{"名单.xlsx.bak", false},
		{"名单.BAK", false},
		{"Cedd4100", false},
		{"名单.txt", false},
		{"Thumbs.db", false},
		{"2026-Q1-公示-20260403.json", true}, // 公示存档 (SPEC §11)
		{"2026-Q1-公示-20260403.pdf", true},
		{".2026-Q1-公示-20260403.pdf.4242.tmp", false}, // jifen post's own temporary file
	} {
		if got := Relevant(tc.name); got != tc.want {
			t.Errorf("Relevant(%q) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestDataDirs(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	for _, d := range []string{"data/2025", "data/2026", "data/2026/公示存档", "data/pages", "data/草稿", "data/.git", "data/20261",
		"templates/img", "templates/.cache", "site"} {
		must(t, os.MkdirAll(filepath.Join(root, d), 0o755))
	}
	var got []string
	dirs, err := DataDirs(data, "")()
	must(t, err)
	for _, d := range dirs {
		rel, _ := filepath.Rel(root, d)
		got = append(got, filepath.ToSlash(rel))
	}
	want := "data,data/2025,data/2026,data/2026/公示存档,data/pages,templates,templates/img"
	if strings.Join(got, ",") != want {
		t.Errorf("DataDirs = %v, want %s", got, want)
	}
}

// TestDataDirsFollowsYearLinks: a year folder kept elsewhere and linked
// into the data folder is watched like any other (issue 14 F9).
func TestDataDirsFollowsYearLinks(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	os.MkdirAll(filepath.Join(dir, "share", "2026"), 0o755)
	os.MkdirAll(data, 0o755)
	if err := os.Symlink(filepath.Join(dir, "share", "2026"), filepath.Join(data, "2026")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	got, err := DataDirs(data, "")()
	if err != nil || len(got) != 2 || got[1] != filepath.Join(data, "2026") {
		t.Errorf("DataDirs = %v, want the data folder and its linked 2026", got)
	}
}

// A data folder that cannot be listed for a moment (a share that dropped,
// too many open files) keeps its year folders watched, and the watcher
// asks again by itself until it can list it, then builds (issue 24: it
// used to stop rebuilding until some folder was created).
func TestListingFailureRearms(t *testing.T) {
	// Not parallel: it replaces readDir for the data folder it makes.
	data := filepath.Join(t.TempDir(), "data")
	year := filepath.Join(data, "2026")
	must(t, os.MkdirAll(year, 0o755))
	target := filepath.Join(year, "登记.xlsx")
	write(t, target, "v1")
	var failing atomic.Bool
	readDir = func(name string) ([]os.DirEntry, error) {
		if failing.Load() && filepath.Clean(name) == data {
			return nil, errors.New("input/output error")
		}
		return os.ReadDir(name)
	}
	retry := RetryDelay
	RetryDelay = 100 * time.Millisecond
	t.Cleanup(func() { readDir, RetryDelay = os.ReadDir, retry })
	fb := &fakeBuild{dir: data, target: target}
	h := start(t, fb, Options{Dirs: DataDirs(data, ""), Debounce: 100 * time.Millisecond})

	// The sync after this build cannot list data/.
	failing.Store(true)
	write(t, target, "v2")
	h.waitResults(2)
	waitFor(t, "the failed listing in the log", func() bool {
		return strings.Contains(h.log.String(), "无法读取文件夹（input/output error），稍后重试")
	})
	// A save in the year folder is still seen meanwhile.
	write(t, target, "v3")
	h.waitResults(3)
	if got, _ := fb.last(); got != "v3" {
		t.Errorf("build saw %q, want v3", got)
	}
	// The folder can be listed again: a build follows without any change.
	failing.Store(false)
	h.waitResults(4)
	write(t, target, "v4")
	h.waitResults(5)
	if got, _ := fb.last(); got != "v4" {
		t.Errorf("build saw %q, want v4", got)
	}
}
