package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/fslock"
	"github.com/jifen-dev/jifen/internal/model"
)

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func begin(t *testing.T, finals ...string) *Publication {
	t.Helper()
	p, err := Begin(context.Background(), finals...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func dir(t *testing.T, p *Publication, final string) string {
	t.Helper()
	d, err := p.Dir(final)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestPublishSwapsTrees(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	reports := filepath.Join(root, "reports")
	for i, want := range []string{"first", "second"} {
		p := begin(t, site, reports)
		for _, final := range []string{site, reports} {
			writeFile(t, filepath.Join(dir(t, p, final), "index.html"), want)
		}
		if err := p.Commit(); err != nil {
			t.Fatalf("publish %d: %v", i, err)
		}
		p.Abort() // after Commit: nothing
		for _, final := range []string{site, reports} {
			if got := readFile(t, filepath.Join(final, "index.html")); got != want {
				t.Errorf("%s after publish %d = %q, want %q", final, i, got, want)
			}
			if _, err := os.Stat(filepath.Join(final, Marker)); err != nil {
				t.Errorf("Marker missing in %s", final)
			}
		}
	}
	entries, _ := os.ReadDir(root)
	if len(entries) != 2 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("left behind: %v, want only site and reports", names)
	}
}

func TestCleanupLeavesPreviousOutputs(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	writeFile(t, filepath.Join(site, Marker), "jifen\n")
	writeFile(t, filepath.Join(site, "index.html"), "old")
	p := begin(t, site)
	dir := dir(t, p, site)
	writeFile(t, filepath.Join(dir, "index.html"), "half-built")
	p.Abort() // an interrupted or failed build never publishes
	if got := readFile(t, filepath.Join(site, "index.html")); got != "old" {
		t.Errorf("site/index.html = %q, want old", got)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temp dir %s not removed", dir)
	}
}

// TestSweepLeftovers: every leftover of killed builds goes when the next
// build takes the lock, young or old (issue 14 F3: 37 .new- trees lingered
// for ten minutes after 50 kills).
func TestSweepLeftovers(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	writeFile(t, filepath.Join(site, Marker), "jifen\n")
	writeFile(t, filepath.Join(site, "index.html"), "good")
	left := []string{".site.new-1", ".site.old-2", ".reports.new-3", ".reports.old-4", ".site.publish.tmp-5"}
	for _, name := range left {
		writeFile(t, filepath.Join(root, name, "x"), "x")
	}
	writeFile(t, filepath.Join(root, ".other.new-6", "x"), "not ours")
	begin(t, site, filepath.Join(root, "reports")).Abort()
	for _, name := range left {
		if _, err := os.Stat(filepath.Join(root, name)); !os.IsNotExist(err) {
			t.Errorf("%s kept", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, ".other.new-6")); err != nil {
		t.Error("a folder of other outputs removed")
	}
	if got := readFile(t, filepath.Join(site, "index.html")); got != "good" {
		t.Errorf("site/index.html = %q", got)
	}
}

// TestKilledPublication stops a publication at every step, as SIGKILL
// would, and checks what the next build finds: the output folders exist,
// and once it has started, site and reports are of one build and nothing
// is left over. Both swaps are tried: Linux's exchange and the two renames
// of other systems.
func TestKilledPublication(t *testing.T) {
	for _, renames := range []bool{false, true} {
		for _, step := range []string{"journal", "exchanged site", "moved aside site", "exchanged reports", "moved aside reports", "swapped"} {
			if (renames && strings.HasPrefix(step, "exchanged")) || (!renames && strings.HasPrefix(step, "moved aside")) {
				continue
			}
			t.Run(fmt.Sprintf("renames=%v/%s", renames, step), func(t *testing.T) {
				testNoExchange = renames
				defer func() { testNoExchange = false }()
				root := t.TempDir()
				site, reports := filepath.Join(root, "site"), filepath.Join(root, "reports")
				publish := func(content string, crash string) {
					t.Helper()
					p := begin(t, site, reports)
					for _, final := range []string{site, reports} {
						writeFile(t, filepath.Join(dir(t, p, final), "index.html"), content)
					}
					crashAt = func(s string) bool {
						return crash != "" && s == strings.ReplaceAll(strings.ReplaceAll(crash, "site", site), "reports", reports)
					}
					defer func() { crashAt = nil }()
					err := p.Commit()
					if crash != "" {
						if err != errCrash {
							t.Fatalf("publish did not stop at %s: %v", crash, err)
						}
						for _, u := range p.unlocks { // the kernel drops a dead process's locks
							u()
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
				}
				publish("first", "")
				publish("second", step)
				// Right after the kill: the folders exist (exchange) or the
				// journal will put them back (renames).
				if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil && !renames {
					t.Errorf("site/ missing after a kill at %s", step)
				}
				// The next build, before reading any data, completes the publication.
				begin(t, site, reports).Abort()
				a, b := readFile(t, filepath.Join(site, "index.html")), readFile(t, filepath.Join(reports, "index.html"))
				if a != b || a != "second" {
					t.Errorf("after a kill at %s and recovery: site %q, reports %q; want both second", step, a, b)
				}
				entries, _ := os.ReadDir(root)
				if len(entries) != 2 {
					var names []string
					for _, e := range entries {
						names = append(names, e.Name())
					}
					t.Errorf("left over: %v", names)
				}
			})
		}
	}
}

// A build killed between its two renames leaves the previous tree under its
// .old- name; the next build puts it back before doing anything else.
func TestRecoverOldAfterCrash(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	old := filepath.Join(root, ".site.old-123")
	writeFile(t, filepath.Join(old, Marker), "jifen\n")
	writeFile(t, filepath.Join(old, "index.html"), "last good")
	p := begin(t, site)
	defer p.Abort()
	if got := readFile(t, filepath.Join(site, "index.html")); got != "last good" {
		t.Errorf("site/index.html = %q, want the recovered last good tree", got)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("old tree still aside")
	}
	if got := oldName(site, filepath.Join(root, ".site.new-42")); got != filepath.Join(root, ".site.old-42") {
		t.Errorf("oldName = %s", got)
	}
}

// TestFailedSwapRollsBack: when the second swap (reports/, after site/)
// fails with an ordinary error, as a folder held open on Windows makes it
// fail, the first swap is undone: both outputs stay as they were, nothing
// is left over, the locks are released, and the error is one the user can
// act on, with its cause kept.
func TestFailedSwapRollsBack(t *testing.T) {
	busy := errors.New("the process cannot access the file because it is being used by another process")
	for _, tt := range []struct {
		name    string
		renames bool
		// fails reports whether the operation on from, to fails; reports
		// is the output folder, tmp its new tree.
		fails func(op, from, to, reports, tmp string) bool
	}{
		{"exchange", false, func(op, from, to, reports, tmp string) bool { return op == "exchange" && to == reports }},
		{"renames/move aside", true, func(op, from, to, reports, tmp string) bool { return from == reports }},
		{"renames/move in", true, func(op, from, to, reports, tmp string) bool { return from == tmp }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			testNoExchange = tt.renames
			defer func() { testNoExchange = false }()
			root := t.TempDir()
			site, reports := filepath.Join(root, "site"), filepath.Join(root, "reports")
			p := begin(t, site, reports)
			for _, final := range []string{site, reports} {
				writeFile(t, filepath.Join(dir(t, p, final), "index.html"), "first")
			}
			if err := p.Commit(); err != nil {
				t.Fatal(err)
			}

			p = begin(t, site, reports)
			defer p.Abort()
			var tmp string
			for _, final := range []string{site, reports} {
				d := dir(t, p, final)
				writeFile(t, filepath.Join(d, "index.html"), "second")
				tmp = d
			}
			failed := 0
			failAt = func(op, from, to string) error {
				if tt.fails(op, from, to, reports, tmp) {
					failed++
					return busy
				}
				return nil
			}
			defer func() { failAt = nil }()
			err := p.Commit()
			if failed == 0 {
				t.Fatal("the swap of reports/ was never tried")
			}
			if err == nil {
				t.Fatal("Commit = nil after the swap of reports/ failed")
			}
			if !errors.Is(err, busy) || model.ErrorKindOf(err) != model.KindFixable || !strings.Contains(err.Error(), "上次的输出保持不变") {
				t.Errorf("Commit = %v (kind %v), want a fixable error saying nothing changed, wrapping the cause", err, model.ErrorKindOf(err))
			}
			for _, final := range []string{site, reports} {
				if got := readFile(t, filepath.Join(final, "index.html")); got != "first" {
					t.Errorf("%s/index.html = %q after a failed publication, want the previous %q", filepath.Base(final), got, "first")
				}
			}
			entries, _ := os.ReadDir(root)
			if len(entries) != 2 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("left over: %v, want only site and reports", names)
			}
			unlock, ok, err := fslock.TryLock(root)
			if err != nil || !ok {
				t.Fatalf("lock of %s still held after a failed Commit (%v)", root, err)
			}
			unlock()
		})
	}
}
