package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/load"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

func TestNewYear(t *testing.T) {
	root := t.TempDir()
	if _, err := Init(root, 0, true); err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(root, "data")
	res, err := NewYear(data, 2026, 2027)
	if err != nil {
		t.Fatal(err)
	}
	if files := res.Files; len(files) != 1 || !strings.HasPrefix(files[0], filepath.Join(data, "2027")) {
		t.Fatalf("files = %v", files)
	}
	// What to review before the year starts (issue 22): probationers,
	// transfers, the rubric to revise and file, the 公示 dates, the
	// exemptions, the commitments.
	review := strings.Join(res.Review, "\n")
	for _, want := range []string{
		"预备党员 ", "预备期满、经支部大会讨论转为正式党员的，请在 2027 年度的「党员名册」把类别改为“正式党员”", "其中叶子豪（D036）的预备期已延长",
		"2026 年转出的 1 名（", "（D020）", "考核项目沿用了 2026 年度的", "报机关工委备案（六 第一阶段",
		"公示日期已清空", "不纳入积分管理的 ", "（D039）", "《党员个人承诺书》",
	} {
		if !strings.Contains(review, want) {
			t.Errorf("review lacks %q:\n%s", want, review)
		}
	}
	if _, err := NewYear(data, 2026, 2027); err == nil || !strings.Contains(err.Error(), "已存在，不会覆盖") {
		t.Errorf("second NewYear: %v, want a refusal", err)
	}
	// 2025 → 2026 again after moving 2026 away: the transfer-in date is cleared.
	if err := os.RemoveAll(filepath.Join(data, "2026")); err != nil {
		t.Fatal(err)
	}
	if _, err := NewYear(data, 2025, 2026); err != nil {
		t.Fatal(err)
	}
	d, err := load.Load(data, load.Options{Read: workbook.Read})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Findings {
		if f.Level == model.Error {
			t.Errorf("%s", f)
		}
	}
	y27, y26 := d.Register.Year(2027), d.Register.Year(2026)
	if y27 == nil || y26 == nil {
		t.Fatal("new years not loaded")
	}
	if y27.Settings.Year != 2027 || y27.Settings.GradesDecided || !y27.Settings.PublicationStart[0].Equal(model.NewDate(2027, 4, 1)) {
		t.Errorf("2027 settings: 年度 %d, 已确定 %v, Q1 公示 %v", y27.Settings.Year, y27.Settings.GradesDecided, y27.Settings.PublicationStart[0])
	}
	if y27.Settings.Branch != demoBranch || len(y27.Items) != len(defaultRubric) {
		t.Errorf("2027 branch %q, %d items", y27.Settings.Branch, len(y27.Items))
	}
	if len(y27.Members) != 39 || y27.Member("D020") != nil {
		t.Errorf("2027 roster: %d members, D020 (transferred out 2026-05-31) present: %v", len(y27.Members), y27.Member("D020") != nil)
	}
	if m := y27.Member("D039"); m == nil || !m.Exempt || m.ExemptReason == "" {
		t.Errorf("exempt retiree not carried: %+v", m)
	}
	if m := y27.Member("D036"); m == nil || !m.ProbationExtended || m.Category != model.Probation {
		t.Errorf("extended probation not carried: %+v", m)
	}
	if len(y26.Members) != 40 {
		t.Errorf("2026 roster: %d members, want 40", len(y26.Members))
	}
	if m := y26.Member("D040"); m == nil || !m.In.IsZero() {
		t.Errorf("D040 转入日期 not cleared: %+v", m)
	}
	if len(y27.Entries)+len(y26.Entries) != 0 {
		t.Error("new years carry entries")
	}
	if _, err := NewYear(data, 2019, 2020); err == nil || !strings.Contains(err.Error(), "没有 2019 年度") {
		t.Errorf("missing year: %v", err)
	}
}
