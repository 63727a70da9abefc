package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

func TestRemoveStale(t *testing.T) {
	root := t.TempDir()
	stale := filepath.Join(root, ".site.new-123")
	fresh := filepath.Join(root, ".site.new-456")
	writeFile(t, filepath.Join(stale, "x"), "x")
	writeFile(t, filepath.Join(fresh, "x"), "x")
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	removeStale(root, ".site.new-")
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale temp dir kept")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("recent temp dir removed: it may belong to a running build")
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
