package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// A tie at the edge of the 优秀 quota is said once per member on the
// annual register: in the reason the scorer writes, not again as a note.
func TestRegisterTieSaidOnce(t *testing.T) {
	needTool(t, "pdftotext")
	b := fixture.TieYear(2025)
	res, _ := score.Score(b.Y, fixture.ClosedAsOf(2025))
	var buf bytes.Buffer
	if _, err := AnnualRegister(&buf, res, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	text := run(t, "pdftotext", "-enc", "UTF-8", writeTemp(t, "tie.pdf", buf.Bytes()), "-")
	flat := strings.Join(strings.Fields(text), "")
	if n := strings.Count(flat, model.TiePhrase); n != 2 {
		t.Errorf("「%s」 appears %d times on the register, want once for each of the 2 tied members:\n%s", model.TiePhrase, n, text)
	}
}
