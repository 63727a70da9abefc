package load

import (
	"fmt"
	"testing"
)

// The templates' dropdowns write 「编号 姓名」 and 「编码 项目」: the reader
// takes the code and holds the name to the roster or the rubric, on every
// sheet that names members or items, and still reads bare codes.
func TestCodeNameForms(t *testing.T) {
	entries := gridSheet("日常登记",
		[]string{"活动日期", "编号", "姓名", "项目编码"},
		[]string{"2026-01-05", "D001 张三", "", "B1 参加支部党员大会"},
		[]string{"2026-01-06", "D002　李四", "李四", "R1　 志愿服务"},    // full-width and mixed spaces
		[]string{"2026-01-07", "D001", "", "B2 参加党小组会 "},       // a bare 编号 beside it
		[]string{"2026-01-08", "D001 李四", "", "B1"},            // the name is another member's
		[]string{"2026-01-09", "D001", "", "B1 参加党小组会"},        // the name is another item's
		[]string{"2026-01-10", "D001 张三", "李四", "B1"},          // 姓名 disagrees
		[]string{"2026-01-11", "D009 张三", "", "B1"},            // unknown code
		[]string{"2026-01-12", "D001", "", "K1 无故缺席组织生活"},      // wrong sheet for the item
		[]string{"2026-01-13", "D001", "", "B9 参加支部党员大会"},      // unknown item code
		[]string{"2026-01-14", "D001张三", "", "B1"},             // no space: not a form
		[]string{"2026-01-15", "D002 李 四", "", "B1 参加支部 党员大会"}, // spaces inside names
	)
	claims := gridSheet("奖励申报",
		[]string{"申报日期", "编号", "项目编码", "事由", "党小组意见", "支部审定"},
		[]string{"2026-02-01", "D002 李四", "R1 志愿服务", "社区服务", "通过", "通过"},
		[]string{"2026-02-02", "D002 李四", "B1 参加支部党员大会", "x", "通过", "通过"},
	)
	deductions := gridSheet("违规扣分",
		[]string{"认定日期", "编号", "项目编码", "事由"},
		[]string{"2026-02-03", "D001 张三", "K2 违反工作纪律", "迟到早退"},
	)
	grid := gridSheet("签到表",
		[]string{"活动日期", "", "2026-03-05", "2026-03-06", "2026-03-07"},
		[]string{"项目编码", "", "B1 参加支部党员大会", "R1 志愿服务", "B2 志愿服务"},
		[]string{"编号", "姓名", "大会", "志愿服务", "小组会"},
		[]string{"D001 张三", "", "√", "√", "√"},
		[]string{"D002 张三", "", "√"},
	)
	y, fs := memYear(t, nil, entries, claims, deductions, grid)
	diff(t, lines(fs), []string{ // in sheet-name order
		"error data/2026/签到.xlsx:奖励申报!C3: 项目编码「B1 参加支部党员大会」是基础项目，奖励申报只能申报奖励项目",
		"error data/2026/签到.xlsx:日常登记!B5: 编号「D001 李四」与党员名册不符：D001 是「张三」",
		"error data/2026/签到.xlsx:日常登记!D6: 项目编码「B1 参加党小组会」与考核项目表不符：B1 是「参加支部党员大会」",
		"error data/2026/签到.xlsx:日常登记!C7: 姓名「李四」与编号「D001 张三」不符（名册中该编号是「张三」）",
		"error data/2026/签到.xlsx:日常登记!B8: 编号「D009 张三」不在党员名册中",
		"error data/2026/签到.xlsx:日常登记!D9: 项目编码「K1 无故缺席组织生活」是扣分项目，应登记在违规扣分表",
		"error data/2026/签到.xlsx:日常登记!D10: 项目编码「B9 参加支部党员大会」不在考核项目表中",
		"error data/2026/签到.xlsx:日常登记!B11: 编号「D001张三」不在党员名册中",
		"error data/2026/签到.xlsx:签到表!E3: 签到列「小组会」的项目编码「B2 志愿服务」与考核项目表不符：B2 是「参加党小组会」",
		"error data/2026/签到.xlsx:签到表!A5: 编号「D002 张三」与党员名册不符：D002 是「李四」",
	})
	var got []string
	for _, e := range y.Entries {
		got = append(got, fmt.Sprintf("%s %s %s", e.Pos.Cell(), e.Member.ID, e.Item.Code))
	}
	for _, c := range y.Claims {
		got = append(got, fmt.Sprintf("claim %s %s", c.Member.ID, c.Item.Code))
	}
	for _, d := range y.Deductions {
		got = append(got, fmt.Sprintf("deduction %s %s", d.Member.ID, d.Item.Code))
	}
	diff(t, got, []string{
		"B2 D001 B1", "B3 D002 R1", "B4 D001 B2", "B12 D002 B1",
		"C4 D001 B1", "D4 D001 R1",
		"claim D002 R1", "deduction D001 K2",
	})
}

func TestCodeLabel(t *testing.T) {
	known := map[string]bool{"B01": true, "B 02": true}
	for _, tc := range []struct{ in, code, label string }{
		{"B01 参加支部党员大会", "B01", "参加支部党员大会"},
		{"B01  参加 党课", "B01", "参加 党课"},
		{"B01\u3000参加", "B01", "参加"},
		{"B 02 参加党课", "B 02", "参加党课"},
		{"B01", "", ""},
		{"B01 ", "", ""},
		{"B03 参加", "", ""},
		{" B01 参加", "", ""}, // cells arrive trimmed; a leading space is no split
	} {
		code, label, ok := codeLabel(tc.in, func(s string) bool { return known[s] })
		if code != tc.code || label != tc.label || ok != (tc.code != "") {
			t.Errorf("codeLabel(%q) = %q, %q, %v; want %q, %q", tc.in, code, label, ok, tc.code, tc.label)
		}
	}
}
