package load

import (
	"strconv"
	"strings"
	"testing"
)

// TestLateEntryBoundary: 补登记时限 (设置, 7 days unless set): a row
// registered exactly that many days after the activity is on time and
// needs no 证明人; one day more is a 补登记 that does. Both `>` and `>=`
// survived the tests before this one.
func TestLateEntryBoundary(t *testing.T) {
	header := []any{"活动日期", "编号", "项目编码", "登记日期", "证明人"}
	late := func(days, limit int) string {
		return "error data/2026/登记.xlsx:日常登记!E2: 补登记（登记日期晚于活动日期 " + strconv.Itoa(days) + " 天，超过补登记时限 " + strconv.Itoa(limit) + " 天）须填写证明人"
	}
	for _, tt := range []struct {
		name    string
		limit   any // 补登记时限 in 设置; nil = the default 7
		reg     string
		witness any
		want    string // the finding, "" for none
	}{
		{"same day", nil, "2026-03-05", nil, ""},
		{"one day", nil, "2026-03-06", nil, ""},
		{"at the limit", nil, "2026-03-12", nil, ""},
		{"one day over", nil, "2026-03-13", nil, late(8, 7)},
		{"one day over, witnessed", nil, "2026-03-13", "张三", ""},
		{"limit 0, same day", 0, "2026-03-05", nil, ""},
		{"limit 0, next day", 0, "2026-03-06", nil, late(1, 0)},
		{"limit 30, at the limit", 30, "2026-04-04", nil, ""},
		{"limit 30, one day over", 30, "2026-04-05", nil, late(31, 30)},
	} {
		set := settingsSheet()
		if tt.limit != nil {
			set = settingsSheet([]any{"补登记时限", tt.limit})
		}
		entries := wsheet{name: "日常登记", rows: [][]any{header, {"2026-03-05", "D001", "B1", tt.reg, tt.witness}}}
		_, fs := ParseYear(2026, "data/2026", []File{
			{Path: "data/2026/基础.xlsx", Book: memBook(t, set, itemsSheet(), rosterSheet())},
			{Path: "data/2026/登记.xlsx", Book: memBook(t, entries)},
		})
		var got []string
		for _, l := range lines(fs) {
			if strings.HasPrefix(l, "error ") {
				got = append(got, l)
			}
		}
		want := []string{}
		if tt.want != "" {
			want = append(want, tt.want)
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: activity 2026-03-05, registered %s: errors\n%s\nwant\n%s", tt.name, tt.reg, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}
