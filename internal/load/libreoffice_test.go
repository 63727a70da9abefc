package load

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// A 签到表 saved by LibreOffice reads as typed: the grid is written with
// excelize (merged title, real and text dates, numbers, every mark form),
// opened and saved again by LibreOffice Calc, then read. LibreOffice
// rewrites shared strings, styles, merged cells and number formats its own
// way, which is how acceptance grids arrive. Runs under JIFEN_E2E=1, where
// a missing soffice fails (.ci/run installs libreoffice-calc-nogui).
func TestLibreOfficeGrid(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("JIFEN_E2E") == "1" {
			t.Fatal("JIFEN_E2E=1 but no soffice found (apt-get install -y libreoffice-calc-nogui)")
		}
		t.Skip("no soffice: LibreOffice is not installed")
	}
	if os.Getenv("JIFEN_E2E") != "1" {
		t.Skip("set JIFEN_E2E=1 to run the LibreOffice test")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "in", "签到.xlsx")
	name := "签到表-一季度"
	writeBook(t, src, wsheet{name: name, merge: []string{"A1:I1"}, rows: [][]any{
		{"2026年第一季度组织生活签到表"},
		{"活动日期", nil, nil, time.Date(2026, 1, 8, 0, 0, 0, 0, time.UTC), "2026/1/15", "2026年2月20日", time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"项目编码", nil, nil, "B1", "B2", "B1", "R1"},
		{"序号", "编号", "姓名", "一月支部党员大会", "主题党日", "第一党小组会", "志愿服务", "备注", "本人签名"},
		{1, "D001", "张三", "√", "✓", "请假", 1, "出差两天", "张三"},
		{2, "D002", "李四", "○", "缺席", "×", 0},
		{3, "D005", "钱七", "Ｙ", "假", "X", "N"},
		{4, "D001", "张三", nil, nil, nil, "  "},
		{5, "D009", "某人", "迟到"},
	}})
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	b, err := os.ReadFile(filepath.Join(out, "签到.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	book, err := workbook.Read("签到.xlsx", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Sheets) != 1 || book.Sheets[0].Name != name {
		t.Fatalf("LibreOffice wrote sheets %v", book.Sheets)
	}
	y, fs := memYear(t, nil, &book.Sheets[0])
	diff(t, lines(fs), []string{
		"error data/2026/签到.xlsx:签到表-一季度!B9: 编号「D009」不在党员名册中",
		"error data/2026/签到.xlsx:签到表-一季度!D9: 签到标记「迟到」无法识别：出席填 √，请假填 请假，缺席填 ×；不需参加的留空",
	})
	diff(t, counted(y), []string{
		"D5 张三 出席 entry 5 ded 0", "E5 张三 出席 entry 2 ded 0", "F5 张三 请假 entry 0 ded 0", "G5 张三 出席 entry 2 ded 0",
		"D6 李四 出席 entry 5 ded 0", "E6 李四 缺席 entry 0 ded 0", "F6 李四 缺席 entry 0 ded 0", "G6 李四 缺席 entry 0 ded 0",
		"D7 钱七 出席 entry 5 ded 0", "E7 钱七 请假 entry 0 ded 0", "F7 钱七 缺席 entry 0 ded 0", "G7 钱七 缺席 entry 0 ded 0",
	})
	var dates []string
	for _, a := range y.Activities {
		dates = append(dates, model.DateString(a.Date)+" "+a.Name)
	}
	diff(t, dates, []string{"2026-01-08 一月支部党员大会", "2026-01-15 主题党日", "2026-02-20 第一党小组会", "2026-03-05 志愿服务"})
}
