package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// The 年度汇总 says a tie at the edge of the 优秀 quota once per member:
// the 建议等次 cell holds the grade, the reason says why (model.ProposedLabel).
func TestLedgerTieSaidOnce(t *testing.T) {
	b := fixture.TieYear(2025)
	res, _ := score.Score(b.Y, fixture.ClosedAsOf(2025))
	var buf bytes.Buffer
	if err := WriteLedger(&buf, res); err != nil {
		t.Fatal(err)
	}
	rows, err := openBook(t, buf.Bytes()).GetRows("年度汇总")
	if err != nil {
		t.Fatal(err)
	}
	tied := 0
	for _, r := range rows {
		line := strings.Join(r, "|")
		if n := strings.Count(line, model.TiePhrase); n > 0 {
			tied++
			if n != 1 || !strings.Contains(line, "|"+string(model.Qualified)+"|") {
				t.Errorf("row %q: the tie said %d times, want once, with the proposal 合格", line, n)
			}
		}
	}
	if tied != 2 {
		t.Errorf("%d rows mention the tie, want the 2 tied members", tied)
	}
}
