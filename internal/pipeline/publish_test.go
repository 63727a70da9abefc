package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

func TestPublishSwapsTrees(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	reports := filepath.Join(root, "reports")
	for i, want := range []string{"first", "second"} {
		st := &stage{ctx: context.Background()}
		for _, final := range []string{site, reports} {
			dir, err := st.tempDir(final)
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(dir, "index.html"), want)
		}
		if err := st.publish(); err != nil {
			t.Fatalf("publish %d: %v", i, err)
		}
		st.cleanup()
		for _, final := range []string{site, reports} {
			if got := readFile(t, filepath.Join(final, "index.html")); got != want {
				t.Errorf("%s after publish %d = %q, want %q", final, i, got, want)
			}
			if _, err := os.Stat(filepath.Join(final, marker)); err != nil {
				t.Errorf("marker missing in %s", final)
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
	writeFile(t, filepath.Join(site, marker), "jifen\n")
	writeFile(t, filepath.Join(site, "index.html"), "old")
	st := &stage{ctx: context.Background()}
	dir, err := st.tempDir(site)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "index.html"), "half-built")
	st.cleanup() // an interrupted or failed build never publishes
	if got := readFile(t, filepath.Join(site, "index.html")); got != "old" {
		t.Errorf("site/index.html = %q, want old", got)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("temp dir %s not removed", dir)
	}
}

func TestCheckOutputs(t *testing.T) {
	root := t.TempDir()
	data := filepath.Join(root, "data")
	writeFile(t, filepath.Join(data, "2026", "a.xlsx"), "x")
	foreign := filepath.Join(root, "mine")
	writeFile(t, filepath.Join(foreign, "thesis.docx"), "precious")
	ours := filepath.Join(root, "site")
	writeFile(t, filepath.Join(ours, marker), "jifen\n")
	writeFile(t, filepath.Join(ours, "index.html"), "x")

	tests := []struct {
		name    string
		cfg     Config
		wantErr string
	}{
		{"fresh", Config{Data: data, Out: filepath.Join(root, "new"), Reports: filepath.Join(root, "rep")}, ""},
		{"ours", Config{Data: data, Out: ours}, ""},
		{"foreign", Config{Data: data, Out: foreign}, "不是 jifen 生成的"},
		{"inside data", Config{Data: data, Out: filepath.Join(data, "site")}, "不向数据目录写入"},
		{"data inside out", Config{Data: data, Out: root}, "不向数据目录写入"},
		{"nested outputs", Config{Data: data, Out: filepath.Join(root, "o"), Reports: filepath.Join(root, "o", "r")}, "不能相互包含"},
	}
	for _, tt := range tests {
		err := checkOutputs(tt.cfg)
		switch {
		case tt.wantErr == "" && err != nil:
			t.Errorf("%s: checkOutputs = %v, want nil", tt.name, err)
		case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
			t.Errorf("%s: checkOutputs = %v, want %q", tt.name, err, tt.wantErr)
		}
	}
}

// TestSweepLeftovers: every leftover of killed builds goes when the next
// build takes the lock, young or old (issue 14 F3: 37 .new- trees lingered
// for ten minutes after 50 kills).
func TestSweepLeftovers(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	writeFile(t, filepath.Join(site, marker), "jifen\n")
	writeFile(t, filepath.Join(site, "index.html"), "good")
	left := []string{".site.new-1", ".site.old-2", ".reports.new-3", ".reports.old-4", ".site.publish.tmp-5"}
	for _, name := range left {
		writeFile(t, filepath.Join(root, name, "x"), "x")
	}
	writeFile(t, filepath.Join(root, ".other.new-6", "x"), "not ours")
	st := &stage{ctx: context.Background()}
	if err := st.prepare(site, filepath.Join(root, "reports")); err != nil {
		t.Fatal(err)
	}
	st.cleanup()
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
					st := &stage{ctx: context.Background()}
					for _, final := range []string{site, reports} {
						dir, err := st.tempDir(final)
						if err != nil {
							t.Fatal(err)
						}
						writeFile(t, filepath.Join(dir, "index.html"), content)
					}
					crashAt = func(s string) bool {
						return crash != "" && s == strings.ReplaceAll(strings.ReplaceAll(crash, "site", site), "reports", reports)
					}
					defer func() { crashAt = nil }()
					err := st.publish()
					if crash != "" {
						if err != errCrash {
							t.Fatalf("publish did not stop at %s: %v", crash, err)
						}
						for _, u := range st.unlocks { // the kernel drops a dead process's locks
							u()
						}
						return
					}
					if err != nil {
						t.Fatal(err)
					}
					st.cleanup()
				}
				publish("first", "")
				publish("second", step)
				// Right after the kill: the folders exist (exchange) or the
				// journal will put them back (renames).
				if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil && !renames {
					t.Errorf("site/ missing after a kill at %s", step)
				}
				// The next build, before reading any data, completes the publication.
				st := &stage{ctx: context.Background()}
				if err := st.prepare(site, reports); err != nil {
					t.Fatal(err)
				}
				st.cleanup()
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
	writeFile(t, filepath.Join(old, marker), "jifen\n")
	writeFile(t, filepath.Join(old, "index.html"), "last good")
	st := &stage{ctx: context.Background()}
	if _, err := st.tempDir(site); err != nil {
		t.Fatal(err)
	}
	defer st.cleanup()
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
