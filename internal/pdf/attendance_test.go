package pdf

import (
	"bytes"
	"regexp"
	"slices"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// A slip shows the member's 签到表 marks: the mark beside each line typed
// as a tick, and the marks that counted nothing as lines of their own, in
// date order; slips of members without marks keep their columns.
func TestSlipsAttendance(t *testing.T) {
	t.Parallel()
	needTool(t, "pdftotext")
	res := testResult(t, 3)
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
	qs.Lines = append(qs.Lines,
		model.Line{Date: present.Activity.Date, Kind: model.Base, Item: item, Points: item.Points, Reason: "二月支部党员大会", Mark: model.Present},
		model.Line{Date: absent.Activity.Date, Kind: model.Deduction, Item: ded, Points: model.P(-1), Reason: "无故缺席：主题党日", Mark: model.Absent})
	slices.SortStableFunc(qs.Lines, func(a, b model.Line) int { return a.Date.Compare(b.Date) })
	var buf bytes.Buffer
	if _, err := Slips(&buf, res, 1, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	// -layout keeps each table row on one line, its cells apart.
	text := run(t, "pdftotext", "-layout", "-enc", "UTF-8", writeTemp(t, "slips.pdf", buf.Bytes()), "-")
	for _, want := range []string{
		`日期\s+类别\s+项目\s+签到\s+分值\s+事由`,
		// One number of decimals per column: 10.0 when another line has 7.5.
		`2026-02-05\s+基础\s+` + item.Name + `\s+出席\s+\+` + item.Points.String() + `(\.0+)?\s+二月支部党员大会`,
		`2026-02-20\s+扣分\s+无故缺席组织生活\s+缺席\s+-1(\.0+)?\s+无故缺席：主题党日`,
		`2026-02-25\s+基础\s+` + item.Name + `\s+请假\s+不计分\s+党小组会`,
		`签到一栏为签到表中的标记`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("slips lack %s:\n%s", want, text)
		}
	}
	if n := len(regexp.MustCompile(`日期\s+类别\s+项目\s+签到`).FindAllString(text, -1)); n != 1 {
		t.Errorf("%d slips with a 签到 column, want 1 (members without marks keep theirs)", n)
	}
}
