package pdf

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

func TestCommittee(t *testing.T) {
	tests := []struct{ branch, want string }{
		{"中共示例市示例局机关党支部", "中共示例市示例局机关党支部委员会"},
		{"示例党支部", "中共示例党支部委员会"},
		{"中共示例局第一支部", "中共示例局第一支部委员会"},
		{"中共示例局机关党支部委员会", "中共示例局机关党支部委员会"},
		{"中国共产党示例局机关党支部", "中国共产党示例局机关党支部委员会"},
		{"示例局党总支", "中共示例局党总支部委员会"},
		{"示例局机关", "中共示例局机关党支部委员会"},
		{" ", "党支部委员会"},
	}
	for _, tt := range tests {
		if got := committee(tt.branch); got != tt.want {
			t.Errorf("committee(%q) = %q, want %q", tt.branch, got, tt.want)
		}
	}
}

// TestCoverageWarnings renders every document for names and reasons the
// font cannot draw: characters above U+FFFF (which panic inside fpdf) are
// replaced, missing BMP glyphs reported, each once per cell.
func TestCoverageWarnings(t *testing.T) {
	res := testResult(t, 4)
	a, b, c := res.Members[0], res.Members[1], res.Members[2]
	a.Member.Name = "张㐀"    // CJK Ext-A: not in the font
	b.Member.Name = "𠇔建华"   // Ext-B surname
	c.Member.Group = "😀党小组" // emoji
	res.Members[3].Member.Name = "王燊"
	// A remark written by the scorer that quotes a 谈话人 from the workbook.
	res.Members[2].Annual.Actions = []string{"提醒谈话（谈话人：𠇔明）"}
	l := &a.Quarters[0].Lines[0]
	l.Reason = "参加活动👍"
	res.Year.Settings.Branch = "中共𠇔局机关党支部"
	res.Year.Settings.ShowRanks = true
	wantName := []string{
		"data/2026/名册与设置.xlsx:党员名册!A2: 姓名「张㐀」中的「㐀」（U+3400）在 PDF 字体中没有字形，打印出来是空框；可在设置「字体文件」中指定含该字的字体",
		"data/2026/名册与设置.xlsx:党员名册!A3: 姓名「𠇔建华」中的「𠇔」（U+201D4）超出 PDF 字体支持的范围，PDF 中以「〓」代替",
		"data/2026/名册与设置.xlsx:党员名册!A4: 党小组「😀党小组」中的「😀」（U+1F600）超出 PDF 字体支持的范围，PDF 中以「〓」代替",
	}
	wantSlip := "data/2026/登记.xlsx:日常登记!A2: 事由「参加活动👍」中的「👍」（U+1F44D）超出 PDF 字体支持的范围，PDF 中以「〓」代替"
	wantBranch := "data/2026/设置.xlsx:设置!B2: 支部名称「中共𠇔局机关党支部」中的「𠇔」（U+201D4）超出 PDF 字体支持的范围，PDF 中以「〓」代替"
	for _, doc := range documents {
		t.Run(doc.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			fs, err := doc.render(&buf, res, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				if f.Level != model.Warning {
					t.Errorf("level %v, want warning: %s", f.Level, f)
				}
				got = append(got, f.String())
			}
			want := append([]string(nil), wantName...)
			if doc.name == "slips-q1" {
				want = append(want, wantSlip)
			}
			if doc.name == "register" {
				want = append(want, "data/2026/名册与设置.xlsx:党员名册!A4: 后续措施「提醒谈话（谈话人：𠇔明）」中的「𠇔」（U+201D4）超出 PDF 字体支持的范围，PDF 中以「〓」代替")
			}
			want = append(want, wantBranch) // findings come sorted by place
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
				t.Error("no PDF written")
			}
		})
	}
}

// TestDeterministic renders every document twice, and again a month of
// wall clock later: documents are dated by their content (the publication or
// the decision date), so the bytes must not change; moving the publication
// dates must reach the quarter documents' /CreationDate.
func TestDeterministic(t *testing.T) {
	t.Parallel()
	res := testResult(t, 12)
	res.Year.Decisions = append(res.Year.Decisions, &model.Decision{Member: res.Members[0].Member, Date: model.NewDate(2027, 1, 8)})
	for _, doc := range documents {
		var a, b, c bytes.Buffer
		o := Options{Now: testNow, Compress: true}
		if _, err := doc.render(&a, res, o); err != nil {
			t.Fatal(err)
		}
		if _, err := doc.render(&b, res, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("%s: two renders of the same input differ", doc.name)
		}
		o.Now = o.Now.AddDate(0, 1, 3).Add(5 * time.Hour)
		if _, err := doc.render(&c, res, o); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), c.Bytes()) {
			t.Errorf("%s: the build's clock reaches the document", doc.name)
		}
		want := "/CreationDate (D:20270108"
		if strings.Contains(doc.name, "q") {
			want = "/CreationDate (D:2026" // the quarter's publication start
		}
		if !bytes.Contains(a.Bytes(), []byte(want)) {
			t.Errorf("%s: no %s…", doc.name, want)
		}
	}
	moved := testResult(t, 12)
	moved.Year.Settings.PublicationStart[0] = model.NewDate(2026, 4, 3)
	var a bytes.Buffer
	if _, err := QuarterNotice(&a, moved, 1, Options{Now: testNow, Compress: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(a.Bytes(), []byte("/CreationDate (D:20260403000000")) {
		t.Error("notice not dated by 第一季度公示日期")
	}
}

func TestCustomFontOption(t *testing.T) {
	var a, b bytes.Buffer
	res := testResult(t, 3)
	if _, err := QuarterNotice(&a, res, 1, Options{Now: testNow}); err != nil {
		t.Fatal(err)
	}
	// A collection passed directly works too (face 0).
	if _, err := QuarterNotice(&b, res, 1, Options{Now: testNow, Font: makeTTC(defaultFont)}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same font given as a collection gives a different document")
	}
	if _, err := QuarterNotice(&b, res, 1, Options{Now: testNow, Font: []byte("nonsense font")}); err == nil || err.Error() != "字体不是 TrueType 字体" {
		t.Errorf("bad font error = %v", err)
	}
	if _, err := QuarterNotice(&b, res, 5, Options{Now: testNow}); err == nil {
		t.Error("quarter 5 accepted")
	}
}
