package pdf

import (
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/model"
)

// The reproducers of issue 24: one ordinary cell must not hang a build.
// Each document is rendered under the watchdog, so that a regression
// fails the test instead of exhausting the machine's memory.

// longRealName is a real Uyghur name, longer than the 姓名 column a notice
// fits to its widest name could take beside the fixed columns.
const longRealName = "迪丽热巴·迪力木拉提"

// TestLongRealNameKeepsPages: a member whose name is longer than the
// columns beside it leave room for gets a name that wraps, and each notice
// and the register of the demo keep the number of pages they have with
// short names (the annual notice of 2025 went from 2 pages to 5, 党小组 one
// character a line). With 公示排名=是 the threshold is lower; both are tried.
func TestLongRealNameKeepsPages(t *testing.T) {
	var docs []demoDoc
	for _, d := range everyDocument() {
		if d.name == "notice-q1" || d.name == "annual-notice" || d.name == "register" {
			docs = append(docs, d)
		}
	}
	for _, res := range demoResults(t) {
		for _, ranks := range []bool{false, true} {
			res.Year.Settings.ShowRanks = ranks
			base := map[string]int{}
			o := builtFont(t, res)
			for _, d := range docs {
				_, base[d.name] = renderGuarded(t, d, res, o)
			}
			m := res.Members[4].Member
			short := m.Name
			for _, name := range []string{longRealName, "阿卜杜热合曼·买买提明", longRealName + "·艾买提江·买买提明"} {
				m.Name = name
				o := builtFont(t, res)
				for _, d := range docs {
					if _, n := renderGuarded(t, d, res, o); n != base[d.name] {
						t.Errorf("%d %s, 公示排名 %v, a %d-character name: %d pages, %d with short names",
							res.Year.Year, d.name, ranks, len([]rune(name)), n, base[d.name])
					}
				}
			}
			m.Name = short
		}
		res.Year.Settings.ShowRanks = false
	}
}

// TestAnnualNoticePages2025 pins the demo's 2025 annual notice with
// 「迪丽热巴·迪力木拉提」 at the two pages it has with short names (issue 24
// measured 5).
func TestAnnualNoticePages2025(t *testing.T) {
	for _, res := range demoResults(t) {
		if res.Year.Year != 2025 {
			continue
		}
		res.Members[4].Member.Name = longRealName
		d := everyDocument()[8]
		if _, n := renderGuarded(t, d, res, Options{Now: testNow}); d.name != "annual-notice" || n != 2 {
			t.Errorf("%s of 2025 with 「%s」: %d pages, want 2", d.name, longRealName, n)
		}
	}
}

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
		o := builtFont(t, res)
		for _, d := range everyDocument() {
			renderGuarded(t, d, res, o)
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
		o := builtFont(t, res)
		for _, d := range everyDocument() {
			if _, pages := renderGuarded(t, d, res, o); pages > 40 {
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
	o := builtFont(t, res)
	for _, d := range everyDocument() {
		if _, pages := renderGuarded(t, d, res, o); pages > 60 {
			t.Errorf("%s with a %d-character 支部名称: %d pages", d.name, len([]rune(h.Branch)), pages)
		}
	}
}

// builtFont is the options a build renders res with: the font cut for its
// register by BuildFont (and faster to embed than the whole font).
func builtFont(t *testing.T, res *model.Result) Options {
	t.Helper()
	font, err := BuildFont(nil, []*model.Result{res})
	if err != nil {
		t.Fatal(err)
	}
	return Options{Now: testNow, Font: font}
}
