package load

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/workbook"
)

// The same attendance of 2,000 members at 50 activities, typed as a
// 签到表 (2,000 rows × 50 marks) or as 100,000 日常登记 rows. A grid must
// load in no more time than the rows (issue 10).
const (
	benchMembers    = 2000
	benchActivities = 50
)

// writeAttendance writes a register with a 2,000-member roster and the
// attendance in one of the two forms.
func writeAttendance(b *testing.B, dir string, grid bool) {
	b.Helper()
	stream := func(path, sheet string, rows func(set func(r int, v []any))) {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetName("Sheet1", sheet)
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			b.Fatal(err)
		}
		rows(func(r int, v []any) {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, v); err != nil {
				b.Fatal(err)
			}
		})
		if err := sw.Flush(); err != nil {
			b.Fatal(err)
		}
		if err := f.SaveAs(path); err != nil {
			b.Fatal(err)
		}
	}
	year := filepath.Join(dir, "data", "2026")
	writeBook(b, filepath.Join(year, "基础.xlsx"), settingsSheet(), itemsSheet())
	id := func(i int) string { return fmt.Sprintf("M%04d", i) }
	stream(filepath.Join(year, "名册.xlsx"), "党员名册", func(set func(int, []any)) {
		set(1, []any{"编号", "姓名", "类别", "党小组"})
		for i := range benchMembers {
			set(i+2, []any{id(i), fmt.Sprintf("党员%04d", i), "正式党员", fmt.Sprintf("第%d党小组", i%20+1)})
		}
	})
	codes := []string{"B1", "B2", "R1"}
	day := func(k int) int { return 46027 + 7*k } // 2026-01-05, weekly
	name := func(k int) string { return fmt.Sprintf("第%d次组织生活", k+1) }
	if grid {
		stream(filepath.Join(year, "签到.xlsx"), "签到表", func(set func(int, []any)) {
			dates, items, head := []any{"活动日期", nil}, []any{"项目编码", nil}, []any{"编号", "姓名"}
			for k := range benchActivities {
				dates, items, head = append(dates, day(k)), append(items, codes[k%3]), append(head, name(k))
			}
			set(1, dates)
			set(2, items)
			set(3, head)
			row := make([]any, 2+benchActivities)
			for i := range benchMembers {
				row[0], row[1] = id(i), fmt.Sprintf("党员%04d", i)
				for k := range benchActivities {
					row[2+k] = "√"
				}
				set(i+4, row)
			}
		})
		return
	}
	stream(filepath.Join(year, "登记.xlsx"), "日常登记", func(set func(int, []any)) {
		set(1, []any{"活动日期", "编号", "项目编码", "事由"})
		r := 2
		for k := range benchActivities {
			for i := range benchMembers {
				set(r, []any{day(k), id(i), codes[k%3], name(k)})
				r++
			}
		}
	})
}

// go test -run '^$' -bench Attendance -benchmem ./internal/load
func BenchmarkAttendance(b *testing.B) {
	for _, form := range []struct {
		name string
		grid bool
	}{{"rows", false}, {"grid", true}} {
		b.Run(form.name, func(b *testing.B) {
			dir := b.TempDir()
			writeAttendance(b, dir, form.grid)
			b.Chdir(dir)
			for b.Loop() {
				d, err := Load("data", Options{Read: workbook.Read})
				if err != nil || len(d.Findings) != 0 {
					b.Fatalf("load: %v, %v", err, lines(d.Findings)[:min(3, len(d.Findings))])
				}
				if n := len(d.Register.Years[0].Entries); n != benchMembers*benchActivities {
					b.Fatalf("%d entries, want %d", n, benchMembers*benchActivities)
				}
			}
			b.ReportMetric(float64(benchMembers*benchActivities*b.N)/b.Elapsed().Seconds(), "marks/s")
		})
	}
}
