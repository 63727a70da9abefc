package workbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestLedgerLongText is issue 14 F1: whatever check accepts, build must
// publish. A 事由 of hundreds of characters or many lines, or a long 理由
// of 等次确定, used to ask for a row taller than Excel's 409-point limit
// and fail the whole ledger with excelize's English error.
func TestLedgerLongText(t *testing.T) {
	for _, tc := range []struct{ name, reason, decision string }{
		{"long 事由", strings.Repeat("参加社区志愿服务", 80), ""},
		{"many lines", strings.Repeat("第一行\n", 40), ""},
		{"long 理由", "", strings.Repeat("抗洪抢险表现突出", 120)},
		{"very long", strings.Repeat("长", 32767), strings.Repeat("理由\n", 5000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := sampleResult()
			if tc.reason != "" {
				res.Members[0].Quarters[0].Lines[0].Reason = tc.reason
			}
			if tc.decision != "" {
				res.Members[0].Annual.Decision.Reason = tc.decision
			}
			var buf bytes.Buffer
			if err := WriteLedger(&buf, res); err != nil {
				t.Fatalf("WriteLedger: %v", err)
			}
			f := openBook(t, buf.Bytes())
			for _, sh := range f.GetSheetList() {
				rows, _ := f.GetRows(sh)
				for r := 1; r <= len(rows); r++ {
					if h, err := f.GetRowHeight(sh, r); err != nil || h > excelize.MaxRowHeight {
						t.Errorf("%s row %d height = %v (%v), want ≤ %v", sh, r, h, err, excelize.MaxRowHeight)
					}
				}
			}
		})
	}
}
