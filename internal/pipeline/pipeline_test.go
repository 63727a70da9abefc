package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/xuri/excelize/v2"
)

// writeRegister writes a one-member register whose Q1 base is 20×count and
// Q2 base 20×q2 (no Q2 row when q2 is 0).
func writeRegister(t *testing.T, path string, count int, q2 ...int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sheets := map[string][][]any{
		"设置":   {{"项目", "值"}, {"支部名称", "测试党支部"}, {"年度", 2026}},
		"考核项目": {{"编码", "类别", "项目", "分值"}, {"B1", "基础", "参加组织生活", 20}},
		"党员名册": {{"编号", "姓名", "类别"}, {"D001", "张三", "正式党员"}},
		"日常登记": {{"活动日期", "编号", "项目编码", "次数"}, {"2026-03-05", "D001", "B1", count}},
	}
	for _, n := range q2 {
		sheets["日常登记"] = append(sheets["日常登记"], []any{"2026-05-05", "D001", "B1", n})
	}
	for i, name := range []string{"设置", "考核项目", "党员名册", "日常登记"} {
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sheets[name] {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func TestCacheReusesOnlyUnchangedDocuments(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "data", "2026", "a.xlsx")
	writeRegister(t, book, 3)
	cfg := Config{
		Data:    filepath.Join(dir, "data"),
		Out:     filepath.Join(dir, "site"),
		Reports: filepath.Join(dir, "reports"),
		AsOf:    model.NewDate(2026, 4, 10),
		Clock:   at(time.Date(2026, 4, 10, 9, 0, 0, 0, time.UTC)),
		Cache:   NewCache(),
	}
	notice := filepath.Join(cfg.Out, "2026", "q1", "notice.pdf")
	build := func() []byte {
		t.Helper()
		rep, err := Build(context.Background(), cfg)
		if err != nil || rep.Failed() || !rep.Written {
			t.Fatalf("Build = %v, findings %v", err, rep.Findings)
		}
		b, err := os.ReadFile(notice)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	first := build()
	if len(cfg.Cache.docs) == 0 {
		t.Fatal("nothing cached")
	}
	cfg.Clock = at(cfg.Clock().Add(time.Hour)) // same day: cached documents are reused as they were
	if again := build(); !bytes.Equal(first, again) {
		t.Error("unchanged register re-rendered its notice")
	}
	writeRegister(t, book, 4) // 60 → 80 points
	changed := build()
	if bytes.Equal(first, changed) {
		t.Error("changed register served the cached notice")
	}
	fresh := Config{Data: cfg.Data, Out: filepath.Join(dir, "site2"), AsOf: cfg.AsOf, Clock: cfg.Clock}
	if _, err := Build(context.Background(), fresh); err != nil {
		t.Fatal(err)
	}
	uncached, err := os.ReadFile(filepath.Join(fresh.Out, "2026", "q1", "notice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(changed, uncached) {
		t.Error("a cached rebuild differs from a build without cache")
	}
	if n := len(cfg.Cache.docs); n > 4 {
		t.Errorf("cache holds %d documents after a one-year build, want only the last build's", n)
	}
}

// TestCacheIsPerQuarter: a save that changes only Q2 leaves the Q1 documents
// as they were (cached, so even their creation time is unchanged) and
// re-renders Q2's.
func TestCacheIsPerQuarter(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "data", "2026", "a.xlsx")
	writeRegister(t, book, 3, 2)
	cfg := Config{
		Data: filepath.Join(dir, "data"), Out: filepath.Join(dir, "site"),
		AsOf: model.NewDate(2026, 7, 10), Clock: at(time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)),
		Cache: NewCache(),
	}
	read := func(q string) []byte {
		b, err := os.ReadFile(filepath.Join(cfg.Out, "2026", q, "notice.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if rep, err := Build(context.Background(), cfg); err != nil || !rep.Written {
		t.Fatalf("Build = %v %v", err, rep.Findings)
	}
	q1, q2 := read("q1"), read("q2")
	writeRegister(t, book, 3, 3)
	cfg.Clock = at(cfg.Clock().Add(time.Hour))
	if rep, err := Build(context.Background(), cfg); err != nil || !rep.Written {
		t.Fatalf("Build = %v %v", err, rep.Findings)
	}
	if !bytes.Equal(q1, read("q1")) {
		t.Error("Q1 notice re-rendered although only Q2 changed")
	}
	if bytes.Equal(q2, read("q2")) {
		t.Error("Q2 notice not re-rendered after a Q2 change")
	}
}

// Two builds of the same data with the same clock give identical trees.
func TestBuildReproducible(t *testing.T) {
	dir := t.TempDir()
	writeRegister(t, filepath.Join(dir, "data", "2026", "a.xlsx"), 3, 2)
	var trees [2]map[string][]byte
	for i := range trees {
		cfg := Config{Data: filepath.Join(dir, "data"), Out: filepath.Join(dir, "site"+strconv.Itoa(i)),
			Reports: filepath.Join(dir, "reports"+strconv.Itoa(i)),
			AsOf:    model.NewDate(2026, 7, 10), Clock: at(time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC))}
		if rep, err := Build(context.Background(), cfg); err != nil || !rep.Written {
			t.Fatalf("Build = %v %v", err, rep.Findings)
		}
		trees[i] = map[string][]byte{}
		for _, root := range []string{cfg.Out, cfg.Reports} {
			filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(root, p)
					trees[i][filepath.Base(root)[:4]+"/"+rel], _ = os.ReadFile(p)
				}
				return err
			})
		}
	}
	if len(trees[0]) < 10 {
		t.Fatalf("only %d files built", len(trees[0]))
	}
	for name, b := range trees[0] {
		if !bytes.Equal(b, trees[1][name]) {
			t.Errorf("%s differs between two identical builds", name)
		}
	}
}

// at is a clock stopped at t.
func at(t time.Time) func() time.Time { return func() time.Time { return t } }
