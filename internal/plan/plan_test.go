package plan_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
	"github.com/jifen-dev/jifen/internal/score"
)

// One line per document: tree, path, draft mark.
func lines(p *plan.Plan) string {
	var out []string
	for _, d := range p.Docs {
		tree := "site"
		if d.Tree == plan.Committee {
			tree = "reports"
		}
		mark := ""
		if d.Draft {
			mark = " draft"
		}
		out = append(out, fmt.Sprintf("%s %s%s", tree, d.Path, mark))
	}
	return strings.Join(out, "\n")
}

func TestOf(t *testing.T) {
	b := fixture.TieYear(2026)
	for _, tc := range []struct {
		name    string
		asOf    time.Time
		drafts  bool
		decided bool
		want    string
	}{
		// The 细则 bundle is due 「每年年初」: there before any quarter closes.
		{"nothing closed", model.NewDate(2026, 2, 1), false, true, `
reports 2026/scores.json
reports 2026/ledger.xlsx
reports 2026/备案/中共示例市示例局机关党支部-2026-细则.zip`},
		{"nothing closed, drafts", model.NewDate(2026, 2, 1), true, true, `
reports 2026/scores.json
reports 2026/ledger.xlsx
reports 2026/draft/q1/index.html draft
reports 2026/draft/q1/notice.pdf draft
reports 2026/draft/q1/slips.pdf draft
reports 2026/备案/中共示例市示例局机关党支部-2026-细则.zip`},
		{"Q1 closed, drafts: never in the site", model.NewDate(2026, 5, 10), true, true, `
reports 2026/scores.json
reports 2026/ledger.xlsx
site 2026/q1/notice.pdf
reports 2026/q1/slips.pdf
reports 2026/draft/q2/index.html draft
reports 2026/draft/q2/notice.pdf draft
reports 2026/draft/q2/slips.pdf draft
reports 2026/备案/中共示例市示例局机关党支部-2026-细则.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q1.zip`},
		{"year closed, grades undecided", model.NewDate(2027, 1, 10), true, false, `
reports 2026/scores.json
reports 2026/ledger.xlsx
site 2026/q1/notice.pdf
reports 2026/q1/slips.pdf
site 2026/q2/notice.pdf
reports 2026/q2/slips.pdf
site 2026/q3/notice.pdf
reports 2026/q3/slips.pdf
site 2026/q4/notice.pdf
reports 2026/q4/slips.pdf
reports 2026/annual/register.pdf
reports 2026/备案/中共示例市示例局机关党支部-2026-细则.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q1.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q2.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q3.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q4.zip`},
		{"year closed and decided", model.NewDate(2027, 1, 10), false, true, `
reports 2026/scores.json
reports 2026/ledger.xlsx
site 2026/q1/notice.pdf
reports 2026/q1/slips.pdf
site 2026/q2/notice.pdf
reports 2026/q2/slips.pdf
site 2026/q3/notice.pdf
reports 2026/q3/slips.pdf
site 2026/q4/notice.pdf
reports 2026/q4/slips.pdf
site 2026/annual/notice.pdf
reports 2026/annual/register.pdf
reports 2026/备案/中共示例市示例局机关党支部-2026-细则.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q1.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q2.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q3.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-Q4.zip
reports 2026/备案/中共示例市示例局机关党支部-2026-年度.zip`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b.Y.Settings.GradesDecided = tc.decided
			res, _ := score.Score(b.Y, tc.asOf)
			p := plan.Of(res, tc.drafts)
			if got, want := lines(p), strings.TrimPrefix(tc.want, "\n"); got != want {
				t.Errorf("Of(as of %s, drafts %v) =\n%s\nwant\n%s", model.DateString(tc.asOf), tc.drafts, got, want)
			}
			if p.AnnualPublic != (res.YearClosed && tc.decided) {
				t.Errorf("AnnualPublic = %v", p.AnnualPublic)
			}
			for _, d := range p.Docs {
				if d.Draft && d.Tree != plan.Committee {
					t.Errorf("draft %s in the public tree", d.Path)
				}
			}
		})
	}
}
