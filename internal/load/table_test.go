package load

import (
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestColumnOfOtherKind: a reader asking a 日常登记 table for a column of
// another kind (the same header 事由, another sheet's meaning) is a bug,
// and it is said at once instead of reading a blank column.
func TestColumnOfOtherKind(t *testing.T) {
	var fs model.Findings
	s := &memBook(t, wsheet{name: "日常登记", rows: [][]any{{"活动日期", "编号", "项目编码", "事由"}, {"2026-03-05", "D001", "B1", "党员大会"}}}).Sheets[0]
	tb, ok := newTable(model.KindEntries, "data/2026/x.xlsx", s, false, &model.Limiter{List: &fs})
	if !ok {
		t.Fatalf("no table: %v", lines(fs))
	}
	if got := tb.val(tb.rows[0], model.EntryReason); got != "党员大会" {
		t.Errorf("事由 = %q", got)
	}
	for _, h := range []*model.Column{model.ClaimReason, model.RosterIDCard, {Header: "事由"}} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(r.(string), "事由") && !strings.Contains(r.(string), "身份证号") {
					t.Errorf("reading %s (%q) on a 日常登记 sheet: recovered %v, want a panic", h.Header, h.Kind(), r)
				}
			}()
			tb.val(tb.rows[0], h)
		}()
	}
}

// TestConfidentialNeverRead: a confidential column in the sheet gets no
// column number, so no reader can look at its cells.
func TestConfidentialNeverRead(t *testing.T) {
	var fs model.Findings
	s := &memBook(t, wsheet{name: "违规扣分", rows: [][]any{{"认定日期", "编号", "项目编码", "事由", "举报人", "备注（内部）"}, {"2026-03-05", "D001", "K1", "缺席", "甲", "乙"}}}).Sheets[0]
	tb, ok := newTable(model.KindDeductions, "data/2026/x.xlsx", s, false, &model.Limiter{List: &fs})
	if !ok {
		t.Fatalf("no table: %v", lines(fs))
	}
	for _, h := range []*model.Column{model.DeductionReporter, model.DeductionNote} {
		if tb.has(h) || tb.val(tb.rows[0], h) != "" {
			t.Errorf("%s is readable", h.Header)
		}
	}
	if !tb.has(model.DeductionReason) {
		t.Error("事由 not found")
	}
}
