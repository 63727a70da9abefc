package pdf

import (
	"strings"
	"testing"
)

// The reproducers of issue 24: one ordinary cell must not hang a build.
// Each document is rendered under the watchdog, so that a regression
// fails the test instead of exhausting the machine's memory.

// longRealName is a real Uyghur name, longer than the 姓名 column a notice
// fits to its widest name could take beside the fixed columns.
const longRealName = "迪丽热巴·迪力木拉提"

// TestEmptyLineGroupLongName: a 党小组 cell holding an empty line (Alt+Enter
// twice) beside a long name looped the wrapper forever.
func TestEmptyLineGroupLongName(t *testing.T) {
	for _, h := range []hostile{
		{Name: longRealName, Group: "第一党小组\n\n（机关）", Others: 3},
		{Name: strings.Repeat("名", 40), Group: "\n\n\n", Others: 3, Ranks: true},
		{Name: longRealName, Group: "   \n \u3000\n", Others: 3, Ranks: true},
	} {
		h.ID, h.Reason, h.Item, h.Branch, h.Setting = "D001", "事由", "项目", "中共示例党支部", "设置"
		res := h.year()
		for _, d := range everyDocument() {
			renderGuarded(t, d, res, Options{Now: testNow})
		}
	}
}

// TestHugeNameBounded: a pasted name of 2,645 characters made the slips'
// running head and table header taller than a page (a page added forever),
// and from 3,000 characters recursed through the running head. Every
// document ends, in a number of pages bounded by the text it holds.
func TestHugeNameBounded(t *testing.T) {
	for _, n := range []int{2645, 3000} {
		h := hostile{Name: strings.Repeat("张", n), Group: "第一党小组", ID: "D001", Reason: "事由", Item: "项目",
			Branch: "中共示例党支部", Setting: "设置", Others: 2}
		res := h.year()
		for _, d := range everyDocument() {
			if _, pages := renderGuarded(t, d, res, Options{Now: testNow}); pages > 40 {
				t.Errorf("%s with a %d-character name: %d pages", d.name, n, pages)
			}
		}
	}
}

// TestHugeBranchBounded: a 支部名称 of 3,000 characters did to register.pdf
// what a long name did to the slips.
func TestHugeBranchBounded(t *testing.T) {
	h := hostile{Name: "张三", Group: "第一党小组", ID: "D001", Reason: "事由", Item: "项目",
		Branch: strings.Repeat("中共示例市示例局机关党支部", 231), Setting: strings.Repeat("设", 3000), Others: 2}
	res := h.year()
	for _, d := range everyDocument() {
		if _, pages := renderGuarded(t, d, res, Options{Now: testNow}); pages > 60 {
			t.Errorf("%s with a %d-character 支部名称: %d pages", d.name, len([]rune(h.Branch)), pages)
		}
	}
}
