package scaffold

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// The 签到表 of init and new-year: one sheet per quarter in the register,
// after 日常登记; labels where the reader looks; the roster's members filled
// in and three ruled rows more; dropdowns for the member cells and the
// 项目编码 row from the register's lists, and for the marks with a prompt
// saying what each mark means, down to row 5,000 and beyond. Ticks typed
// into it, the item as the dropdown writes it, read back as entries.
func TestGridTemplate(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 0, true); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(root, "data")
	if _, err := NewYear(data, 2026, 2027); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(data, "2027", TemplateBook)
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"说明", "设置", "党员名册", "考核项目", "日常登记", "签到表-第一季度", "签到表-第二季度", "签到表-第三季度", "签到表-第四季度",
		"奖励申报", "违规扣分", "异议处理", "民主评议", "等次确定", "承诺书", "选项"}
	if got := f.GetSheetList(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("sheets = %v, want %v", got, want)
	}
	sh := "签到表-第一季度"
	// 38 members (D020 left in 2026, D039 is exempted), numbered on to 41.
	for cell, want := range map[string]string{"A1": "2027年第一季度党员组织生活签到表", "A2": "活动日期", "A3": "项目编码",
		"A4": "序号", "B4": "编号", "C4": "姓名", "D4": "党小组", "E4": "", "P4": "", "Q4": "备注",
		"A5": "1", "B5": "D001", "C5": "刘建国", "B42": "D040", "A42": "38", "A45": "41", "B45": "", "A46": ""} {
		if got, _ := f.GetCellValue(sh, cell); got != want {
			t.Errorf("%s!%s = %q, want %q", sh, cell, got, want)
		}
	}
	dvs, err := f.GetDataValidations(sh)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]*excelize.DataValidation{}
	for _, dv := range dvs {
		found[dv.Sqref] = dv
	}
	for sqref, want := range map[string]string{"E3:P3": listAttend, "B5:B5004": listIDs, "C5:C5004": listNames} {
		if dv := found[sqref]; dv == nil || dv.Type != "list" || dv.Formula1 != want {
			t.Errorf("%s!%s: %+v, want a dropdown from %s", sh, sqref, dv, want)
		}
	}
	if dv := found["E3:P3"]; dv == nil || dv.Prompt == nil || !strings.Contains(*dv.Prompt, "项目编码") {
		t.Errorf("项目编码 row: no prompt")
	}
	marks := found["E5:P5004"]
	if marks == nil || marks.Type != "list" || !strings.Contains(*marks.Prompt, "√ = 出席") || !strings.Contains(*marks.Prompt, "留空") {
		t.Errorf("marks: %+v (validations %v)", marks, dvs)
	}
	if len(*marks.Prompt) > 255*3 || len([]rune(*marks.Prompt)) > 255 {
		t.Errorf("mark prompt is %d characters, Excel shows at most 255", len([]rune(*marks.Prompt)))
	}

	// Tick the first member into an activity and read the year back.
	f.SetCellValue(sh, "E2", model.NewDate(2027, 1, 8))
	f.SetCellValue(sh, "E3", "B01 参加支部党员大会")
	f.SetCellValue(sh, "E4", "一月支部党员大会")
	f.SetCellValue(sh, "E5", "√")
	f.SetCellValue(sh, "E6", "请假")
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	d, err := load.Load(data, load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	y := d.Register.Year(2027)
	for _, fd := range d.Findings {
		if strings.HasPrefix(fd.Pos.File, filepath.ToSlash(filepath.Join(data, "2027"))) && fd.Level > model.Info {
			t.Errorf("finding: %s", fd)
		}
	}
	if len(y.Attendance) != 2 || y.Attendance[0].Member.ID != "D001" || y.Attendance[0].Entry == nil ||
		y.Attendance[0].Activity.Item.Code != "B01" || y.Attendance[1].Mark != model.Excused || len(y.Entries) != 1 {
		t.Errorf("attendance = %+v, entries %d", y.Attendance, len(y.Entries))
	}
}
