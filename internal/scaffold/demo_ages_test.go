package scaffold

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/pipeline"
)

// demoDataWarnings are the demo's deliberate warnings: facts of its data
// (a claim still waiting for the branch, one filed after the year's
// cut-off), the same on every date. Any other warning would be one the
// calendar caused, which is what SPEC §9 forbids.
var demoDataWarnings = []string{
	"data/2025/奖励与扣分.xlsx:奖励申报!I20: 奖励申报尚未审定（党小组意见：通过，支部审定：待审），审定通过前不计分",
	"data/2025/奖励与扣分.xlsx:奖励申报!A21: 申报日期 2025-12-29 晚于第四季度奖励申报截止日（12 月 25 日），不计入 2025 年度，请登记在下一年度",
}

// TestDemoNeverAges builds the committed demo as of several days from
// 2026-11 on, today included: never an error, never a warning but the
// data's own, and each day publishes what had closed by then.
func TestDemoNeverAges(t *testing.T) {
	repo := filepath.Join("..", "..")
	t.Chdir(repo) // findings then name data/…, as the CLI run there does
	now := time.Now().UTC()
	today := model.NewDate(now.Year(), now.Month(), now.Day())
	tests := []struct {
		name      string
		asOf      time.Time
		latest    [2]int // the latest published year and quarter
		annual26  bool   // 2026's annual results published
		buildSite bool
	}{
		{"first day of the demo", model.NewDate(2026, 11, 1), [2]int{2026, 3}, false, false},
		{"today", today, latestOn(today), !today.Before(model.NewDate(2027, 1, 1)), true},
		{"early 2027", model.NewDate(2027, 1, 10), [2]int{2026, 4}, true, false},
		{"2030", model.NewDate(2030, 6, 30), [2]int{2026, 4}, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := pipeline.Config{Data: "data", AsOf: tt.asOf}
			out := t.TempDir()
			if tt.buildSite {
				cfg.Out = filepath.Join(out, "site")
			}
			rep, err := pipeline.Build(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, f := range rep.Findings {
				switch f.Level {
				case model.Error:
					t.Errorf("as of %s: %s", model.DateString(tt.asOf), f)
				case model.Warning:
					warnings = append(warnings, f.String())
				}
			}
			if !slices.Equal(warnings, demoDataWarnings) {
				t.Errorf("as of %s: warnings\n%q\nwant only the data's own\n%q", model.DateString(tt.asOf), warnings, demoDataWarnings)
			}
			if !tt.buildSite {
				return
			}
			site := cfg.Out
			year, q := tt.latest[0], tt.latest[1]
			mustExist(t, site, filepath.Join("2025", "annual", "index.html"), true)
			mustExist(t, site, filepath.Join(itoa(year), "q"+itoa(q), "notice.pdf"), true)
			if q < 4 {
				mustExist(t, site, filepath.Join(itoa(year), "q"+itoa(q+1)), false)
			}
			mustExist(t, site, filepath.Join("2026", "annual", "index.html"), tt.annual26)
		})
	}
}

// latestOn is the quarter the demo publishes last when built on day d
// (from 2026-11 on: the demo ends with 2026).
func latestOn(d time.Time) [2]int {
	if d.Year() > 2026 {
		return [2]int{2026, 4}
	}
	return [2]int{2026, 3}
}

func mustExist(t *testing.T, dir, rel string, want bool) {
	t.Helper()
	_, err := os.Stat(filepath.Join(dir, rel))
	if got := err == nil; got != want {
		t.Errorf("%s exists = %v, want %v", rel, got, want)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
