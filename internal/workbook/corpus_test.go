package workbook

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"

	"github.com/jifen-dev/jifen/internal/sheet"
)

// TestCorpus reads every file of a folder of real-world workbooks (other
// projects' test files: excelize, calamine, openpyxl, XlsxWriter, Apache
// POI, SheetJS; never committed) as if each had been saved as .xlsx:
//
//	JIFEN_CORPUS=/path/to/files go test ./internal/workbook -run Corpus -v
//
// No file may panic the reader, leave a temp file, or get a message that is
// not Chinese advice. Without JIFEN_CORPUS the test is skipped.
func TestCorpus(t *testing.T) {
	dir := os.Getenv("JIFEN_CORPUS")
	if dir == "" {
		t.Skip("JIFEN_CORPUS not set")
	}
	RemoveTemp()
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	msgs := map[string][]string{}
	var read, refused, sheets, sheetProblems int
	var worst time.Duration
	var worstName string
	start := time.Now()
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		bk, err := Read(e.Name()+".xlsx", b)
		if d := time.Since(t0); d > worst {
			worst, worstName = d, e.Name()
		}
		if err != nil {
			var fe *sheet.FileError
			if !errors.As(err, &fe) {
				t.Errorf("%s: error %T %v is not a *sheet.FileError", e.Name(), err, err)
			}
			refused++
			msgs[err.Error()] = append(msgs[err.Error()], e.Name())
			continue
		}
		read++
		for _, s := range bk.Sheets {
			sheets++
			if s.Problem != "" {
				sheetProblems++
				msgs["工作表："+s.Problem] = append(msgs["工作表："+s.Problem], e.Name())
			}
		}
		if left := leftovers(t, tmp); len(left) > 0 {
			t.Fatalf("%s left temp files: %v", e.Name(), left)
		}
	}
	var keys []string
	for k := range msgs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%4d × %s (e.g. %s)", len(msgs[k]), k, msgs[k][0])
		if fixture.English(k) {
			t.Errorf("message with English text: %s (%d files, e.g. %s)", k, len(msgs[k]), msgs[k][0])
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d files: %d read (%d sheets, %d not readable as worksheets), %d refused, in %s; slowest %s (%s); peak heap %d MB",
		read+refused, read, sheets, sheetProblems, refused, time.Since(start).Round(time.Millisecond), worstName, worst.Round(time.Millisecond), ms.HeapSys>>20)
	RemoveTemp()
	if left := leftovers(t, tmp); len(left) > 0 {
		t.Errorf("temp folder not empty at the end: %v", left)
	}
}

// leftovers lists files under dir, ignoring our per-process root and its owner file.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		if d.IsDir() && strings.HasPrefix(d.Name(), tempPrefix) {
			return nil
		}
		if d.Name() == ownerFile || d.Name() == ".jifen.lock" {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	})
	return out
}
