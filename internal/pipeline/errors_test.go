package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/xuri/excelize/v2"
)

// snapshot is every file and folder under root, with the files' bytes.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	tree := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if d.IsDir() {
			tree[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		tree[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// breakRegister adds a 日常登记 row whose 项目编码 is not in the rubric: an
// error finding.
func breakRegister(t *testing.T, path string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetSheetRow("日常登记", "A3", &[]any{"2026-03-06", "D001", "B9", 1}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// TestErrorsPublishNothing: a build whose data has any error finding
// writes nothing — no site, no reports, no temp folder — and leaves the
// previous outputs byte for byte as they were (SPEC §5; README 「有错误时
// 不生成任何文件」). Only a CLI script held this before.
func TestErrorsPublishNothing(t *testing.T) {
	for _, cached := range []bool{false, true} {
		dir := t.TempDir()
		book := filepath.Join(dir, "data", "2026", "a.xlsx")
		writeRegister(t, book, 3)
		cfg := Config{Data: filepath.Join(dir, "data"), Out: filepath.Join(dir, "out", "site"), Reports: filepath.Join(dir, "out", "reports"),
			AsOf: model.NewDate(2026, 4, 10), Clock: at(time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC))}
		if cached {
			cfg.Cache = NewCache() // as watch and serve build
		}
		breakRegister(t, book)
		rep, err := Build(context.Background(), cfg)
		if err != nil || !rep.Failed() || rep.Written {
			t.Fatalf("cached=%v: Build of a register with errors = %v, failed %v, written %v; want no error, failed, nothing written", cached, err, rep.Failed(), rep.Written)
		}
		if got := snapshot(t, filepath.Join(dir, "out")); len(got) != 1 {
			t.Errorf("cached=%v: a first build with errors wrote %v, want nothing", cached, got)
		}

		writeRegister(t, book, 3)
		if rep, err := Build(context.Background(), cfg); err != nil || rep.Failed() || !rep.Written {
			t.Fatalf("cached=%v: good build = %v, findings %v", cached, err, rep.Findings)
		}
		before := snapshot(t, filepath.Join(dir, "out"))
		if len(before) < 10 {
			t.Fatalf("cached=%v: the good build wrote only %d entries", cached, len(before))
		}
		writeRegister(t, book, 4) // a change that would show …
		breakRegister(t, book)    // … but for an error
		cfg.Clock = at(time.Date(2026, 4, 11, 9, 0, 0, 0, time.UTC))
		rep, err = Build(context.Background(), cfg)
		if err != nil || !rep.Failed() || rep.Written {
			t.Fatalf("cached=%v: Build = %v, failed %v, written %v", cached, err, rep.Failed(), rep.Written)
		}
		after := snapshot(t, filepath.Join(dir, "out"))
		for name, b := range before {
			if a, ok := after[name]; !ok {
				t.Errorf("cached=%v: %s removed by a build with errors", cached, name)
			} else if !bytes.Equal([]byte(a), []byte(b)) {
				t.Errorf("cached=%v: %s changed by a build with errors", cached, name)
			}
		}
		for name := range after {
			if _, ok := before[name]; !ok {
				t.Errorf("cached=%v: %s written by a build with errors", cached, name)
			}
		}
	}
}
