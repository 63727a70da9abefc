package scaffold

import (
	"maps"
	"path/filepath"
	"testing"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/workbook"
)

func TestDemoLoadsAndScores(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 0, true); err != nil {
		t.Fatal(err)
	}
	d, err := load.Load(filepath.Join(root, "data"), load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Findings {
		if f.Level >= model.Warning {
			t.Logf("%s %s", f.Level, f)
		}
	}
	if n := d.Findings.Count(model.Error); n > 0 {
		t.Errorf("demo has %d errors", n)
	}
	// Grades are designed (see demo.go); each year is checked once closed.
	wants := map[int]map[string][2]model.Grade{
		2025: {
			"D005": {model.Excellent, model.Excellent}, "D009": {model.Excellent, model.Excellent},
			"D014": {model.Excellent, model.Excellent}, "D028": {model.Excellent, model.Excellent},
			"D018": {model.BasicQualify, model.BasicQualify}, "D031": {model.Unqualified, model.Unqualified},
			"D022": {model.BasicQualify, model.Qualified},
		},
		2026: {
			"D005": {model.Excellent, model.Excellent}, "D009": {model.Excellent, model.Excellent},
			"D014": {model.Excellent, model.Excellent}, "D028": {model.Excellent, model.Excellent},
			"D031": {model.BasicQualify, model.BasicQualify}, "D022": {model.BasicQualify, model.Qualified},
		},
	}
	wantCounts := map[int]map[model.Grade]int{
		// "": 入党积极分子 and 发展对象, scored but not graded.
		2025: {"": 3, model.Excellent: 4, model.Qualified: 30, model.BasicQualify: 1, model.Unqualified: 1},
		2026: {"": 2, model.Excellent: 4, model.Qualified: 32, model.BasicQualify: 1},
	}
	for year, want := range wants {
		res, fs := score.Score(d.Register.Year(year), model.NewDate(2027, 1, 10))
		for _, f := range fs {
			if f.Level >= model.Warning {
				t.Errorf("score %d: %s", year, f)
			}
		}
		counts := map[model.Grade]int{}
		for _, m := range res.Members {
			a := m.Annual
			if a == nil {
				if m.Member.ID != "D039" {
					t.Errorf("%d: %s has no annual result", year, m.Member.ID)
				}
				continue
			}
			counts[a.Final]++
			if !m.Member.Category.Graded() {
				continue
			}
			w, ok := want[m.Member.ID]
			if !ok {
				w = [2]model.Grade{model.Qualified, model.Qualified}
			}
			if a.Proposed != w[0] || a.Final != w[1] || a.Tie {
				t.Errorf("%d %s %s: proposed %s final %s (tie %v), want %s/%s; %s", year, m.Member.ID, m.Member.Name, a.Proposed, a.Final, a.Tie, w[0], w[1], a.Reason)
			}
		}
		if !maps.Equal(counts, wantCounts[year]) {
			t.Errorf("%d: grades = %v, want %v", year, counts, wantCounts[year])
		}
	}
	// Built during 2026's fourth quarter: three closed quarters, no errors either.
	res26, fs26 := score.Score(d.Register.Year(2026), model.NewDate(2026, 11, 24))
	if fs26.HasErrors() || res26.LatestClosed() != 3 || res26.YearClosed {
		t.Errorf("2026: latest closed %d, year closed %v, findings %v", res26.LatestClosed(), res26.YearClosed, fs26)
	}
	if m := res26.Member("D020"); m == nil || m.Quarters[2].Participating {
		t.Error("D020 (transferred out 2026-05-31) participates in 2026 Q3")
	}
}
