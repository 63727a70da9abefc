package pdf

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/image/font/sfnt"
)

// defaultFont is WenQuanYi Micro Hei (Apache-2.0, see font/LICENSE): the only
// freely licensed TrueType CJK font that covers Latin, digits, full-width
// punctuation and the rare given-name characters rosters contain.
//
//go:embed font/wqy-microhei.ttf
var defaultFont []byte

// ParseFont checks the bytes of a .ttf or .ttc file (face 0) for the 字体文件
// setting: that fpdf can embed it and that it has digits and common Hanzi.
// It returns the face's TrueType bytes; the error completes a sentence
// naming the font (「字体文件「x」是 CFF/OpenType 字体……」). The file itself is
// read by load.DataFile, which bounds what a setting may name.
func ParseFont(b []byte) ([]byte, error) {
	f, _, err := parseFont(b)
	return f, err
}

// parseFont turns collection or font bytes into embeddable TrueType bytes
// and the font's coverage.
func parseFont(b []byte) ([]byte, *coverage, error) {
	f, err := ttcFace(b, 0)
	if err != nil {
		return nil, nil, err
	}
	if len(f) < 12 {
		return nil, nil, errNotTrueType
	}
	switch binary.BigEndian.Uint32(f) {
	case sfnt10, tagTrue:
	case tagOTTO:
		return nil, nil, fmt.Errorf("是 CFF/OpenType 字体（如 Noto CJK、思源），PDF 只能嵌入 TrueType（glyf）字体")
	default:
		return nil, nil, errNotTrueType
	}
	if !hasTable(f, tagGlyf) {
		return nil, nil, fmt.Errorf("没有 TrueType 字形表（glyf），PDF 无法嵌入")
	}
	c, err := newCoverage(f)
	if err != nil {
		return nil, nil, errors.New("字符映射表（cmap）损坏，无法使用，请换一个字体文件")
	}
	for _, r := range "0中" {
		if !c.has(r) {
			return nil, nil, fmt.Errorf("缺少「%c」等常用字形，不能用于中文文档", r)
		}
	}
	return f, c, nil
}

// coverage answers whether the font has a glyph for a rune. fpdf draws a
// missing BMP glyph as a hollow box without any error, and pdftotext still
// returns the right character, so only the font's cmap can tell.
type coverage struct {
	f    *sfnt.Font
	buf  sfnt.Buffer
	seen map[rune]bool
}

func newCoverage(font []byte) (*coverage, error) {
	f, err := sfnt.Parse(font)
	if err != nil {
		return nil, err
	}
	return &coverage{f: f, seen: map[rune]bool{}}, nil
}

func (c *coverage) has(r rune) bool {
	if ok, done := c.seen[r]; done {
		return ok
	}
	i, err := c.f.GlyphIndex(&c.buf, r)
	ok := err == nil && i != 0
	c.seen[r] = ok
	return ok
}

// postScriptName is the font's PostScript name (name ID 6) reduced to the
// characters a PDF name may carry without escapes, or "" when it has none.
func (c *coverage) postScriptName() string {
	n, err := c.f.Name(&c.buf, sfnt.NameIDPostScript)
	if err != nil {
		return ""
	}
	return strings.Map(func(r rune) rune {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return r
		}
		return -1
	}, n)
}

// needsGlyph reports whether a rune is drawn at all (spaces and controls
// are not, so their absence from a font does not matter).
func needsGlyph(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && r != 0x200B && r != 0xFEFF
}
