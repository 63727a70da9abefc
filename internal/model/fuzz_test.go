package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzPrintable: whatever a cell or a file name holds, Printable and Quote
// let no control, bidi or invalid byte through, are idempotent, and Quote
// gives one bounded line.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "普通", "a\x1b[31mb", "\u202e反转", "\xff\xfe", "x\ny\tz\r", strings.Repeat("长", 100), "\u0085\u009b", `\x1b`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Printable(s)
		q := Quote(s)
		for _, out := range []string{p, q} {
			if !utf8.ValidString(out) {
				t.Fatalf("invalid UTF-8 out of %q: %q", s, out)
			}
			for _, r := range out {
				if unsafeRune(r, false) {
					t.Fatalf("%q lets %U through: %q", s, r, out)
				}
			}
		}
		if Printable(p) != p {
			t.Fatalf("Printable not idempotent on %q", s)
		}
		if strings.ContainsAny(q, "\n\r\t") {
			t.Fatalf("Quote(%q) spans lines: %q", s, q)
		}
		if n := utf8.RuneCountInString(s); n <= MaxQuote && q != escape(s, true) {
			t.Fatalf("Quote cut a short value %q: %q", s, q)
		}
		// A cut value shows at most MaxQuote characters, each escaped to at most 6.
		if len(q) > 6*MaxQuote+40 {
			t.Fatalf("Quote(%d bytes) = %d bytes", len(s), len(q))
		}
		var fs Findings
		fs.Errorf(Pos{File: s, Sheet: s, Row: 1, Col: 1}, "值「%s」与 %s", s, s)
		line := fs[0].String()
		if strings.ContainsAny(line, "\n\r") {
			t.Fatalf("finding spans lines: %q", line)
		}
		for _, r := range line {
			if unsafeRune(r, true) {
				t.Fatalf("finding lets %U through: %q", r, line)
			}
		}
	})
}
