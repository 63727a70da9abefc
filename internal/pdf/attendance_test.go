package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// A slip lists the member's own 签到表 marks with what they counted, as a
// section of its own; slips of members without marks keep their layout.
func TestSlipsAttendance(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(3)
	m := res.Members[0]
	qs := &m.Quarters[0]
	item := res.Year.Items[0]
	ded := &model.Item{Code: "K9", Kind: model.Deduction, Name: "无故缺席组织生活", Points: model.P(-1)}
	act := func(name string, d int) *model.Activity {
		return &model.Activity{Name: name, Date: model.NewDate(res.Year.Year, 2, d), Item: item}
	}
	present := &model.Attendance{Member: m.Member, Activity: act("二月支部党员大会", 5), Mark: model.Present}
	present.Entry = &model.Entry{Item: item, Points: item.Points, Count: 1}
	absent := &model.Attendance{Member: m.Member, Activity: act("主题党日", 20), Mark: model.Absent}
	absent.Deduction = &model.DeductionEntry{Item: ded, Points: model.P(1)}
	qs.Attendance = []*model.Attendance{present, absent,
		{Member: m.Member, Activity: act("党小组会", 25), Mark: model.Excused}}
	s := flatText(t, func(w *bytes.Buffer) error { _, err := Slips(w, res, 1, Options{Now: testNow}); return err })
	for _, want := range []string{
		"二、本季度组织生活签到日期活动签到计分",
		"2026-02-05二月支部党员大会出席" + item.Kind.String() + "+" + item.Points.String(),
		"2026-02-20主题党日缺席扣分-1（无故缺席组织生活）",
		"2026-02-25党小组会请假不计分",
		"三、本季度积分合计", "四、本人核实意见",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("slips lack %q:\n%s", want, s)
		}
	}
	if n := strings.Count(s, "本季度组织生活签到"); n != 1 {
		t.Errorf("%d attendance sections, want 1 (members without marks have none)", n)
	}
}
