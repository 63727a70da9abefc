package score_test

import (
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// TestEmptyQuarters: a closed quarter in which no participating member has
// any entry is a warning saying what its 公示 would publish (SPEC §3).
func TestEmptyQuarters(t *testing.T) {
	tests := []struct {
		name   string
		deduct bool
		fill   func(b *yb, m *model.Member)
		asOf   time.Time
		want   []string // quarters warned of, with what their 公示 would say
	}{
		{"every quarter entered", false, func(b *yb, m *model.Member) {
			for q := 1; q <= 4; q++ {
				b.entry(m, "B", midQuarter(q), 5)
			}
		}, day(time.December, 31).AddDate(0, 0, 1), nil},
		{"a branch that started in December", false, func(b *yb, m *model.Member) {
			b.entry(m, "B", day(time.December, 5), 5)
		}, day(time.December, 31).AddDate(0, 0, 1), []string{
			"2025年第一季度、第二季度、第三季度：按累加制，这些季度的公示将全部是 0 分",
		}},
		{"only the open quarters are empty", false, func(b *yb, m *model.Member) {
			b.entry(m, "B", midQuarter(1), 5)
		}, day(time.May, 1), nil},
		{"a deduction is an entry", false, func(b *yb, m *model.Member) {
			b.deduction(m, "D", midQuarter(1), 1)
		}, day(time.April, 2), nil},
		{"an approved claim is an entry", false, func(b *yb, m *model.Member) {
			b.claim(m, "R", day(time.February, 3), 1, 1, model.Approved, model.Approved)
		}, day(time.April, 2), nil},
		{"扣减制: everyone at full marks", true, func(b *yb, m *model.Member) {}, day(time.April, 2), []string{
			"2025年第一季度：按扣减制，这一季度所有人都将是基础分满分（80 分）",
		}},
		{"扣减制: attendance marks count even when they count nothing", true, func(b *yb, m *model.Member) {
			act := &model.Activity{Pos: b.pos("签到表"), Name: "支部党员大会", Date: midQuarter(1), Item: b.y.Item("B")}
			b.y.Activities = append(b.y.Activities, act)
			b.y.Attendance = append(b.y.Attendance, &model.Attendance{Pos: b.pos("签到表"), Member: m, Activity: act, Mark: model.Present})
		}, day(time.April, 2), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newYB()
			b.y.Settings.Pos = map[string]model.Pos{model.SettingBranch: {File: "data/2025/登记.xlsx", Sheet: "设置", Row: 2}}
			if tt.deduct {
				b.y.Settings.BaseMode = model.Deduct
			}
			m := b.member("D001", "张三", model.Full)
			b.member("D002", "李四", model.Full).Exempt = true // not taking part: never the reason for silence
			tt.fill(b, m)
			_, fs := mustScore(t, b, tt.asOf)
			var got []string
			for _, f := range fs {
				if !strings.Contains(f.Message, emptyQuarterWarning) {
					continue
				}
				if f.Level != model.Warning || f.Pos.String() != "data/2025/登记.xlsx:设置" || !strings.Contains(f.Message, "请在设置中填写「起始季度」") {
					t.Errorf("finding %s", f)
				}
				period, _, _ := strings.Cut(f.Message, "已结束")
				_, what, _ := strings.Cut(f.Message, "都没有）：")
				what, _, _ = strings.Cut(what, "。")
				got = append(got, period+"："+what)
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("warnings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
