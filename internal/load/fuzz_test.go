package load

import (
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/sheet"
	"github.com/jifen-dev/jifen/internal/workbook"
)

// FuzzCells: the cell parsers never panic, and what they accept is
// consistent: a number parsed is the number it prints, an ID or header key
// is its own canonical form, a quarter is 1–4, a ratio is not negative.
func FuzzCells(f *testing.F) {
	for _, s := range []string{"", "2026-03-05", "2026/3/5", "2026.3.5", "２０２６年３月５日", "20260305", "46086", "46086.75",
		"1e5", "-0", "1.255", "＋１２．５", "－3", "1.2999999999999998", "9223372036854775807", "15%", "0.15", "Q4", "第三季度",
		"√", "×", "是", "001", " 姓\u3000名 ", "*编号", "请假", "缺席", "2026-02-30", "1899-12-31", "9999-12-31 23:59", "1e1000000", "15e-7", "1E17"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, d1904 := range []bool{false, true} {
			if d, err := ParseDate(s, d1904); err == nil {
				if d.Year() < 1900 || d.Year() > 9999 || d.Hour() != 0 || d.Location() != time.UTC {
					t.Fatalf("ParseDate(%q) = %v", s, d)
				}
			}
		}
		if p, err := ParseNumber(s); err == nil {
			if q, err := ParseNumber(p.String()); err != nil || q != p {
				t.Fatalf("ParseNumber(%q) = %s, which reads back as %s, %v", s, p, q, err)
			}
		}
		if n, err := ParseInt(s); err == nil {
			if m, err := ParseNumber(s); err != nil || m != model.Points(n)*100 {
				t.Fatalf("ParseInt(%q) = %d but ParseNumber = %s, %v", s, n, m, err)
			}
		}
		ParseBool(s)
		if r, err := ParseRatio(s); err == nil && r.Sign() < 0 {
			t.Fatalf("ParseRatio(%q) = %s < 0", s, r.RatString())
		} else if err == nil && (r.Num().BitLen() > 400 || r.Denom().BitLen() > 64) {
			t.Fatalf("ParseRatio(%q) = %s: an unbounded number", s, r.RatString())
		}
		if q, err := ParseQuarter(s); err == nil && (q < 1 || q > 4) {
			t.Fatalf("ParseQuarter(%q) = %d", s, q)
		}
		if c := CanonID(s); CanonID(c) != c {
			t.Fatalf("CanonID not idempotent on %q: %q → %q", s, c, CanonID(c))
		}
		if k := HeaderKey(s); HeaderKey(k) != k {
			t.Fatalf("HeaderKey not idempotent on %q", s)
		}
		ParseMark(s)
	})
}

// FuzzLoadSheet loads a year whose settings, rubric and roster are valid
// and whose one further sheet, of the kind chosen, holds the fuzzed grid
// (lines of tab-separated cells): loading and scoring never panic, every
// finding names a place and is one printable line, findings of a sheet stay
// bounded, and no row with an error reaches the model.
func FuzzLoadSheet(f *testing.F) {
	f.Add(uint8(3), "活动日期\t编号\t项目编码\t次数\t分值\t事由\n2026-03-05\tD001\tB1\t2\t\t大会\n2026-13-01\tD009\tB9\tx")
	f.Add(uint8(4), "申报日期\t编号\t项目编码\t事由\t申报分值\t证明材料\t党小组意见\t支部审定\n2026-03-05\tD001\tR1\t志愿\t2\t\t通过\t通过")
	f.Add(uint8(5), "认定日期\t姓名\t项目编码\t事由\t扣分\n2026-02-01\t张三\tK1\t缺席\t5")
	f.Add(uint8(6), "编号\t评议得分\t承诺践诺得分\nD001\t95\t90\nD002\t\t\n\t优秀票\t3")
	f.Add(uint8(7), "受理日期\t季度\t编号\t异议事项\t处理结果\t状态\n2026-04-02\t一季度\tD001\t分数有误\t更正\t已反馈")
	f.Add(uint8(8), "编号\t确定等次\t理由\nD001\t优秀\t\nD002\t不合格\t")
	f.Add(uint8(10), "\t\t2026-01-08\t2026-01-15\n\t\tB1\tB1\n编号\t姓名\t一月大会\t主题党日\nD001\t张三\t√\t缺席\nD002\t李四\t请假\t？")
	f.Add(uint8(0), "项目\t值\n支部名称\t\n年度\t2027\n公示天数\t-1")
	kinds := append(append([]model.Kind(nil), model.Kinds...), "签到表")
	f.Fuzz(func(t *testing.T, kind uint8, grid string) {
		if len(grid) > 1<<16 {
			return
		}
		name := string(kinds[int(kind)%len(kinds)])
		var rows [][]string
		for _, line := range strings.Split(grid, "\n") {
			var row []string
			for _, c := range strings.Split(line, "\t") {
				row = append(row, workbook.Clean(c))
			}
			rows = append(rows, row)
		}
		base := &sheet.Book{Sheets: []sheet.Sheet{
			{Name: "设置", Rows: [][]string{{"项目", "值"}, {"支部名称", "测试党支部"}, {"年度", "2026"}}},
			{Name: "考核项目", Rows: [][]string{{"编码", "类别", "项目", "分值", "季度上限"}, {"B1", "基础", "参加组织生活", "20"},
				{"R1", "奖励", "志愿服务", "2", "4"}, {"K1", "扣分", "无故缺席", "5"}}},
			{Name: "党员名册", Rows: [][]string{{"编号", "姓名", "类别", "党小组", "职务"}, {"D001", "张三", "正式党员", "一组", "党小组长"},
				{"D002", "李四", "预备党员", "二组"}, {"D003", "王五", "入党积极分子", "二组"}}},
		}}
		fuzzed := &sheet.Book{Sheets: []sheet.Sheet{{Name: name + "-测试", Rows: rows}}}
		y, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/a.xlsx", Book: base}, {Path: "data/2026/b.xlsx", Book: fuzzed}})
		perSheet := map[string]int{}
		for _, fd := range fs {
			if fd.Pos.File == "" {
				t.Fatalf("finding without a file: %v", fd)
			}
			line := fd.String()
			if strings.ContainsAny(line, "\n\r\x1b") {
				t.Fatalf("finding spans lines or carries ESC: %q", line)
			}
			perSheet[fd.Pos.File+"!"+fd.Pos.Sheet]++
		}
		for sh, n := range perSheet {
			if n > 3*(model.MaxPerSheet+1) {
				t.Fatalf("%d findings for %s", n, sh)
			}
		}
		for _, e := range y.Entries {
			if e.Member == nil || e.Item == nil || e.Date.IsZero() {
				t.Fatalf("a half-valid entry reached the model: %+v", e)
			}
		}
		for _, d := range y.Deductions {
			if d.Member == nil || d.Item == nil {
				t.Fatalf("a half-valid deduction reached the model: %+v", d)
			}
		}
		if !fs.HasErrors() {
			for _, asOf := range []time.Time{model.NewDate(2026, 7, 10), model.NewDate(2027, 1, 10)} {
				score.Score(y, asOf)
			}
		}
	})
}
