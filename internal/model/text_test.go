package model

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestPrintable(t *testing.T) {
	tests := []struct{ in, printable, quote string }{
		{"普通文本", "普通文本", "普通文本"},
		{"two\nlines\ttab", "two\nlines\ttab", `two\nlines\ttab`},
		{"red\x1b[31mX\x1b[0m", `red\x1b[31mX\x1b[0m`, `red\x1b[31mX\x1b[0m`},
		{"bell\a nul\x00 del\x7f", `bell\x07 nul\x00 del\x7f`, `bell\x07 nul\x00 del\x7f`},
		{"csi\u009b2J", `csi\u009b2J`, `csi\u009b2J`},
		{"abc\u202edcba", `abc\u202edcba`, `abc\u202edcba`},
		{"\u2066x\u2069\u200f\u061c", `\u2066x\u2069\u200f\u061c`, `\u2066x\u2069\u200f\u061c`},
		{"cr\r", `cr\r`, `cr\r`},
		{"bad\xffutf8", `bad\xffutf8`, `bad\xffutf8`},
		{`already \x1b`, `already \x1b`, `already \x1b`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.printable {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.printable)
		}
		if got := Printable(Printable(tt.in)); got != tt.printable {
			t.Errorf("Printable is not idempotent on %q: %q", tt.in, got)
		}
		if got := Quote(tt.in); got != tt.quote {
			t.Errorf("Quote(%q) = %q, want %q", tt.in, got, tt.quote)
		}
	}
}

func TestQuoteCuts(t *testing.T) {
	long := strings.Repeat("长", 100000)
	got := Quote(long)
	if want := strings.Repeat("长", MaxQuote) + "…（共 100000 字）"; got != want {
		t.Errorf("Quote(100000 × 长) = %q…, want %q", got[:20], want)
	}
	if got := Quote(strings.Repeat("长", MaxQuote)); got != strings.Repeat("长", MaxQuote) {
		t.Errorf("Quote cut a value of exactly MaxQuote characters")
	}
	// The cut never splits an escape or a character.
	mixed := strings.Repeat("a", MaxQuote-1) + "\x1b" + strings.Repeat("b", 10)
	if got := Quote(mixed); !strings.HasSuffix(got, `a\x1b…（共 70 字）`) {
		t.Errorf("Quote(mixed) = %q", got)
	}
}

func TestFindingQuotesArguments(t *testing.T) {
	var fs Findings
	cell := "\x1b]0;pwned\a" + strings.Repeat("事", 5000)
	fs.Errorf(Pos{File: "a.xlsx", Sheet: "日常登记", Row: 3, Col: 2}, "事由「%s」太长，另有 %d 处；%s", cell, 7, "我们自己的说明\n第二行")
	got := fs[0].String()
	want := `a.xlsx:日常登记!B3: 事由「\x1b]0;pwned\x07` + strings.Repeat("事", MaxQuote-10) + `…（共 5010 字）」太长，另有 7 处；我们自己的说明\n第二行`
	if got != want {
		t.Errorf("finding = %q\nwant      %q", got, want)
	}
	// Our own sentences passed as %s are not cut at MaxQuote…
	var fs2 Findings
	own := strings.Repeat("说明", 100)
	fs2.Errorf(Pos{}, "%s", own)
	if fs2[0].Message != own {
		t.Errorf("an argument outside 「」 was cut: %d characters", len([]rune(fs2[0].Message)))
	}
	// …but still bounded.
	fs2.Errorf(Pos{}, "%s", strings.Repeat("x", 1e6))
	if n := len(fs2[1].Message); n > 20*MaxQuote {
		t.Errorf("a 1 MB argument made a %d-byte message", n)
	}
	// %% and errors.
	var fs3 Findings
	fs3.Errorf(Pos{}, "%d%%「%v」", 15, errString("bad\x1b"))
	if got := fs3[0].Message; got != `15%「bad\x1b」` {
		t.Errorf("message = %q", got)
	}
}

type errString string

func (e errString) Error() string { return string(e) }

func TestPosEscapesNames(t *testing.T) {
	p := Pos{File: "data/2026/a\x1b[2J.xlsx", Sheet: "日常登记\u202e", Row: 2, Col: 1}
	if got, want := p.String(), `data/2026/a\x1b[2J.xlsx:日常登记\u202e!A2`; got != want {
		t.Errorf("Pos.String() = %q, want %q", got, want)
	}
	b, err := json.Marshal(Finding{Level: Error, Pos: p, Message: "m"})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "\u202e") || strings.Contains(string(b), "\x1b") {
		t.Errorf("JSON carries raw control characters: %s", b)
	}
}

func TestLimiter(t *testing.T) {
	var fs Findings
	l := &Limiter{List: &fs, Max: 3}
	for i := 1; i <= 10; i++ {
		l.Errorf(Pos{File: "a.xlsx", Sheet: "日常登记", Row: i + 1, Col: 1}, "错误 %d", i)
		l.Warnf(Pos{File: "a.xlsx", Sheet: "日常登记", Row: i + 1, Col: 2}, "警告 %d", i)
	}
	l.Warnf(Pos{File: "a.xlsx", Sheet: "奖励申报", Row: 2}, "只有一条")
	l.Errorf(Pos{File: "a.xlsx"}, "整个文件 %d", 1)
	l.Errorf(Pos{File: "a.xlsx"}, "整个文件 %d", 2)
	l.Errorf(Pos{File: "a.xlsx"}, "整个文件 %d", 3)
	l.Errorf(Pos{File: "a.xlsx"}, "整个文件 %d", 4)
	l.Flush()
	if got := fs.Count(Error); got != 3+4+1 {
		t.Errorf("errors kept = %d, want 3 per sheet + 4 file-wide + 1 count", got)
	}
	if got := fs.Count(Warning); got != 3+1+1 {
		t.Errorf("warnings kept = %d, want 3 + 1 + 1 count", got)
	}
	var counts []string
	for _, f := range fs {
		if strings.Contains(f.Message, "未列出") {
			counts = append(counts, f.Level.String()+" "+f.String())
		}
	}
	want := []string{
		"error a.xlsx:日常登记: 本工作表另有 7 个错误未列出（每个工作表每类最多列出 3 条）：请先改正以上列出的问题，再重新检查",
		"warning a.xlsx:日常登记: 本工作表另有 7 条警告未列出（每个工作表每类最多列出 3 条）：请先改正以上列出的问题，再重新检查",
	}
	if strings.Join(counts, "\n") != strings.Join(want, "\n") {
		t.Errorf("counts =\n%s\nwant\n%s", strings.Join(counts, "\n"), strings.Join(want, "\n"))
	}
}
