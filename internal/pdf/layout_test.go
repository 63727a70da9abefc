package pdf

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
)

// testDoc is an empty portrait document at its first page.
func testDoc(t *testing.T) *doc {
	t.Helper()
	d, err := newDoc(Options{Now: testNow}, false)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestRunningHeadOneLine: a running head is one line whatever it names, its
// variable part cut with 「…」, the fixed parts kept.
func TestRunningHeadOneLine(t *testing.T) {
	for _, name := range []string{"张三", strings.Repeat("张", 3000), "名\n\n字", ""} {
		d := testDoc(t)
		d.repeat = func() { d.headLine(10, true, "党员积分核实单（续）　", name, "　2025年第一季度") }
		d.newPage()
		d.setSize(10)
		if got, want := d.f.GetY(), d.margin+d.lineH(); got != want {
			t.Errorf("a head naming %d characters ends at %.2f mm, want one line (%.2f mm)", len([]rune(name)), got, want)
		}
		if d.f.PageNo() != 1 {
			t.Errorf("the head broke the page: %d pages", d.f.PageNo())
		}
		head := d.headText("党员积分核实单（续）　", name, "　2025年第一季度")
		if d.measure(head) > d.contentW() || strings.Contains(head, "\n") ||
			!strings.HasPrefix(head, "党员积分核实单（续）　") || !strings.HasSuffix(head, "　2025年第一季度") {
			t.Errorf("head %q: want one line of %.0f mm at most, its fixed parts kept", head, d.contentW())
		}
	}
	d := testDoc(t)
	d.newPage()
	d.setSize(10)
	for _, tt := range []struct {
		s     string
		width float64
	}{{strings.Repeat("张", 100), 50}, {"短", 50}, {"张张张", 0.1}, {"张张张", -5}, {"甲\n乙", 50}} {
		got := d.cut(tt.s, tt.width)
		if d.measure(got) > tt.width && got != "…" {
			t.Errorf("cut(%q, %v) = %q, %.2f mm wide", tt.s, tt.width, got, d.measure(got))
		}
		if strings.Contains(got, "\n") {
			t.Errorf("cut(%q) = %q keeps a line break", tt.s, got)
		}
		if fits := d.measure(tt.s) <= tt.width; fits != !strings.HasSuffix(got, "…") {
			t.Errorf("cut(%q, %v) = %q: 「…」 exactly when the text does not fit", tt.s, tt.width, got)
		}
	}
}

// TestHeadNeverBreaksItsPage: a running head taller than a page (as the
// old multi-line head with a 3,000-character name was) is drawn on its
// page: newPage is never re-entered from it, which recursed until the
// stack or the memory ran out.
func TestHeadNeverBreaksItsPage(t *testing.T) {
	d := testDoc(t)
	d.repeat = func() { d.para(strings.Repeat("长", 5000), 10, "L", false, 0) }
	watch("tall head", time.Minute, 512<<20, func() {
		d.newPage()
		d.para("正文", 10, "L", false, 0)
	})
	if n := d.f.PageNo(); n != 2 {
		t.Errorf("%d pages, want the head's page and one more for the text", n)
	}
}

// TestRowEndsUnderTallHeader: a row below a header taller than the page is
// drawn (cut) rather than moved to a new page forever.
func TestRowEndsUnderTallHeader(t *testing.T) {
	d := testDoc(t)
	d.newPage()
	tb := newTable(d, 10, column{"序号", 20, "C"}, column{strings.Repeat("表头", 2000), 0, "L"})
	watch("row under a tall header", time.Minute, 512<<20, func() {
		tb.begin()
		tb.row("1", "一行")
		tb.row("2", strings.Repeat("多行", 600))
		tb.end()
	})
	// Page 1 cannot hold the header, pages 2 and 3 hold it and a row each.
	if n := d.f.PageNo(); n != 3 {
		t.Errorf("%d pages for two rows under a header taller than a page, want 3", n)
	}
}

// TestTableFloor: whatever widths a document works out from its data, no
// column is laid out narrower than one character, and a column sharing
// the rest keeps one character when the others take the whole page.
func TestTableFloor(t *testing.T) {
	d := testDoc(t)
	d.newPage()
	floor := d.oneChar(10)
	for _, cols := range [][]column{
		{{"姓名", d.contentW() + 30, "C"}, {"党小组", 0, "C"}},
		{{"序号", -5, "C"}, {"姓名", 0.5, "C"}, {"党小组", 0, "C"}, {"备注", 0, "L"}},
		{{"a", d.contentW() / 2, "C"}, {"b", d.contentW()/2 - 1, "C"}, {"c", 0, "C"}},
	} {
		tb := newTable(d, 10, cols...)
		for _, c := range tb.cols {
			if c.w < floor {
				t.Errorf("column %q laid out %.2f mm wide, less than one character (%.2f mm)", c.head, c.w, floor)
			}
		}
	}
}

// TestInvalidUTF8: bytes that are not UTF-8 never reach fpdf, which
// indexes out of range on them (found by FuzzDocuments in an item name).
func TestInvalidUTF8(t *testing.T) {
	d := testDoc(t)
	for _, s := range []string{"\xe5", "项目\xff\xfe名称", "\xed\xa0\x80"} {
		for _, got := range []string{bmp(s), d.chk.text(s, model.Pos{}, "项目")} {
			if !utf8.ValidString(got) {
				t.Errorf("%q passed on as %q", s, got)
			}
		}
	}
}

// TestSignatureWraps: a signature line wider than the page, 「中共…支部委员会」
// of a long 支部名称, wraps within it, every character kept.
func TestSignatureWraps(t *testing.T) {
	d := testDoc(t)
	d.newPage()
	d.setSize(12)
	long := model.CommitteeName(strings.Repeat("中共示例市示例局机关党支部", 20))
	ls, w := d.signatureLines([]string{long, "2026年4月1日"})
	if w > d.contentW() || strings.Join(ls, "") != long+"2026年4月1日" {
		t.Errorf("signature lines %q are %.1f mm wide, the page %.1f mm", ls, w, d.contentW())
	}
}
