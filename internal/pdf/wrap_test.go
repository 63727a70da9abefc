package pdf

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// cells measures like a monospaced CJK font: a CJK character is 1 wide,
// everything else half.
func cells(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 0x2000 {
			w += 0.5
		} else {
			w++
		}
	}
	return w
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width float64
		want  []string
	}{
		{"", 5, []string{""}},
		{"短句", 5, []string{"短句"}},
		{"一二三四五六七八", 4, []string{"一二三四", "五六七八"}},
		// 「，」 may not start a line: the character before it comes along.
		{"一二三四，五六七", 4, []string{"一二三", "四，五六", "七"}},
		// 「。」 and 「”」 together at a line start move back with 「甲」.
		{"一二三甲。”乙丙", 4, []string{"一二三", "甲。”乙", "丙"}},
		// 「（」 and 「《」 may not end a line.
		{"一二三（四）五", 4, []string{"一二三", "（四）五"}},
		{"一二三《四》五", 4, []string{"一二三", "《四》五"}},
		{"一二“三四”五", 3, []string{"一二", "“三", "四”五"}},
		// Latin words and numbers stay whole; spaces hang at the line end.
		{"学习 Excel 数据分析", 6, []string{"学习 Excel ", "数据分析"}},
		{"编号D001的党员", 3, []string{"编号", "D001的", "党员"}},
		{"得分78.25分", 4, []string{"得分", "78.25分"}},
		{"日期2026-03-05当天", 5, []string{"日期", "2026-03-05", "当天"}},
		// A number keeps its counter: 「1日」 is not split.
		{"至4月1日止", 3, []string{"至4月", "1日止"}},
		// A word longer than a line is cut by characters.
		{"abcdefghij", 2, []string{"abcd", "efgh", "ij"}},
		// Hard line breaks stay at the end of their line.
		{"第一行\n第二行", 10, []string{"第一行\n", "第二行"}},
		{"甲\n\n乙", 10, []string{"甲\n", "\n", "乙"}},
		// Too narrow for anything: one character per line, still lossless.
		{"一二", 0.1, []string{"一", "二"}},
		{"……再说", 2, []string{"……", "再说"}},
		// An unbreakable run wider than the line is cut anyway (rules lose
		// to keeping every character).
		{"……再说", 1, []string{"…", "…", "再", "说"}},
	}
	for _, tt := range tests {
		got := wrap(tt.in, tt.width, cells)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("wrap(%q, %v) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

// checkLines verifies the wrap invariants on any input: lossless, no line
// wider than allowed (unless a single unbreakable piece), and the
// line-start/line-end rules.
func checkLines(t *testing.T, in string, width float64, lines []string, w func(string) float64) {
	t.Helper()
	if got := strings.Join(lines, ""); got != in {
		t.Fatalf("wrap(%q) lost text: joined %q", in, got)
	}
	if width < 7*w("中") {
		return // narrower than the longest unbreakable run of these texts
	}
	for i, l := range lines {
		body := strings.TrimRight(l, " \u3000\n")
		if w(body) > width+1e-9 && utf8.RuneCountInString(body) > 1 && !strings.ContainsAny(body, "，。、；：？！）》”…—（《“") && !isOneWord(body) {
			t.Errorf("line %d %q is %.2f wide, limit %.2f", i, l, w(body), width)
		}
		if i > 0 && !strings.HasSuffix(lines[i-1], "\n") {
			if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune("，。、；：？！）》”…—", r) {
				t.Errorf("line %d %q starts with %q", i, l, r)
			}
		}
		if i < len(lines)-1 {
			if r, _ := utf8.DecodeLastRuneInString(l); strings.ContainsRune("（《“", r) {
				t.Errorf("line %d %q ends with %q", i, l, r)
			}
		}
	}
}

func isOneWord(s string) bool {
	for _, r := range s {
		if !isWord(r) {
			return false
		}
	}
	return true
}

func TestWrapInvariants(t *testing.T) {
	texts := []string{
		"依据《党员积分制管理实施方案》，经党支部登记、核实，现将2026年第一季度（1月1日至3月31日）全体参加积分管理的党员积分情况公示如下。",
		"到社区开展“学雷锋”志愿服务，清理楼道小广告……共计3.5小时——表现突出！（附照片）",
		"参加局机关“青年理论学习小组”第3期专题学习（Excel 数据分析与 WPS 办公技能培训，2.5学时）",
		"Mixed English text with long words like internationalization and 中文混排，标点。",
		"，开头就是标点。（（（嵌套）））“”《》",
		"a\nb\n\n多行\n事由，\n",
	}
	for _, s := range texts {
		for _, width := range []float64{1, 2, 3, 4.5, 7, 10, 13, 40} {
			checkLines(t, s, width, wrap(s, width, cells), cells)
		}
	}
}

// TestWrapFont runs the invariants with the real font's metrics.
func TestWrapFont(t *testing.T) {
	d, err := newDoc(Options{Now: testNow}, false)
	if err != nil {
		t.Fatal(err)
	}
	d.newPage()
	d.setSize(11)
	for _, s := range []string{
		"依据《党员积分制管理实施方案》，经党支部登记、核实，现将2026年第一季度（1月1日至3月31日）全体参加积分管理的党员积分情况公示如下。季度积分＝基础积分＋奖励积分－违规扣分。",
		"公示期间，党员、群众如有异议，可向党支部反映，党支部将及时调查核实并反馈结果。异议受理：局党建办公室（办公楼三楼305室，电话0000-12345678）。",
	} {
		for _, width := range []float64{20, 35, 50, 80, 174} {
			checkLines(t, s, width, wrap(s, width, d.measure), d.measure)
		}
	}
}

// TestWrapEnds: the wrapper ends and stays lossless for every width,
// however narrow, zero, negative or not a number, on text that is only
// line breaks or spaces (PITFALLS §9: a 党小组 cell with an empty line and
// a negative column width looped until memory ran out). Each paragraph
// gives at most a line per character.
func TestWrapEnds(t *testing.T) {
	texts := []string{"", "\n", "\n\n", " ", "   ", "\u3000", " \n \n", "第一党小组\n\n（机关）", "甲\n\n乙", "，", "a\n\nb  c", "迪丽热巴·迪力木拉提"}
	widths := []float64{math.NaN(), math.Inf(-1), -1e9, -10, -0.5, 0, 0.1, 1, math.Inf(1)}
	watch("wrap", time.Minute, 256<<20, func() {
		for _, s := range texts {
			for _, width := range widths {
				lines := wrap(s, width, cells)
				if got := strings.Join(lines, ""); got != s {
					t.Errorf("wrap(%q, %v) lost text: %q", s, width, lines)
				}
				if max := utf8.RuneCountInString(s) + 1; len(lines) > max {
					t.Errorf("wrap(%q, %v): %d lines for %d characters", s, width, len(lines), max-1)
				}
				// Below zero is zero: a character a line.
				if zero := wrap(s, 0, cells); width <= 0 || math.IsNaN(width) {
					if !reflect.DeepEqual(lines, zero) {
						t.Errorf("wrap(%q, %v) = %q, want %q as at width 0", s, width, lines, zero)
					}
				}
			}
			// wrapPara on its own ends too, whatever wrap makes of the width.
			for _, para := range strings.SplitAfter(s, "\n") {
				if para != "" {
					if got := strings.Join(wrapPara(para, -1, cells), ""); got != para {
						t.Errorf("wrapPara(%q, -1) lost text: %q", para, got)
					}
				}
			}
		}
	})
	for _, s := range []string{"", "一", "一二"} {
		if n := fitPrefix(s, -1, cells); (s == "") != (n == 0) {
			t.Errorf("fitPrefix(%q, -1) = %d: want at least one rune of a non-empty text, none of an empty one", s, n)
		}
	}
}
