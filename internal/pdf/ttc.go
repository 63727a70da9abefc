package pdf

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// fpdf embeds plain TrueType files only, but the fonts a committee has at
// hand often come as collections (Debian's wqy-microhei.ttc, Windows'
// simsun.ttc, msyh.ttc). A collection's faces are ordinary sfnt table
// directories whose tables live at offsets relative to the whole file, so a
// face is extracted by copying its directory and its tables and rewriting the
// offsets.

const (
	tagTTCF = 0x74746366 // "ttcf"
	tagOTTO = 0x4F54544F // "OTTO": CFF outlines, which fpdf cannot embed
	tagTrue = 0x74727565 // "true": old Apple TrueType
	sfnt10  = 0x00010000
	tagHead = 0x68656164 // "head"
	tagGlyf = 0x676C7966 // "glyf"
	tagCFF  = 0x43464620 // "CFF "
)

var errNotTrueType = errors.New("不是 TrueType 字体")

// ttcFace returns face n of a TrueType collection as a standalone TrueType
// file. A file that is already a single sfnt is returned unchanged when n is 0.
func ttcFace(b []byte, n int) ([]byte, error) {
	if len(b) < 12 {
		return nil, errNotTrueType
	}
	if binary.BigEndian.Uint32(b) != tagTTCF {
		if n != 0 {
			return nil, fmt.Errorf("不是字体集（.ttc），没有第 %d 个字体", n+1)
		}
		return b, nil
	}
	count := int(binary.BigEndian.Uint32(b[8:]))
	if n < 0 || n >= count || len(b) < 12+4*count {
		return nil, fmt.Errorf("字体集（.ttc）中没有第 %d 个字体", n+1)
	}
	dir := int(binary.BigEndian.Uint32(b[12+4*n:]))
	if dir+12 > len(b) {
		return nil, errors.New("字体集（.ttc）已损坏")
	}
	numTables := int(binary.BigEndian.Uint16(b[dir+4:]))
	recEnd := dir + 12 + 16*numTables
	if recEnd > len(b) {
		return nil, errors.New("字体集（.ttc）已损坏")
	}
	type rec struct {
		tag, sum, off, length uint32
	}
	recs := make([]rec, numTables)
	size := 12 + 16*numTables
	for i := range recs {
		r := b[dir+12+16*i:]
		recs[i] = rec{binary.BigEndian.Uint32(r), binary.BigEndian.Uint32(r[4:]), binary.BigEndian.Uint32(r[8:]), binary.BigEndian.Uint32(r[12:])}
		end := uint64(recs[i].off) + uint64(recs[i].length)
		if end > uint64(len(b)) {
			return nil, errors.New("字体集（.ttc）已损坏")
		}
		size += int(recs[i].length+3) &^ 3
	}
	// Table records must stay sorted by tag; copy the tables in their
	// original file order so shared layouts stay compact and deterministic.
	order := make([]int, numTables)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return recs[order[i]].off < recs[order[j]].off })

	out := make([]byte, size)
	copy(out, b[dir:dir+12])
	pos := 12 + 16*numTables
	headAt := -1
	for _, i := range order {
		r := recs[i]
		copy(out[pos:], b[r.off:r.off+r.length])
		w := out[12+16*i:]
		binary.BigEndian.PutUint32(w, r.tag)
		binary.BigEndian.PutUint32(w[4:], r.sum)
		binary.BigEndian.PutUint32(w[8:], uint32(pos))
		binary.BigEndian.PutUint32(w[12:], r.length)
		if r.tag == tagHead && r.length >= 12 {
			headAt = pos
		}
		pos += int(r.length+3) &^ 3
	}
	// head.checkSumAdjustment covers the whole file, which has changed.
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0)
		var sum uint32
		for i := 0; i+4 <= len(out); i += 4 {
			sum += binary.BigEndian.Uint32(out[i:])
		}
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-sum)
	}
	return out, nil
}

// hasTable reports whether a single-face sfnt file has a table.
func hasTable(b []byte, tag uint32) bool {
	if len(b) < 12 {
		return false
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if 12+16*n > len(b) {
		return false
	}
	for i := 0; i < n; i++ {
		if binary.BigEndian.Uint32(b[12+16*i:]) == tag {
			return true
		}
	}
	return false
}
