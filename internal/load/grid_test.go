package load

import (
	"fmt"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
	"github.com/jifen-dev/jifen/internal/sheet"
)

func TestParseMark(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want model.Mark
	}{
		{"√", model.Present}, {"✓", model.Present}, {"○", model.Present}, {"出席", model.Present},
		{"到", model.Present}, {"是", model.Present}, {"1", model.Present}, {"Y", model.Present},
		{"y", model.Present}, {"Ｙ", model.Present}, {"１", model.Present}, {" √ ", model.Present},
		{"\u3000√\u3000", model.Present}, {"✔", model.Present}, {"〇", model.Present},
		{"请假", model.Excused}, {"假", model.Excused}, {" 请假\u3000", model.Excused},
		{"×", model.Absent}, {"✗", model.Absent}, {"X", model.Absent}, {"x", model.Absent}, {"Ｘ", model.Absent},
		{"缺席", model.Absent}, {"缺", model.Absent}, {"否", model.Absent}, {"0", model.Absent}, {"０", model.Absent},
		{"N", model.Absent}, {"n", model.Absent}, {"✘", model.Absent},
		{"", model.NoMark}, {" ", model.NoMark}, {"\u3000\u3000", model.NoMark},
	} {
		got, err := ParseMark(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseMark(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"迟到", "2", "√√", "?", "yes", "病假", "-", "1.5", "出"} {
		if got, err := ParseMark(bad); err == nil {
			t.Errorf("ParseMark(%q) = %v, want an error", bad, got)
		}
	}
}

// gridSheet builds a sheet in memory from rows of cells.
func gridSheet(name string, rows ...[]string) *sheet.Sheet {
	return &sheet.Sheet{Name: name, Rows: rows}
}

// The example of SPEC §2.11, with a title, a 序号 column, a 备注 and a 签名
// column, a blank-header activity and a note merged across the last row.
func TestParseGridLayout(t *testing.T) {
	s := gridSheet("签到表-一季度",
		[]string{"2026年第一季度组织生活签到表", "2026年第一季度组织生活签到表", "2026年第一季度组织生活签到表"},
		[]string{"活动日期", "", "", "46030", "2026-01-15", "2026/2/20", "", "2026年3月5日"},
		[]string{"项目编码", "", "", "B01", "B04", "B02", "", "R1"},
		[]string{"序号", "编号", "姓　名", "一月支部党员大会", "主题党日", "第一党小组会", "备注", "", "签名"},
		[]string{"1", "D001", "刘建国", "√", "√", "请假", "出差", "", "刘建国"},
		[]string{"2", "D002", "陈晓燕", "√", "缺席"},
		[]string{"3", "D003", "王五"},
		[]string{"注：√ 出席", "注：√ 出席", "注：√ 出席", "注：√ 出席", "注：√ 出席", "注：√ 出席", "注：√ 出席", "注：√ 出席"},
	)
	var fs model.Findings
	g, ok := parseGrid("data/2026/签到.xlsx", s, false, 2026, &model.Limiter{List: &fs})
	if !ok || len(fs) != 0 {
		t.Fatalf("parseGrid: ok=%v, findings %v", ok, lines(fs))
	}
	if g.header != 4 || g.idCol != 2 || g.nameCol != 3 {
		t.Errorf("header %d, 编号 column %d, 姓名 column %d; want 4, 2, 3", g.header, g.idCol, g.nameCol)
	}
	var acts []string
	for _, a := range g.acts {
		acts = append(acts, fmt.Sprintf("%s %s %s %s %v", model.ColumnName(a.col), a.name, model.DateString(a.date), a.code, a.ok))
	}
	want := []string{
		"D 一月支部党员大会 2026-01-08 B01 true",
		"E 主题党日 2026-01-15 B04 true",
		"F 第一党小组会 2026-02-20 B02 true",
		"H  2026-03-05 R1 true",
	}
	if strings.Join(acts, "\n") != strings.Join(want, "\n") {
		t.Errorf("activities:\n%s\nwant:\n%s", strings.Join(acts, "\n"), strings.Join(want, "\n"))
	}
	if len(g.rows) != 2 || g.rows[0].n != 5 || g.rows[1].n != 6 {
		t.Fatalf("rows = %+v, want rows 5 and 6", g.rows)
	}
	if m := g.rows[0].marks; m[0] != model.Present || m[1] != model.Present || m[2] != model.Excused || m[3] != model.NoMark {
		t.Errorf("row 5 marks = %v", m)
	}
	if m := g.rows[1].marks; m[0] != model.Present || m[1] != model.Absent || m[2] != model.NoMark {
		t.Errorf("row 6 marks = %v", m)
	}
}

// Every problem of a grid's layout or marks, at its cell, all in one run.
func TestParseGridFindings(t *testing.T) {
	for _, tc := range []struct {
		name string
		rows [][]string
		want []string
	}{
		{"no header", [][]string{{"活动日期", "2026-01-08"}, {"人员", "会议"}},
			[]string{"error f.xlsx:签到表!A1: 工作表「签到表」找不到表头：前 10 行中没有一行包含「编号」或「姓名」"}},
		{"empty", [][]string{{}, {""}}, []string{"warning f.xlsx:签到表: 工作表「签到表」是空表，已忽略"}},
		{"no label rows", [][]string{{"编号", "姓名", "党员大会"}, {"D001", "张三", "√"}}, []string{
			"error f.xlsx:签到表!C1: 签到列「党员大会」缺少活动日期：表头上方没有「活动日期」行",
			"error f.xlsx:签到表!C1: 签到列「党员大会」缺少项目编码：表头上方没有「项目编码」行",
		}},
		{"missing date and item", [][]string{
			{"活动日期：", "", "2026-01-08", ""},
			{"项目编码", "", "", "B1"},
			{"编号", "姓名", "党员大会", ""},
			{"D001", "张三", "√", "√"},
		}, []string{
			"error f.xlsx:签到表!C3: 签到列「党员大会」缺少项目编码（第 2 行「项目编码」）",
			"error f.xlsx:签到表!D3: 签到列「D 列」缺少活动日期（第 1 行「活动日期」）",
		}},
		{"bad and outside dates", [][]string{
			{"活动日期", "", "2026-13-01", "2025-12-28", "2027/1/1"},
			{"项目编码", "", "B1", "B1", "B1"},
			{"编号", "姓名", "一", "二", "三"},
		}, []string{
			"error f.xlsx:签到表!C3: 签到列「一」的活动日期「2026-13-01」不是有效日期（可写作 2026-03-05、2026/3/5 或 2026年3月5日）",
			"error f.xlsx:签到表!D3: 签到列「二」的活动日期 2025-12-28 不在 2026 年度内：2025 年的记录请登记在 2025 文件夹的登记簿中；如是笔误，请改正日期",
			"error f.xlsx:签到表!E3: 签到列「三」的活动日期 2027-01-01 不在 2026 年度内：2027 年的记录请登记在 2027 文件夹的登记簿中（还没有这个文件夹时，重新启动 jifen 会自动新建，也可以运行 jifen new-year --from 2026 --to 2027）",
		}},
		{"bad marks", [][]string{
			{"活动日期", "", "2026-01-08", "2026-01-09"},
			{"项目编码", "", "B1", "B2"},
			{"编号", "姓名", "大会", "小组会"},
			{"D001", "张三", "迟到", "√"},
			{"D002", "李四", "  ", "2"},
			{"", "", "", "", "√"}, // an unheaded column is not an activity
		}, []string{
			"error f.xlsx:签到表!C4: 签到标记「迟到」无法识别：出席填 √，请假填 请假，缺席填 ×；不需参加的留空",
			"error f.xlsx:签到表!D5: 签到标记「2」无法识别：出席填 √，请假填 请假，缺席填 ×；不需参加的留空",
			"warning f.xlsx:签到表!E6: E 列有签到标记，但没有活动名称、活动日期和项目编码，该列未读取",
		}},
		{"duplicate label", [][]string{
			{"活动日期", "", "2026-01-08"},
			{"活动日期", "", "2026-01-09"},
			{"项目编码", "", "B1"},
			{"编号", "姓名", "大会"},
		}, []string{"error f.xlsx:签到表!A2: 「活动日期」行重复（已在第 1 行），请只保留一行"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fs model.Findings
			parseGrid("f.xlsx", gridSheet("签到表", tc.rows...), false, 2026, &model.Limiter{List: &fs})
			fs.Sort()
			diff(t, lines(fs), tc.want)
		})
	}
}

// memYear reads sheets from memory as one year folder's workbook
// data/2026/签到.xlsx, after a rubric and a roster in data/2026/基础.xlsx.
// settings are extra 设置 rows (项目, 值).
func memYear(t *testing.T, settings [][]string, sheets ...*sheet.Sheet) (*model.Year, model.Findings) {
	t.Helper()
	set := [][]string{{"项目", "值"}, {"支部名称", "示例党支部"}, {"年度", "2026"}}
	base := &sheet.Book{Sheets: []sheet.Sheet{
		{Name: "设置", Rows: append(set, settings...)},
		{Name: "考核项目", Rows: [][]string{
			{"编码", "类别", "项目", "分值", "季度上限"},
			{"B1", "基础", "参加支部党员大会", "5"},
			{"B2", "基础", "参加党小组会", "2", "4"},
			{"R1", "奖励", "志愿服务", "2", "6"},
			{"K1", "扣分", "无故缺席组织生活", "-1"},
			{"K2", "扣分", "违反工作纪律", "10"},
		}},
		{Name: "党员名册", Rows: [][]string{
			{"编号", "姓名", "类别", "党小组", "转入日期", "转出日期", "不纳入积分管理", "不纳入原因"},
			{"D001", "张三", "正式党员", "第一党小组"},
			{"D002", "李四", "正式党员", "第一党小组"},
			{"D003", "王五", "预备党员", "第二党小组", "2026-04-01"},
			{"D004", "赵六", "正式党员", "第二党小组", "", "", "是", "长期外地居住"},
			{"D005", "钱七", "正式党员", "第二党小组", "", "2026-03-31"},
		}},
	}}
	if deduct := len(settings) > 0 && settings[0][0] == "基础分计分方式" && settings[0][1] == "扣减制"; deduct {
		// Under 扣减制 base items are negative.
		items := base.Sheets[1].Rows
		items[1][3], items[2][3] = "-5", "-2"
	}
	book := &sheet.Book{}
	for _, s := range sheets {
		book.Sheets = append(book.Sheets, *s)
	}
	y, fs := ParseYear(2026, "data/2026", []File{{Path: "data/2026/基础.xlsx", Book: base}, {Path: "data/2026/签到.xlsx", Book: book}})
	fs.Sort()
	return y, fs
}

// q1 is a grid of three activities: 大会 (B1) on 2026-01-08, 小组会 (B2)
// on 2026-01-15 and 志愿服务 (R1) on 2026-02-20.
func q1(rows ...[]string) *sheet.Sheet {
	head := [][]string{
		{"活动日期", "", "2026-01-08", "2026-01-15", "2026-02-20"},
		{"项目编码", "", "B1", "B2", "R1"},
		{"编号", "姓名", "大会", "小组会", "志愿服务"},
	}
	return gridSheet("签到表", append(head, rows...)...)
}

// counted lists what the year's attendance counted, one line per mark:
// "C4 张三 出席 entry 5 ded 0".
func counted(y *model.Year) []string {
	var out []string
	for _, a := range y.Attendance {
		var e, d model.Points
		if a.Entry != nil {
			e = a.Entry.Points
			if a.Entry.Pos != a.Pos || a.Entry.Reason != a.Activity.Name || a.Entry.Count != 1 || !a.Entry.Date.Equal(a.Activity.Date) {
				out = append(out, "bad entry "+fmt.Sprint(*a.Entry))
			}
		}
		if a.Deduction != nil {
			d = a.Deduction.Points
			if a.Deduction.Pos != a.Pos || a.Deduction.Source != "班子商议" || a.Deduction.Reason != "无故缺席："+a.Activity.Name {
				out = append(out, "bad deduction "+fmt.Sprint(*a.Deduction))
			}
		}
		out = append(out, fmt.Sprintf("%s %s %s entry %s ded %s", a.Pos.Cell(), a.Member.Name, a.Mark, e, d))
	}
	return out
}

// Both base modes, with and without 缺席扣分项目, on base and reward columns.
func TestGridModes(t *testing.T) {
	marks := q1(
		[]string{"D001", "张三", "√", "请假", "√"},
		[]string{"D002", "李四", "×", "缺席", "×"},
		[]string{"", "张三", "", "", ""}, // a roster line without marks is not read
	)
	for _, tc := range []struct {
		name     string
		settings [][]string
		want     []string
	}{
		{"累加制", nil, []string{
			"C4 张三 出席 entry 5 ded 0", "D4 张三 请假 entry 0 ded 0", "E4 张三 出席 entry 2 ded 0",
			"C5 李四 缺席 entry 0 ded 0", "D5 李四 缺席 entry 0 ded 0", "E5 李四 缺席 entry 0 ded 0",
		}},
		{"累加制 缺席扣分项目", [][]string{{"缺席扣分项目", "K1"}}, []string{
			"C4 张三 出席 entry 5 ded 0", "D4 张三 请假 entry 0 ded 0", "E4 张三 出席 entry 2 ded 0",
			"C5 李四 缺席 entry 0 ded 1", "D5 李四 缺席 entry 0 ded 1", "E5 李四 缺席 entry 0 ded 0",
		}},
		{"扣减制", [][]string{{"基础分计分方式", "扣减制"}}, []string{
			"C4 张三 出席 entry 0 ded 0", "D4 张三 请假 entry 0 ded 0", "E4 张三 出席 entry 2 ded 0",
			"C5 李四 缺席 entry -5 ded 0", "D5 李四 缺席 entry -2 ded 0", "E5 李四 缺席 entry 0 ded 0",
		}},
		{"扣减制 缺席扣分项目", [][]string{{"基础分计分方式", "扣减制"}, {"缺席扣分项目", "Ｋ1"}}, []string{
			"C4 张三 出席 entry 0 ded 0", "D4 张三 请假 entry 0 ded 0", "E4 张三 出席 entry 2 ded 0",
			"C5 李四 缺席 entry -5 ded 1", "D5 李四 缺席 entry -2 ded 1", "E5 李四 缺席 entry 0 ded 0",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y, fs := memYear(t, tc.settings, marks)
			diff(t, lines(fs), nil)
			diff(t, counted(y), tc.want)
			var entries, deds int
			for _, a := range y.Attendance {
				if a.Entry != nil {
					entries++
				}
				if a.Deduction != nil {
					deds++
				}
			}
			if len(y.Entries) != entries || len(y.Deductions) != deds || len(y.Activities) != 3 {
				t.Errorf("%d entries, %d deductions, %d activities; attendance says %d, %d, 3",
					len(y.Entries), len(y.Deductions), len(y.Activities), entries, deds)
			}
		})
	}
}

// One test per finding of resolving a grid, with its exact message and cell.
func TestGridResolveFindings(t *testing.T) {
	for _, tc := range []struct {
		name     string
		settings [][]string
		sheets   []*sheet.Sheet
		want     []string
		counted  []string
	}{
		{"unknown item", nil, []*sheet.Sheet{gridSheet("签到表",
			[]string{"活动日期", "", "2026-01-08"}, []string{"项目编码", "", "B9"},
			[]string{"编号", "姓名", "大会"}, []string{"D001", "张三", "√"})},
			[]string{"error data/2026/签到.xlsx:签到表!C3: 签到列「大会」的项目编码「B9」不在考核项目表中"}, nil},
		{"deduction item", nil, []*sheet.Sheet{gridSheet("签到表",
			[]string{"活动日期", "", "2026-01-08"}, []string{"项目编码", "", "K1"},
			[]string{"编号", "姓名", "大会"}, []string{"D001", "张三", "×"})},
			[]string{"error data/2026/签到.xlsx:签到表!C3: 签到列「大会」的项目编码「K1」是扣分项目，签到表只能使用基础或奖励项目（缺席扣分请在设置中填写「缺席扣分项目」）"}, nil},
		{"unknown member", nil, []*sheet.Sheet{q1([]string{"D009", "", "√"})},
			[]string{"error data/2026/签到.xlsx:签到表!A4: 编号「D009」不在党员名册中"}, nil},
		{"name disagrees", nil, []*sheet.Sheet{q1([]string{"D001", "李四", "√"})},
			[]string{"error data/2026/签到.xlsx:签到表!B4: 姓名「李四」与编号「D001」不符（名册中该编号是「张三」）"}, nil},
		{"no member", nil, []*sheet.Sheet{q1([]string{"", "", "√"})},
			[]string{"error data/2026/签到.xlsx:签到表!B4: 缺少编号或姓名"}, nil},
		{"name only", nil, []*sheet.Sheet{q1([]string{"", "李四", "√"})}, nil,
			[]string{"C4 李四 出席 entry 5 ded 0"}},
		{"exempt member", nil, []*sheet.Sheet{q1([]string{"D004", "赵六", "", "√", "×"})},
			[]string{"warning data/2026/签到.xlsx:签到表!D4: 党员「赵六」不纳入积分管理，本行不计分"}, nil},
		{"before transfer in", nil, []*sheet.Sheet{q1([]string{"D003", "王五", "√", "", "请假"})}, []string{
			"error data/2026/签到.xlsx:签到表!C4: 活动日期 2026-01-08 不在党员「王五」参加积分管理的期间（2026-04-01 起）内",
			"error data/2026/签到.xlsx:签到表!E4: 活动日期 2026-02-20 不在党员「王五」参加积分管理的期间（2026-04-01 起）内",
		}, nil},
		{"until transfer out", nil, []*sheet.Sheet{gridSheet("签到表",
			[]string{"活动日期", "", "2026-03-31", "2026-04-01"}, []string{"项目编码", "", "B1", "B1"},
			[]string{"编号", "姓名", "大会", "大会"}, []string{"D005", "钱七", "√", "×"})},
			[]string{"error data/2026/签到.xlsx:签到表!D4: 活动日期 2026-04-01 不在党员「钱七」参加积分管理的期间（至 2026-03-31）内"},
			[]string{"C4 钱七 出席 entry 5 ded 0"}},
		{"duplicate across columns", nil, []*sheet.Sheet{gridSheet("签到表",
			[]string{"活动日期", "", "2026-01-08", "2026-01-08", "2026-01-08"}, []string{"项目编码", "", "B2", "B2", "B1"},
			[]string{"编号", "姓名", "第一党小组会", "第二党小组会", "大会"},
			[]string{"D001", "张三", "√", "", "√"},
			[]string{"D002", "李四", "", "√", "√"},
			[]string{"D001", "张三", "", "×"})},
			[]string{"error data/2026/签到.xlsx:签到表!D6: 党员「张三」2026-01-08「参加党小组会」的签到重复（已在 data/2026/签到.xlsx:签到表!C4 标记）"},
			[]string{"C4 张三 出席 entry 2 ded 0", "E4 张三 出席 entry 5 ded 0", "D5 李四 出席 entry 2 ded 0", "E5 李四 出席 entry 5 ded 0"}},
		// Sheets are read in workbook order (签到表-乙 first) but findings
		// are ordered by name: the later mark in that order is the error.
		{"duplicate across sheets", nil, []*sheet.Sheet{
			q1([]string{"D001", "张三", "×"}),
			gridSheet("签到表-乙", []string{"活动日期", "2026-01-08"}, []string{"项目编码", "B1"},
				[]string{"姓名", "补签"}, []string{"", "√"}, []string{"张三", "√"}),
		}, []string{
			"error data/2026/签到.xlsx:签到表-乙!A4: 缺少编号或姓名",
			"error data/2026/签到.xlsx:签到表-乙!B5: 党员「张三」2026-01-08「参加支部党员大会」的签到重复（已在 data/2026/签到.xlsx:签到表!C4 标记）",
		}, []string{"C4 张三 缺席 entry 0 ded 0"}},
		{"absence item unknown", [][]string{{"缺席扣分项目", "K9"}}, []*sheet.Sheet{q1([]string{"D001", "张三", "×"})},
			[]string{"error data/2026/基础.xlsx:设置!B4: 缺席扣分项目「K9」不在考核项目表中"}, []string{"C4 张三 缺席 entry 0 ded 0"}},
		{"absence item not a deduction", [][]string{{"缺席扣分项目", "B1"}}, nil,
			[]string{"error data/2026/基础.xlsx:设置!B4: 缺席扣分项目「B1」是基础项目，应为扣分项目（每次缺席扣除该项目的分值）"}, nil},
		{"bad column still reads marks and members", nil, []*sheet.Sheet{gridSheet("签到表",
			[]string{"活动日期", "", ""}, []string{"项目编码", "", "B1"},
			[]string{"编号", "姓名", "大会"}, []string{"D008", "", "迟"})}, []string{
			"error data/2026/签到.xlsx:签到表!C3: 签到列「大会」缺少活动日期（第 1 行「活动日期」）",
			"error data/2026/签到.xlsx:签到表!A4: 编号「D008」不在党员名册中",
			"error data/2026/签到.xlsx:签到表!C4: 签到标记「迟」无法识别：出席填 √，请假填 请假，缺席填 ×；不需参加的留空",
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y, fs := memYear(t, tc.settings, tc.sheets...)
			diff(t, lines(fs), tc.want)
			diff(t, counted(y), tc.counted)
		})
	}
}

// Grid marks and 日常登记 rows count together: item caps (B2: 4 a
// quarter, R1: 6) cut across both; both modes; 缺席扣分项目.
func TestGridScores(t *testing.T) {
	entries := gridSheet("日常登记",
		[]string{"活动日期", "编号", "项目编码", "次数", "事由"},
		[]string{"2026-01-20", "D001", "B2", "", "补开小组会"},
		[]string{"2026-02-10", "D001", "B2"},
		[]string{"2026-03-01", "D001", "R1", "3", "义务植树"},
	)
	grid := q1(
		[]string{"D001", "张三", "√", "√", "√"},
		[]string{"D002", "李四", "×", "缺席", "×"},
		[]string{"D005", "钱七", "请假", "", "√"},
	)
	for _, tc := range []struct {
		name     string
		settings [][]string
		want     []string // per member: base reward deduction total
	}{
		{"累加制", nil, []string{"张三 9 6 0 15", "李四 0 0 0 0", "钱七 0 2 0 2"}},
		{"累加制 缺席扣分项目", [][]string{{"缺席扣分项目", "K1"}}, []string{"张三 9 6 0 15", "李四 0 0 2 -2", "钱七 0 2 0 2"}},
		// Under 扣减制 B2's cap (4) bounds what 日常登记 rows of −2 deduct.
		{"扣减制 缺席扣分项目", [][]string{{"基础分计分方式", "扣减制"}, {"缺席扣分项目", "K1"}}, []string{"张三 76 6 0 82", "李四 73 0 2 71", "钱七 80 2 0 82"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			y, fs := memYear(t, tc.settings, grid, entries)
			diff(t, lines(fs), nil)
			res, _ := score.Score(y, model.NewDate(2026, 4, 10))
			var got []string
			for _, m := range res.Members {
				if qs := m.Quarters[0]; qs.Participating {
					got = append(got, fmt.Sprintf("%s %s %s %s %s", m.Member.Name, qs.Base, qs.Reward, qs.Deduction, qs.Total))
				}
			}
			diff(t, got, tc.want)
			for _, m := range res.Members {
				for _, l := range m.Quarters[0].Lines {
					fromGrid := l.Pos.Sheet == "签到表"
					if fromGrid != (l.Source == score.SourceGrid) || fromGrid != (l.Mark != model.NoMark) {
						t.Errorf("line %s: source %s, mark %v", l.Pos, l.Source, l.Mark)
					}
				}
			}
		})
	}
}
