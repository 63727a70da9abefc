package scaffold

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/pipeline"
)

// readTree returns every file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestInitDemoDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	fa, err := InitDemo(a, demoPoster())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := InitDemo(b, demoPoster()); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(fa) || len(ta) != len(tb) {
		t.Fatalf("files: %d created, %d and %d on disk", len(fa), len(ta), len(tb))
	}
	for name, x := range ta {
		if !bytes.Equal(x, tb[name]) {
			t.Errorf("%s differs between two generations", name)
		}
	}
	for _, want := range []string{"data/2025/名册与设置.xlsx", "data/2025/日常登记-三四季度.xlsx", "data/2025/民主评议.xlsx",
		"data/2026/奖励与扣分.xlsx", "data/pages/实施方案.md", "data/pages/考核说明.md"} {
		if ta[want] == nil {
			t.Errorf("demo lacks %s", want)
		}
	}
}

func TestInitNeverOverwrites(t *testing.T) {
	root := t.TempDir()
	clash := filepath.Join(root, "data", "2027", TemplateBook)
	if err := os.MkdirAll(filepath.Dir(clash), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(clash, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	files, err := Init(root, 2027, false)
	if err == nil || !strings.Contains(err.Error(), clash) || !strings.Contains(err.Error(), "已存在，不会覆盖") {
		t.Fatalf("Init over an existing file: %v, want an error naming %s", err, clash)
	}
	if files != nil {
		t.Errorf("files = %v, want none", files)
	}
	tree := readTree(t, root)
	if len(tree) != 1 || string(tree["data/2027/"+TemplateBook]) != "mine" {
		t.Errorf("tree after refusal = %d files", len(tree))
	}
	// Without the clash it writes the register (签到表 included).
	os.Remove(clash)
	files, err = Init(root, 2027, false)
	if err != nil || len(files) != 1 {
		t.Fatalf("Init = %v, %v", files, err)
	}
	if _, err := Init(root, 2027, false); err == nil {
		t.Error("second Init succeeded")
	}
	if _, err := Init(root, 0, false); err == nil || !errors.Is(err, err) {
		t.Error("year 0 accepted")
	}
}

var update = flag.Bool("update", false, "regenerate the committed demo in ../../data")

// demoPoster replays the demo's postings as `jifen init --demo` does.
func demoPoster() Poster {
	cache := pipeline.NewCache()
	return func(ctx context.Context, data string, year, q int, date time.Time) error {
		return pipeline.PostAt(ctx, data, year, q, date, cache)
	}
}

// TestCommittedDemo keeps the repository's data/ equal to the generator's
// output; run with -update after changing the demo.
func TestCommittedDemo(t *testing.T) {
	repo := filepath.Join("..", "..")
	if *update {
		if err := os.RemoveAll(filepath.Join(repo, "data")); err != nil {
			t.Fatal(err)
		}
		if _, err := InitDemo(repo, demoPoster()); err != nil {
			t.Fatal(err)
		}
	}
	fresh := t.TempDir()
	if _, err := InitDemo(fresh, demoPoster()); err != nil {
		t.Fatal(err)
	}
	want := readTree(t, filepath.Join(fresh, "data"))
	got := readTree(t, filepath.Join(repo, "data"))
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("data/%s is not what the generator writes; run go test ./internal/scaffold -run CommittedDemo -update", name)
		}
	}
	for name := range got {
		if want[name] == nil {
			t.Errorf("data/%s is not written by the generator", name)
		}
	}
}
