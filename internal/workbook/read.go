package workbook

// Reading: the entry point, which picks the reader (fastread.go for what
// office programs save, read_excelize.go for the rest), and what both
// readers share: cell cleaning, interning bounds, merged ranges.

import (
	"archive/zip"
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Limits bounds what one workbook may unzip to. UnzipSizeLimit guards
// against zip bombs (a 300 KB file can declare 300 MB of XML);
// UnzipXMLSizeLimit must stay above a register's shared-strings part or
// every string lookup goes to a temp file (PITFALLS §7).
type Limits struct {
	Unzip    int64
	UnzipXML int64
}

// DefaultLimits are the limits Read uses.
var DefaultLimits = Limits{Unzip: 512 << 20, UnzipXML: 128 << 20}

// Read sniffs and parses one file's bytes; name is only for messages and
// for telling an encrypted .xlsx from a legacy .xls. Errors are *sheet.FileError.
func Read(name string, b []byte) (*sheet.Book, error) { return ReadLimits(name, b, DefaultLimits) }

// ReadLimits is Read with explicit unzip limits.
func ReadLimits(name string, b []byte, lim Limits) (*sheet.Book, error) {
	switch Sniff(b) {
	case FormatOLE2:
		if encrypted(b) {
			return nil, &sheet.FileError{Name: name, Msg: sheet.MsgEncrypted}
		}
		return nil, &sheet.FileError{Name: name, Msg: sheet.MsgLegacy} // also an .xls renamed to .xlsx
	case FormatODS:
		return nil, &sheet.FileError{Name: name, Msg: sheet.MsgODS}
	case FormatUnknown:
		return nil, &sheet.FileError{Name: name, Msg: sheet.MsgCorrupt, Err: zip.ErrFormat}
	case FormatXLSB:
		return nil, &sheet.FileError{Name: name, Msg: sheet.MsgXLSB}
	}
	if zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err == nil {
		if book, err := fastRead(zr, lim); err == nil {
			return book, nil
		}
	}
	return readExcelize(name, b, lim)
}

// Interning bounds: values up to maxInterned bytes, at most
// maxInternedValues distinct ones per sheet.
const (
	maxInterned       = 48
	maxInternedValues = 1 << 16
	maxLongValues     = 1 << 12 // long values whose cleaning is remembered (cleanLong)
)

// Clean normalises a cell: \r\n and \r become \n, zero-width spaces and
// byte-order marks go, and surrounding spaces (ASCII, U+3000, U+00A0) are
// trimmed. Control and bidirectional-formatting characters (ESC, BEL, NUL,
// U+202E …) are written as visible escapes (model.Printable). Inner text is
// otherwise kept as typed.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	if !needsCleaning(s) { // one pass, then only the ends are looked at
		return strings.TrimFunc(s, unicode.IsSpace)
	}
	return cleanAll(s)
}

// cleanAll is Clean without its fast paths: every rule applied in turn.
// FuzzClean holds the fast paths to it.
func cleanAll(s string) string {
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if strings.ContainsAny(s, "\u200b\u200c\u200d\u2060\ufeff") {
		s = strings.Map(func(r rune) rune {
			switch r {
			case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
				return -1
			}
			return r
		}, s)
	}
	// Control and bidi characters are shown as escapes from here on, so
	// that no output (terminal, findings.txt, pages, PDFs) gets them raw.
	return model.Printable(strings.TrimFunc(s, unicode.IsSpace))
}

// needsCleaning reports whether s has anything inside that Clean changes:
// a carriage return, a zero-width or bidi character, a control character,
// invalid UTF-8. Most Chinese text has none, and a long 事由 is scanned once.
func needsCleaning(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r < 0xa0, r == 0x061c, r >= 0x200b && r <= 0x200f,
			r >= 0x2028 && r <= 0x202e, r >= 0x2060 && r <= 0x2069, r == 0xfeff:
			return true
		}
		i += size
	}
	return false
}

// cleanLong is Clean for values longer than maxInterned, remembered in
// memo: a sheet that repeats one long text on every row (a shared string)
// is cleaned once, not once a row (20,000 rows of a 30,000-character cell
// took 10 s). At most maxLongValues values are remembered.
func cleanLong(memo map[string]string, s string) string {
	if v, ok := memo[s]; ok {
		return v
	}
	v := Clean(s)
	if len(memo) < maxLongValues {
		memo[s] = v
	}
	return v
}

// isPlain is the fast path: printable ASCII without surrounding spaces.
func isPlain(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// expandMerges copies each merged range's top-left value into its other
// cells, within the rows and columns the sheet actually uses (a range
// reaching to XFD1048576 must not blow up memory).
func expandMerges(rows [][]string, refs []string) [][]string {
	if len(refs) == 0 {
		return rows
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for _, ref := range refs {
		a, b, ok := strings.Cut(ref, ":")
		if !ok {
			continue
		}
		c1, r1, err1 := excelize.CellNameToCoordinates(a)
		c2, r2, err2 := excelize.CellNameToCoordinates(b)
		if err1 != nil || err2 != nil || r1 > len(rows) || c1 > len(rows[r1-1]) {
			continue
		}
		v := rows[r1-1][c1-1]
		if v == "" {
			continue
		}
		r2, c2 = min(r2, len(rows)), min(c2, width)
		for r := r1; r <= r2; r++ {
			row := rows[r-1]
			for len(row) < c2 {
				row = append(row, "")
			}
			for c := c1; c <= c2; c++ {
				if row[c-1] == "" {
					row[c-1] = v
				}
			}
			rows[r-1] = row
		}
	}
	return rows
}
