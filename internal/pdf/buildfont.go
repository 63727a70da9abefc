package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"reflect"
	"slices"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/jifen-dev/jifen/internal/model"
)

// BuildFont returns the font for every document of one build: font (nil =
// the embedded WenQuanYi; TTC bytes give face 0) cut down (Subset) to what
// the build's documents can show — the characters of the results' registers
// and the program's own text (baseRunes). Pass it as Options.Font. A
// character of the register that the font lacks is missing from the cut
// font too, so the text checker warns about it as before.
func BuildFont(font []byte, results []*model.Result) ([]byte, error) {
	if font == nil {
		font = defaultFont
	}
	face, err := ttcFace(font, 0)
	if err != nil {
		return nil, err
	}
	var seen [0x10000]bool
	runes := make([]rune, 0, 8192)
	add := func(s string) {
		for i := 0; i < len(s); {
			if c := s[i]; c < utf8.RuneSelf {
				i++ // ASCII is in the base set
				continue
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if r <= 0xFFFF && !seen[r] {
				seen[r] = true
				runes = append(runes, r)
			}
		}
	}
	for _, r := range baseRunes() {
		if !seen[r] {
			seen[r] = true
			runes = append(runes, r)
		}
	}
	for _, res := range results {
		resultStrings(res, add)
	}
	return lastCut.subset(face, runes)
}

// lastCut remembers the font cut last: `jifen serve` rebuilds after every
// save, and a save rarely brings a character the register did not have, so
// the same cut (~25 ms of a rebuild's ~300 ms CPU) is handed out again.
var lastCut fontMemo

type fontMemo struct {
	mu  sync.Mutex
	key [sha256.Size]byte
	cut []byte
}

func (m *fontMemo) subset(face []byte, runes []rune) ([]byte, error) {
	h := sha256.New()
	h.Write(face)
	var b [4]byte
	for _, r := range slices.Sorted(slices.Values(runes)) {
		binary.LittleEndian.PutUint32(b[:], uint32(r))
		h.Write(b[:])
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cut != nil && key == m.key {
		return m.cut, nil
	}
	cut, err := Subset(face, runes)
	if err != nil {
		return nil, err
	}
	m.key, m.cut = key, cut
	return cut, nil
}

// resultStrings calls add with every string of a result and its year that a
// document may show: the quarters' lines one by one (there are millions),
// everything else by reflection, so that a field added to the model later
// is covered without anyone remembering this function.
func resultStrings(res *model.Result, add func(string)) {
	seen := map[uintptr]bool{}
	y := *res.Year
	y.Entries = nil // their texts reach documents through the lines
	walkStrings(reflect.ValueOf(y), seen, add)
	for _, m := range res.Members {
		for q := range m.Quarters {
			for i := range m.Quarters[q].Lines {
				l := &m.Quarters[q].Lines[i]
				add(l.Reason)
				add(l.Source)
			}
		}
		if m.Annual != nil {
			walkStrings(reflect.ValueOf(m.Annual), seen, add)
		}
	}
}

var posType = reflect.TypeFor[model.Pos]()

// walkStrings visits every exported string reachable from v, each pointer
// once.
func walkStrings(v reflect.Value, seen map[uintptr]bool, add func(string)) {
	switch v.Kind() {
	case reflect.String:
		add(v.String())
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		walkStrings(v.Elem(), seen, add)
	case reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), seen, add)
		}
	case reflect.Struct:
		if v.Type() == posType { // positions name files and sheets, which documents do not show
			return
		}
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if t.Field(i).IsExported() {
				walkStrings(v.Field(i), seen, add)
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // bytes (Markdown sources) are not drawn into PDFs
		}
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), seen, add)
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			walkStrings(it.Key(), seen, add)
			walkStrings(it.Value(), seen, add)
		}
	}
}

// baseRunes are the characters a document may show whatever the register
// holds: ASCII and Latin-1, general punctuation and symbols, CJK
// punctuation, full-width forms, and the 6,763 hanzi of GB 2312, which hold
// every character of the program's own text (TestBaseRunesCoverProgramText).
var baseRunes = sync.OnceValue(func() []rune {
	var rs []rune
	span := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			rs = append(rs, r)
		}
	}
	span(0x20, 0x7E)
	span(0xA0, 0xFF)
	span(0x2000, 0x206F) // general punctuation
	span(0x2100, 0x22FF) // letterlike, number forms, arrows, operators
	span(0x2460, 0x24FF) // enclosed alphanumerics ①
	span(0x2500, 0x26FF) // box drawing, shapes (□ ■ ○), symbols
	span(0x3000, 0x303F) // CJK punctuation (〓 stands for what a font cannot show)
	span(0x30FB, 0x30FB) // katakana middle dot ・, in foreign names
	span(0xFF00, 0xFFEF) // full-width forms
	dec := simplifiedchinese.GBK.NewDecoder()
	buf := make([]byte, 0, 2*94*87)
	for hi := 0xA1; hi <= 0xF7; hi++ { // GB 2312 rows: symbols, then hanzi
		if hi >= 0xAA && hi <= 0xAF {
			continue // unassigned rows
		}
		for lo := 0xA1; lo <= 0xFE; lo++ {
			buf = append(buf, byte(hi), byte(lo))
		}
	}
	s, err := dec.Bytes(buf)
	if err != nil {
		return rs
	}
	for _, r := range string(s) {
		if r != utf8.RuneError && r >= 0x80 {
			rs = append(rs, r)
		}
	}
	return rs
})
