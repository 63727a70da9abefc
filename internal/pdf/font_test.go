package pdf

import (
	"bytes"
	"encoding/binary"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const rareNames = "堃喆昇赟犇淼珺玥旻燊"

func TestEmbeddedFont(t *testing.T) {
	if len(defaultFont) < 4e6 {
		t.Fatalf("embedded font is %d bytes, want the 4.6 MB WenQuanYi Micro Hei", len(defaultFont))
	}
	if v := binary.BigEndian.Uint32(defaultFont); v != sfnt10 {
		t.Fatalf("embedded font starts with %#x, want TrueType 0x00010000", v)
	}
	if !hasTable(defaultFont, tagGlyf) || hasTable(defaultFont, tagCFF) {
		t.Fatal("embedded font must have glyf outlines and no CFF")
	}
	cov, err := newCoverage(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rareNames + "0123456789ABCxyz，。、；：？！（）《》“”…—□〓·＋－＝" {
		if !cov.has(r) {
			t.Errorf("embedded font lacks %q", r)
		}
	}
	// The font's known gaps, which the documents must report.
	for _, r := range "㐀䶮" {
		if cov.has(r) {
			t.Errorf("embedded font unexpectedly has %q (CJK Ext-A); the coverage test needs another example", r)
		}
	}
}

// TestOwnTextCovered checks every character of every string literal in the
// package's sources (labels, titles, sentences) against the embedded font,
// so a new label can never print as an empty box.
func TestOwnTextCovered(t *testing.T) {
	cov, err := newCoverage(defaultFont)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	n := 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(node ast.Node) bool {
			lit, ok := node.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				return true
			}
			for _, r := range s {
				n++
				if needsGlyph(r) && r != '〓' && !cov.has(r) && r != 0xFFFD {
					t.Errorf("%s: %q in %q is not in the embedded font", fset.Position(lit.Pos()), r, s)
				}
			}
			return true
		})
	}
	if n < 500 {
		t.Fatalf("only %d characters found in string literals; is the test reading the sources?", n)
	}
}

// makeTTC wraps single-face fonts into a collection, as .ttc files are laid out.
func makeTTC(faces ...[]byte) []byte {
	head := 12 + 4*len(faces)
	var out bytes.Buffer
	out.Write([]byte("ttcf\x00\x01\x00\x00"))
	binary.Write(&out, binary.BigEndian, uint32(len(faces)))
	off := head
	for _, f := range faces {
		binary.Write(&out, binary.BigEndian, uint32(off))
		off += len(f)
	}
	base := head
	for _, f := range faces {
		g := bytes.Clone(f)
		n := int(binary.BigEndian.Uint16(g[4:]))
		for i := 0; i < n; i++ {
			p := g[12+16*i+8:]
			binary.BigEndian.PutUint32(p, binary.BigEndian.Uint32(p)+uint32(base))
		}
		out.Write(g)
		base += len(f)
	}
	return out.Bytes()
}

func TestTTCFace(t *testing.T) {
	ttc := makeTTC(defaultFont, defaultFont)
	for n := 0; n < 2; n++ {
		got, err := ttcFace(ttc, n)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, defaultFont) {
			t.Errorf("ttcFace(face %d) differs from the font it was built from", n)
		}
	}
	if _, err := ttcFace(ttc, 2); err == nil || err.Error() != "字体集（.ttc）中没有第 3 个字体" {
		t.Errorf("ttcFace(face 2) error = %v", err)
	}
	if got, _ := ttcFace(defaultFont, 0); !bytes.Equal(got, defaultFont) {
		t.Error("a plain TrueType font must pass through unchanged")
	}
	// The committed file is face 0 of Debian's collection, byte for byte.
	const system = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
	if b, err := os.ReadFile(system); err == nil {
		got, err := ttcFace(b, 0)
		if err != nil || !bytes.Equal(got, defaultFont) {
			t.Errorf("face 0 of %s differs from font/wqy-microhei.ttf (%v)", system, err)
		}
	}
}

func TestParseFont(t *testing.T) {
	got, err := ParseFont(makeTTC(defaultFont))
	if err != nil || !bytes.Equal(got, defaultFont) {
		t.Fatalf("ParseFont(ttc) = %d bytes, %v", len(got), err)
	}
	otf := bytes.Clone(defaultFont[:64])
	copy(otf, "OTTO")
	tests := []struct {
		b    []byte
		want string
	}{
		{otf, "是 CFF/OpenType 字体（如 Noto CJK、思源），PDF 只能嵌入 TrueType（glyf）字体"},
		{[]byte("this is not a font at all"), "不是 TrueType 字体"},
		{[]byte("ab"), "不是 TrueType 字体"},
	}
	for _, tt := range tests {
		if _, err := ParseFont(tt.b); err == nil || err.Error() != tt.want {
			t.Errorf("ParseFont(%q) error = %v, want %s", tt.b[:min(len(tt.b), 8)], err, tt.want)
		}
	}
}
