package pdf

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/jifen-dev/jifen/internal/model"
)

// pageStreams returns the content streams of an uncompressed PDF's pages.
func pageStreams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	var out [][]byte
	re := regexp.MustCompile(`(?s)\n<</Length (\d+)>>\nstream\n`)
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		out = append(out, pdf[m[1]:m[1]+n])
	}
	return out
}

var fontKey = regexp.MustCompile(`/F[0-9a-f]{40}`)

// The cut font changes nothing on the pages: every document draws the same
// content with it as with the whole font, and it is a much smaller font.
func TestBuildFontSamePages(t *testing.T) {
	res := testResult(t, 32)
	font, err := BuildFont(nil, []*model.Result{res})
	if err != nil {
		t.Fatal(err)
	}
	if len(font) > len(defaultFont)/3 { // GB 2312 and the register: ~8,000 of 29,000 glyphs
		t.Errorf("cut font is %d bytes, the whole %d", len(font), len(defaultFont))
	}
	f, err := sfnt.Parse(font)
	if err != nil {
		t.Fatalf("cut font does not parse: %v", err)
	}
	var b sfnt.Buffer
	for _, r := range "中共积分核实单0A〓□" + res.Members[0].Member.Name {
		if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 {
			t.Errorf("cut font lacks %q", r)
		}
	}
	for i, d := range documents {
		var whole, cut bytes.Buffer
		if _, err := d.render(&whole, res, Options{Now: testNow}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.render(&cut, res, Options{Now: testNow, Font: font}); err != nil {
			t.Fatal(err)
		}
		// fpdf names the font resource (/F<hash>) after the font's metrics.
		a, c := pageStreams(t, whole.Bytes()), pageStreams(t, cut.Bytes())
		for i := range a {
			a[i] = fontKey.ReplaceAll(a[i], []byte("/F"))
		}
		for i := range c {
			c[i] = fontKey.ReplaceAll(c[i], []byte("/F"))
		}
		if len(a) == 0 || !slices.EqualFunc(a, c, bytes.Equal) {
			t.Errorf("document %d: %d pages drawn with the whole font, %d with the cut font, or their content differs", i, len(a), len(c))
		}
	}
}

// Every character of the program's own text that can reach a PDF is in
// baseRunes, so the cut font has it whatever the register holds. A new
// literal with a rarer character fails here: add its block to baseRunes.
func TestBaseRunesCoverProgramText(t *testing.T) {
	base := map[rune]bool{}
	for _, r := range baseRunes() {
		base[r] = true
	}
	var missing []string
	for _, dir := range []string{".", "../model", "../score", "../plan"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			fset := token.NewFileSet()
			file, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(file, func(n ast.Node) bool {
				// Input prompts (model.Column.Prompt) go into the templates'
				// validations only, never into a PDF.
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok && id.Name == "Prompt" {
						return false
					}
				}
				lit, ok := n.(*ast.BasicLit)
				if !ok || (lit.Kind != token.STRING && lit.Kind != token.CHAR) {
					return true
				}
				s := lit.Value
				if v, err := strconv.Unquote(s); err == nil {
					s = v
				}
				for _, r := range s {
					// Format characters (bidi marks) are stripped, never drawn.
					if r >= 0x80 && !base[r] && !unicode.Is(unicode.Cf, r) {
						missing = append(missing, fset.Position(lit.Pos()).String()+": "+strconv.QuoteRune(r))
					}
				}
				return true
			})
		}
	}
	if len(missing) > 0 {
		t.Errorf("characters of the program's text missing from baseRunes:\n%s", strings.Join(missing, "\n"))
	}
}

// A rebuild with the same characters gets the same cut back without
// cutting again; a new character in the register gives a new cut with it.
func TestBuildFontReusesCut(t *testing.T) {
	res := testResult(t, 2)
	a, err := BuildFont(nil, []*model.Result{res})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := BuildFont(nil, []*model.Result{res})
	if &a[0] != &b[0] {
		t.Error("the same characters were cut again")
	}
	res.Members[0].Member.Name = "王堃" // 堃 is outside GB 2312: only the register brings it
	c, _ := BuildFont(nil, []*model.Result{res})
	if &c[0] == &a[0] {
		t.Fatal("a new character did not give a new cut")
	}
	f, err := sfnt.Parse(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	if g, err := f.GlyphIndex(&buf, '堃'); err != nil || g == 0 {
		t.Errorf("the new cut lacks 堃 (glyph %d, %v)", g, err)
	}
}
