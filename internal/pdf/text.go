package pdf

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
)

// replacement stands in for characters fpdf cannot handle: it panics on
// runes above U+FFFF (it reads only the cmap format 4 subtable), even when
// the font has the glyph.
const replacement = '〓'

// checker cleans workbook text before fpdf sees it and records a warning
// naming the cell for every character that is replaced or that the font
// cannot draw.
type checker struct {
	cov      *coverage
	findings model.Findings
	seen     map[checkKey]bool
}

type checkKey struct {
	pos  model.Pos
	what string
	r    rune
}

func newChecker(cov *coverage) *checker {
	return &checker{cov: cov, seen: map[checkKey]bool{}}
}

// text returns s ready for fpdf. what names the field in the warning
// (姓名, 事由 …) and pos is the cell or row it came from.
func (c *checker) text(s string, pos model.Pos, what string) string {
	if s == "" {
		return s
	}
	// Workbook text is UTF-8 (XML); anything else is replaced unannounced.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(replacement))
	}
	clean := true
	for _, r := range s {
		if r > 0xFFFF || r < 0x20 || r == 0x7F || (needsGlyph(r) && !c.cov.has(r)) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
		case r < 0x20 || r == 0x7F:
			r = ' '
		case r > 0xFFFF:
			c.warn(pos, what, r, s, fmt.Sprintf("%s「%s」中的「%c」（U+%04X）超出 PDF 字体支持的范围，PDF 中以「%c」代替",
				what, s, r, r, replacement))
			r = replacement
		case needsGlyph(r) && !c.cov.has(r):
			c.warn(pos, what, r, s, fmt.Sprintf("%s「%s」中的「%c」（U+%04X）在 PDF 字体中没有字形，打印出来是空框；可在设置「字体文件」中指定含该字的字体",
				what, s, r, r))
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (c *checker) warn(pos model.Pos, what string, r rune, s, msg string) {
	k := checkKey{pos, what, r}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.findings.Warnf(pos, "%s", msg)
}

// bmp replaces runes above U+FFFF, and bytes that are not UTF-8, without a
// warning. Every string reaches fpdf through it, so text that escaped the
// checker (a scorer-written remark quoting a name, say) can never panic
// inside fpdf: it indexes out of range on both (FuzzDocuments found the
// second in an item name).
func bmp(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, string(replacement))
	}
	for _, r := range s {
		if r > 0xFFFF {
			return strings.Map(func(r rune) rune {
				if r > 0xFFFF {
					return replacement
				}
				return r
			}, s)
		}
	}
	return s
}
