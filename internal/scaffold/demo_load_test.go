package scaffold

import (
	"path/filepath"
	"testing"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

func TestDemoLoadsAndScores(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 0, true); err != nil {
		t.Fatal(err)
	}
	d, err := load.Load(filepath.Join(root, "data"), load.Options{})
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
	y := d.Register.Year(2025)
	res, fs := score.Score(y, model.NewDate(2026, 11, 24))
	for _, f := range fs {
		if f.Level >= model.Warning {
			t.Errorf("score: %s", f)
		}
	}
	want := map[string][2]model.Grade{
		"D005": {model.Excellent, model.Excellent}, "D009": {model.Excellent, model.Excellent},
		"D014": {model.Excellent, model.Excellent}, "D028": {model.Excellent, model.Excellent},
		"D018": {model.BasicQualify, model.BasicQualify}, "D031": {model.Unqualified, model.Unqualified},
		"D022": {model.BasicQualify, model.Qualified},
	}
	counts := map[model.Grade]int{}
	for _, m := range res.Members {
		a := m.Annual
		if a == nil {
			if m.Member.ID != "D039" {
				t.Errorf("%s has no annual result", m.Member.ID)
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
			t.Errorf("%s %s: proposed %s final %s (tie %v), want %s/%s; %s", m.Member.ID, m.Member.Name, a.Proposed, a.Final, a.Tie, w[0], w[1], a.Reason)
		}
	}
	if counts[model.Excellent] != 4 || counts[model.Qualified] != 30 {
		t.Errorf("grades = %v", counts)
	}
	// 2026 is in progress: three closed quarters, no errors either.
	res26, fs26 := score.Score(d.Register.Year(2026), model.NewDate(2026, 11, 24))
	if fs26.HasErrors() || res26.LatestClosed() != 3 || res26.YearClosed {
		t.Errorf("2026: latest closed %d, year closed %v, findings %v", res26.LatestClosed(), res26.YearClosed, fs26)
	}
	if m := res26.Member("D020"); m == nil || m.Quarters[2].Participating {
		t.Error("D020 (transferred out 2026-05-31) participates in 2026 Q3")
	}
}
