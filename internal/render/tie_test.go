package render

import (
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// A tie at the edge of the 优秀 quota is said once per member: in the
// reason the scorer writes, not again by the page.
func TestCommitteeTieSaidOnce(t *testing.T) {
	b := fixture.TieYear(2025)
	res, _ := score.Score(b.Y, fixture.ClosedAsOf(2025))
	in := &Input{Register: &model.Register{Years: []*model.Year{b.Y}}, Results: []*model.Result{res},
		Now: time.Date(2026, 1, 20, 9, 0, 0, 0, time.UTC), BuildID: "tie"}
	page := readTree(t, must(buildCommittee(t, in)))["2025/index.html"]
	for _, m := range res.Members[:2] {
		if !m.Annual.Tie {
			t.Fatalf("%s is not tied: the fixture lost its tie", m.Member.Name)
		}
	}
	if n := strings.Count(page, model.TiePhrase); n != 2 {
		t.Errorf("「%s」 appears %d times on the committee page, want once for each of the 2 tied members", model.TiePhrase, n)
	}
	golden.Check(t, "committee-tie.html.golden", inlineCSS.ReplaceAll([]byte(page), []byte("<style>/* style.css */</style>")))
}

func must(dir string, _ int) string { return dir }
