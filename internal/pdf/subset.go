package pdf

// fpdf parses the whole font for every document (every glyph's width and
// location, every cmap entry: AddUTF8FontFromBytes), and parses it again
// when it cuts the glyphs the document used (GenerateCutFont): with the
// 29,000-glyph WenQuanYi that is ~50 ms and 35 MB for each PDF, half of the
// demo's build and most of a rebuild after a save. A build's documents can
// only show the characters of its register and of the program's own text,
// so Subset cuts the font once per build down to those, and every document
// then parses a font of a few thousand glyphs. Glyph shapes, metrics and
// hinting are copied unchanged: the pages are the same.

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sort"

	"golang.org/x/image/font/sfnt"
)

// Tables a subset carries. Glyph-indexed tables are rebuilt (glyf, loca,
// hmtx, cmap, and head, hhea, maxp, post for their counts); the others are
// copied as they are. Layout tables (GSUB, GPOS, kern …) go: fpdf does not
// read them.
var subsetCopy = map[string]bool{"OS/2": true, "name": true, "cvt ": true, "fpgm": true, "prep": true, "gasp": true}

// Subset returns a TrueType font with the glyphs of runes (and of
// .notdef and the parts of composite glyphs) from font, a single-face
// TrueType file. Runes the font lacks, and runes above U+FFFF (fpdf cannot
// show them), are left out.
func Subset(font []byte, runes []rune) ([]byte, error) {
	tables, err := sfntTables(font)
	if err != nil {
		return nil, err
	}
	for _, t := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "cmap"} {
		if tables[t] == nil {
			return nil, fmt.Errorf("subset: no %s table", t)
		}
	}
	head, hhea, maxp := tables["head"], tables["hhea"], tables["maxp"]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, errors.New("subset: short head, hhea or maxp")
	}
	longLoca := binary.BigEndian.Uint16(head[50:]) == 1
	numGlyphs := int(binary.BigEndian.Uint16(maxp[4:]))
	numHMetrics := int(binary.BigEndian.Uint16(hhea[34:]))
	loca, glyf, hmtx := tables["loca"], tables["glyf"], tables["hmtx"]
	glyph := func(g int) ([]byte, error) {
		var a, b int
		if longLoca {
			if 4*g+8 > len(loca) {
				return nil, errors.New("subset: loca too short")
			}
			a, b = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
		} else {
			if 2*g+4 > len(loca) {
				return nil, errors.New("subset: loca too short")
			}
			a, b = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
		}
		if a > b || b > len(glyf) {
			return nil, errors.New("subset: bad glyph offsets")
		}
		return glyf[a:b], nil
	}
	if numHMetrics < 1 || len(hmtx) < 4*numHMetrics+2*(numGlyphs-numHMetrics) {
		return nil, errors.New("subset: hmtx too short")
	}
	metric := func(g int) (adv, lsb uint16) {
		if g < numHMetrics {
			return binary.BigEndian.Uint16(hmtx[4*g:]), binary.BigEndian.Uint16(hmtx[4*g+2:])
		}
		return binary.BigEndian.Uint16(hmtx[4*(numHMetrics-1):]), binary.BigEndian.Uint16(hmtx[4*numHMetrics+2*(g-numHMetrics):])
	}

	// Which glyphs: the runes' through the font's cmap, then the parts of
	// composite glyphs, transitively.
	f, err := sfnt.Parse(font)
	if err != nil {
		return nil, fmt.Errorf("subset: %w", err)
	}
	var buf sfnt.Buffer
	runeGlyph := map[rune]int{}
	keep := map[int]bool{0: true}
	for _, r := range runes {
		if r > 0xFFFF || r == 0xFFFF {
			continue
		}
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 || int(g) >= numGlyphs {
			continue
		}
		runeGlyph[r] = int(g)
		keep[int(g)] = true
	}
	for queue := slices.Collect(mapKeys(keep)); len(queue) > 0; {
		g := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		data, err := glyph(g)
		if err != nil {
			return nil, err
		}
		parts, err := components(data)
		if err != nil {
			return nil, err
		}
		for _, c := range parts {
			if c >= numGlyphs {
				return nil, errors.New("subset: component out of range")
			}
			if !keep[c] {
				keep[c] = true
				queue = append(queue, c)
			}
		}
	}
	old := slices.Sorted(mapKeys(keep)) // old glyph IDs in new order; .notdef stays 0
	newID := make(map[int]int, len(old))
	for i, g := range old {
		newID[g] = i
	}

	// glyf, loca (long offsets) and hmtx (a full metric per glyph).
	var newGlyf []byte
	newLoca := make([]byte, 4*(len(old)+1))
	newHmtx := make([]byte, 4*len(old))
	for i, g := range old {
		binary.BigEndian.PutUint32(newLoca[4*i:], uint32(len(newGlyf)))
		data, _ := glyph(g)
		start := len(newGlyf)
		newGlyf = append(newGlyf, data...)
		if err := renumber(newGlyf[start:], newID); err != nil {
			return nil, err
		}
		for len(newGlyf)%4 != 0 {
			newGlyf = append(newGlyf, 0)
		}
		adv, lsb := metric(g)
		binary.BigEndian.PutUint16(newHmtx[4*i:], adv)
		binary.BigEndian.PutUint16(newHmtx[4*i+2:], lsb)
	}
	binary.BigEndian.PutUint32(newLoca[4*len(old):], uint32(len(newGlyf)))

	out := map[string][]byte{
		"glyf": newGlyf,
		"loca": newLoca,
		"hmtx": newHmtx,
		"cmap": cmap4(runeGlyph, newID),
	}
	h := slices.Clone(head)
	binary.BigEndian.PutUint32(h[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(h[50:], 1) // long loca
	out["head"] = h
	hh := slices.Clone(hhea)
	binary.BigEndian.PutUint16(hh[34:], uint16(len(old)))
	out["hhea"] = hh
	m := slices.Clone(maxp)
	binary.BigEndian.PutUint16(m[4:], uint16(len(old)))
	out["maxp"] = m
	if p := tables["post"]; len(p) >= 32 {
		// Format 3: no glyph names (they were indexed by the old IDs).
		pp := slices.Clone(p[:32])
		binary.BigEndian.PutUint32(pp, 0x00030000)
		out["post"] = pp
	}
	for t := range subsetCopy {
		if tables[t] != nil {
			out[t] = tables[t]
		}
	}
	return writeSfnt(out), nil
}

func mapKeys[K comparable, V any](m map[K]V) func(func(K) bool) {
	return func(yield func(K) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// Composite glyph flags (TrueType glyf table).
const (
	argsAreWords    = 0x0001
	weHaveScale     = 0x0008
	moreComponents  = 0x0020
	weHaveXYScale   = 0x0040
	weHave2x2       = 0x0080
	compositeHeader = 10
)

// components lists the glyphs a composite glyph is made of (none for a
// simple or empty glyph).
func components(data []byte) ([]int, error) {
	var out []int
	err := walkComponents(data, func(at int) {
		out = append(out, int(binary.BigEndian.Uint16(data[at:])))
	})
	return out, err
}

// renumber rewrites a composite glyph's component IDs in place.
func renumber(data []byte, newID map[int]int) error {
	return walkComponents(data, func(at int) {
		g := int(binary.BigEndian.Uint16(data[at:]))
		binary.BigEndian.PutUint16(data[at:], uint16(newID[g]))
	})
}

// walkComponents calls f with the offset of each component's glyph index.
func walkComponents(data []byte, f func(at int)) error {
	if len(data) < compositeHeader || int16(binary.BigEndian.Uint16(data)) >= 0 {
		return nil // empty or simple glyph
	}
	p := compositeHeader
	for {
		if p+4 > len(data) {
			return errors.New("subset: truncated composite glyph")
		}
		flags := binary.BigEndian.Uint16(data[p:])
		f(p + 2)
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&weHaveScale != 0:
			p += 2
		case flags&weHaveXYScale != 0:
			p += 4
		case flags&weHave2x2 != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return nil
		}
	}
}

// cmap4 is a cmap with one format 4 subtable (Windows, Unicode BMP), runs
// of consecutive runes with consecutive glyphs forming one segment.
func cmap4(runeGlyph map[rune]int, newID map[int]int) []byte {
	rs := slices.Sorted(mapKeys(runeGlyph))
	type seg struct{ start, end, delta int }
	var segs []seg
	for _, r := range rs {
		g := newID[runeGlyph[r]]
		if n := len(segs); n > 0 && segs[n-1].end == int(r)-1 && segs[n-1].delta == g-int(r) {
			segs[n-1].end = int(r)
			continue
		}
		segs = append(segs, seg{int(r), int(r), g - int(r)})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 1})
	n := len(segs)
	sub := make([]byte, 16+8*n)
	binary.BigEndian.PutUint16(sub[0:], 4)
	binary.BigEndian.PutUint16(sub[2:], uint16(len(sub)))
	binary.BigEndian.PutUint16(sub[6:], uint16(2*n))
	sr := 2
	sel := 0
	for sr*2 <= 2*n {
		sr *= 2
		sel++
	}
	binary.BigEndian.PutUint16(sub[8:], uint16(sr))
	binary.BigEndian.PutUint16(sub[10:], uint16(sel))
	binary.BigEndian.PutUint16(sub[12:], uint16(2*n-sr))
	for i, s := range segs {
		binary.BigEndian.PutUint16(sub[14+2*i:], uint16(s.end))
		binary.BigEndian.PutUint16(sub[16+2*n+2*i:], uint16(s.start))
		binary.BigEndian.PutUint16(sub[16+4*n+2*i:], uint16(s.delta)) // modulo 65536
		// idRangeOffset stays 0.
	}
	out := make([]byte, 12, 12+len(sub))
	binary.BigEndian.PutUint16(out[2:], 1)  // one subtable
	binary.BigEndian.PutUint16(out[4:], 3)  // Windows
	binary.BigEndian.PutUint16(out[6:], 1)  // Unicode BMP
	binary.BigEndian.PutUint32(out[8:], 12) // offset
	return append(out, sub...)
}

// sfntTables returns a single-face font's tables by tag.
func sfntTables(b []byte) (map[string][]byte, error) {
	if len(b) < 12 {
		return nil, errNotTrueType
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return nil, errNotTrueType
	}
	out := map[string][]byte{}
	for i := 0; i < n; i++ {
		r := b[12+16*i:]
		off, length := uint64(binary.BigEndian.Uint32(r[8:])), uint64(binary.BigEndian.Uint32(r[12:]))
		if off+length > uint64(len(b)) {
			return nil, errors.New("字体文件已损坏")
		}
		out[string(r[:4])] = b[off : off+length]
	}
	return out, nil
}

// writeSfnt assembles a font file from its tables (sorted by tag, each
// four-byte aligned, with checksums) and sets head.checkSumAdjustment.
func writeSfnt(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for t := range tables {
		tags = append(tags, t)
	}
	sort.Strings(tags)
	n := len(tags)
	size := 12 + 16*n
	for _, t := range tags {
		size += (len(tables[t]) + 3) &^ 3
	}
	out := make([]byte, size)
	binary.BigEndian.PutUint32(out, sfnt10)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, sel := 1, 0
	for sr*2 <= n {
		sr *= 2
		sel++
	}
	binary.BigEndian.PutUint16(out[6:], uint16(16*sr))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*(n-sr)))
	pos := 12 + 16*n
	headAt := -1
	for i, t := range tags {
		data := tables[t]
		copy(out[pos:], data)
		rec := out[12+16*i:]
		copy(rec, t)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[pos:pos+(len(data)+3)&^3]))
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(data)))
		if t == "head" {
			headAt = pos
		}
		pos += (len(data) + 3) &^ 3
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i+4 <= len(b); i += 4 {
		sum += binary.BigEndian.Uint32(b[i:])
	}
	return sum
}
