package workbook

// A hand-written reader for the workbooks committees save. excelize decodes
// a sheet token by token through encoding/xml, which is about 90 % of the
// time of reading a large register; sheet XML is regular enough to scan
// bytes directly. fastRead gives exactly what the excelize path (read_excelize.go)
// gives — raw values, shared and inline (rich) strings with their _xHHHH_
// escapes, rows placed by their numbers, merged ranges expanded, formulas
// without a stored result listed, hidden sheets, the 1904 date system — and
// declines (errFallback) whatever it does not fully understand: a part
// missing or oversized, a chart or macro sheet, XML it cannot follow, an
// invalid shared-string index. Such a workbook is read by excelize as
// before, with the same findings.

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

var errFallback = errors.New("workbook: read with excelize")

const relWorksheet = "/worksheet" // suffix of the worksheet relationship type (transitional or strict)

// fastRead reads a zip the fast way, or returns errFallback.
func fastRead(zr *zip.Reader, lim Limits) (*sheet.Book, error) {
	files := make(map[string]*zip.File, len(zr.File))
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		files[strings.ReplaceAll(f.Name, "\\", "/")] = f
	}
	if total > uint64(lim.Unzip) {
		return nil, errFallback // excelize reports the size limit
	}
	part := func(name string, v any) error {
		f := files[name]
		if f == nil {
			return errFallback
		}
		b, err := readPart(f, lim.UnzipXML)
		if err != nil {
			return err
		}
		defer putBuf(b)
		return xml.Unmarshal(*b, v)
	}
	var rels xmlRels
	if part("_rels/.rels", &rels) != nil {
		return nil, errFallback
	}
	wbPath := ""
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPath = strings.TrimPrefix(r.Target, "/")
			break
		}
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			ID    string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
			IDs   string `xml:"http://purl.oclc.org/ooxml/officeDocument/relationships id,attr"`
		} `xml:"sheets>sheet"`
		Names []struct {
			Name  string `xml:"name,attr"`
			Local string `xml:"localSheetId,attr"` // index into Sheets
		} `xml:"definedNames>definedName"`
	}
	if wbPath == "" || part(wbPath, &wb) != nil {
		return nil, errFallback
	}
	dir := path.Dir(wbPath)
	var wbRels xmlRels
	if part(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), &wbRels) != nil {
		return nil, errFallback
	}
	book := &sheet.Book{}
	if wb.Pr.Date1904 != "" {
		v, err := strconv.ParseBool(wb.Pr.Date1904)
		if err != nil {
			return nil, errFallback
		}
		book.Date1904 = v
	}
	var sst []string
	for _, r := range wbRels.Rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			f := files[relTarget(dir, r.Target)]
			if f == nil {
				return nil, errFallback
			}
			var err error
			if sst, err = readSST(f, lim.UnzipXML); err != nil {
				return nil, err
			}
		}
	}
	helper := map[int]bool{} // sheets marked HelperName
	for _, n := range wb.Names {
		if i, err := strconv.Atoi(n.Local); err == nil && n.Name == HelperName {
			helper[i] = true
		}
	}
	for i, s := range wb.Sheets {
		id := s.ID
		if id == "" {
			id = s.IDs
		}
		target := ""
		for _, r := range wbRels.Rels {
			if r.ID == id {
				if !strings.HasSuffix(r.Type, relWorksheet) {
					return nil, errFallback // chart or macro sheet
				}
				target = relTarget(dir, r.Target)
			}
		}
		f := files[target]
		if f == nil {
			return nil, errFallback
		}
		if helper[i] {
			// The templates' own sheets are never read: not parsed either
			// (the 选项 sheet holds thousands of list formulas).
			book.Sheets = append(book.Sheets, sheet.Sheet{Name: model.Printable(s.Name),
				Hidden: s.State != "" && s.State != "visible", Helper: true})
			continue
		}
		b, err := readPart(f, lim.UnzipXML)
		if err != nil {
			return nil, err
		}
		sh, err := scanSheetXML(*b, sst)
		putBuf(b)
		if err != nil {
			return nil, err
		}
		sh.Name = model.Printable(s.Name)
		sh.Hidden = s.State != "" && s.State != "visible"
		sh.Helper = helper[i]
		book.Sheets = append(book.Sheets, *sh)
	}
	return book, nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func relTarget(dir, t string) string {
	if strings.HasPrefix(t, "/") {
		return path.Clean(t[1:])
	}
	return path.Join(dir, t)
}

var bufs = sync.Pool{New: func() any { return new([]byte) }}

func putBuf(b *[]byte) {
	if cap(*b) <= 64<<20 {
		bufs.Put(b)
	}
}

// readPart reads a zip entry whole, refusing one that declares or holds more
// than limit bytes (excelize would spill it to a temp file: its path then).
func readPart(f *zip.File, limit int64) (*[]byte, error) {
	if f.UncompressedSize64 > uint64(limit) {
		return nil, errFallback
	}
	rc, err := f.Open()
	if err != nil {
		return nil, errFallback
	}
	defer rc.Close()
	b := bufs.Get().(*[]byte)
	buf := bytes.NewBuffer((*b)[:0])
	buf.Grow(int(f.UncompressedSize64) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(rc, int64(f.UncompressedSize64)+1)); err != nil || uint64(buf.Len()) != f.UncompressedSize64 {
		putBuf(b)
		return nil, errFallback
	}
	*b = buf.Bytes()
	return b, nil
}

// readSST reads the shared strings: each <si> is its <t> (the last one,
// as encoding/xml keeps it) followed by the <t> of its rich-text runs <r>;
// phonetic runs <rPh> are not part of the value.
func readSST(f *zip.File, limit int64) ([]string, error) {
	bp, err := readPart(f, limit)
	if err != nil {
		return nil, err
	}
	defer putBuf(bp)
	b := *bp
	var out []string
	var sb []byte
	sc := scanner{b: b}
	for {
		name, end, self, ok := sc.next()
		if !ok {
			break
		}
		if end || name != "si" {
			continue
		}
		var direct []byte
		sb = sb[:0]
		hasDirect := false
		if self {
			out = append(out, "")
			continue
		}
		depth := 0 // inside <r>, <rPh>
		skip := false
		for {
			n, e, s, ok := sc.next()
			if !ok {
				return nil, errFallback
			}
			switch {
			case e && n == "si":
				goto done
			case n == "r" && !s:
				if e {
					depth--
				} else {
					depth++
				}
			case n == "rPh" || n == "phoneticPr":
				if !e && !s {
					skip = true
				} else if e {
					skip = false
				}
			case n == "t" && !e:
				var txt []byte
				if !s {
					if txt, ok = sc.text("t"); !ok {
						return nil, errFallback
					}
				}
				switch {
				case skip:
				case depth > 0:
					sb = append(sb, txt...)
				default:
					direct, hasDirect = txt, true
				}
			}
		}
	done:
		var v []byte
		if hasDirect {
			v = append(v, direct...)
		}
		v = append(v, sb...)
		out = append(out, bstrUnmarshal(string(v)))
	}
	if sc.bad {
		return nil, errFallback
	}
	return out, nil
}

// scanner walks the tags of an XML part. It understands what spreadsheet
// parts contain: elements with or without a namespace prefix, attributes in
// single or double quotes, comments, processing instructions, CDATA and the
// predefined and numeric entities.
type scanner struct {
	b   []byte
	i   int
	tag []byte // the attributes of the last start tag
	bad bool
}

// next moves past the next tag and returns its local name, whether it is an
// end tag, whether it closes itself, and false at the end of the part.
func (s *scanner) next() (name string, end, self, ok bool) {
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			return "", false, false, false
		}
		s.i += j + 1
		if s.i >= len(s.b) {
			s.bad = true
			return "", false, false, false
		}
		switch s.b[s.i] {
		case '?':
			if !s.skipPast("?>") {
				return "", false, false, false
			}
			continue
		case '!':
			if bytes.HasPrefix(s.b[s.i:], []byte("!--")) {
				if !s.skipPast("-->") {
					return "", false, false, false
				}
			} else if bytes.HasPrefix(s.b[s.i:], []byte("![CDATA[")) {
				if !s.skipPast("]]>") {
					return "", false, false, false
				}
			} else if !s.skipPast(">") { // DOCTYPE: not in OOXML; excelize would fail too
				return "", false, false, false
			}
			continue
		case '/':
			end = true
			s.i++
		}
		k := s.i
		for k < len(s.b) && !isSpace(s.b[k]) && s.b[k] != '>' && s.b[k] != '/' {
			k++
		}
		raw := s.b[s.i:k]
		if c := bytes.LastIndexByte(raw, ':'); c >= 0 {
			raw = raw[c+1:]
		}
		// Find the end of the tag, skipping quoted attribute values.
		q := byte(0)
		m := k
		for ; m < len(s.b); m++ {
			c := s.b[m]
			if q != 0 {
				if c == q {
					q = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				q = c
			} else if c == '>' {
				break
			}
		}
		if m >= len(s.b) {
			s.bad = true
			return "", false, false, false
		}
		self = m > k && s.b[m-1] == '/'
		s.tag = s.b[k:m]
		s.i = m + 1
		return internName(raw), end, self, true
	}
}

// internName returns the few names the readers compare without allocating.
func internName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "f":
		return "f"
	case "row":
		return "row"
	case "is":
		return "is"
	case "t":
		return "t"
	case "r":
		return "r"
	case "si":
		return "si"
	case "rPh":
		return "rPh"
	case "sheetData":
		return "sheetData"
	case "mergeCell":
		return "mergeCell"
	}
	return string(b)
}

func (s *scanner) skipPast(end string) bool {
	j := bytes.Index(s.b[s.i:], []byte(end))
	if j < 0 {
		s.bad = true
		return false
	}
	s.i += j + len(end)
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the raw value of an attribute of the last start tag.
func (s *scanner) attr(name string) ([]byte, bool) {
	t := s.tag
	for len(t) > 0 {
		for len(t) > 0 && isSpace(t[0]) {
			t = t[1:]
		}
		eq := bytes.IndexByte(t, '=')
		if eq < 0 {
			return nil, false
		}
		// Loops, not bytes.TrimRight/TrimLeft: with a cutset those build a
		// set on every call, ~10% of reading a large register.
		key := t[:eq]
		for len(key) > 0 && isSpace(key[len(key)-1]) {
			key = key[:len(key)-1]
		}
		t = t[eq+1:]
		for len(t) > 0 && isSpace(t[0]) {
			t = t[1:]
		}
		if len(t) == 0 || (t[0] != '"' && t[0] != '\'') {
			return nil, false
		}
		q := t[0]
		e := bytes.IndexByte(t[1:], q)
		if e < 0 {
			return nil, false
		}
		val := t[1 : 1+e]
		t = t[e+2:]
		if c := bytes.LastIndexByte(key, ':'); c >= 0 && string(key[:c]) != "xml" {
			key = key[c+1:]
		}
		if string(key) == name {
			return val, true
		}
	}
	return nil, false
}

// text returns the decoded character data up to the end tag </name> and
// moves past it.
func (s *scanner) text(name string) ([]byte, bool) {
	start := s.i
	j := bytes.IndexByte(s.b[s.i:], '<')
	if j < 0 {
		s.bad = true
		return nil, false
	}
	raw := s.b[start : s.i+j]
	s.i += j
	if bytes.HasPrefix(s.b[s.i:], []byte("<![CDATA[")) || bytes.HasPrefix(s.b[s.i:], []byte("<!--")) {
		return s.slowText(start, name)
	}
	n, end, _, ok := s.next()
	if !ok || !end || n != name {
		s.bad = true
		return nil, false
	}
	raw = newlines(raw)
	if bytes.IndexByte(raw, '&') < 0 {
		return raw, true
	}
	v, ok := unescape(raw)
	if !ok {
		s.bad = true
	}
	return v, ok
}

// slowText handles character data mixed with CDATA sections and comments.
func (s *scanner) slowText(start int, name string) ([]byte, bool) {
	var out []byte
	s.i = start
	for {
		j := bytes.IndexByte(s.b[s.i:], '<')
		if j < 0 {
			s.bad = true
			return nil, false
		}
		v, ok := unescape(newlines(s.b[s.i : s.i+j]))
		if !ok {
			s.bad = true
			return nil, false
		}
		out = append(out, v...)
		s.i += j
		rest := s.b[s.i:]
		switch {
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			e := bytes.Index(rest, []byte("]]>"))
			if e < 0 {
				s.bad = true
				return nil, false
			}
			out = append(out, newlines(rest[len("<![CDATA["):e])...)
			s.i += e + 3
		case bytes.HasPrefix(rest, []byte("<!--")):
			if !s.skipPast("-->") {
				return nil, false
			}
		default:
			n, end, _, ok := s.next()
			if !ok || !end || n != name {
				s.bad = true
				return nil, false
			}
			return out, true
		}
	}
}

// newlines is XML's end-of-line handling, which encoding/xml (and so
// excelize) applies to the text it reads: a literal CR LF or CR is one LF.
// A CR written as &#13; or _x000D_ is decoded later and stays. (Found by
// comparing with excelize on calamine's has_x000D_.xlsx: "ABC_x000D_\r\nDEF"
// read as two line breaks.)
func newlines(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// unescape decodes the predefined and numeric character references.
func unescape(b []byte) ([]byte, bool) {
	if bytes.IndexByte(b, '&') < 0 {
		return b, true
	}
	out := make([]byte, 0, len(b))
	for len(b) > 0 {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			out = append(out, b...)
			break
		}
		out = append(out, b[:i]...)
		b = b[i+1:]
		e := bytes.IndexByte(b, ';')
		if e < 0 {
			return nil, false
		}
		ent := b[:e]
		b = b[e+1:]
		switch string(ent) {
		case "lt":
			out = append(out, '<')
		case "gt":
			out = append(out, '>')
		case "amp":
			out = append(out, '&')
		case "quot":
			out = append(out, '"')
		case "apos":
			out = append(out, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return nil, false
			}
			var n uint64
			var err error
			if ent[1] == 'x' {
				n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !isXMLChar(rune(n)) {
				return nil, false
			}
			out = utf8.AppendRune(out, rune(n))
		}
	}
	return out, true
}

// isXMLChar is encoding/xml's rule for characters a reference may name.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// bstrUnmarshal decodes the _xHHHH_ escapes Excel uses for characters XML
// cannot hold, exactly as excelize does for shared and inline strings: a
// valid escape becomes its character, _x005F_ an underscore.
func bstrUnmarshal(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "_x")
		if i < 0 || len(s) < i+7 {
			b.WriteString(s)
			return b.String()
		}
		h := s[i+2 : i+6]
		if s[i+6] != '_' || !isHex4(h) {
			b.WriteString(s[:i+1])
			s = s[i+1:]
			continue
		}
		b.WriteString(s[:i])
		if h == "005F" || h == "005f" {
			b.WriteByte('_')
		} else {
			n, _ := strconv.ParseUint(h, 16, 32)
			if r := rune(n); utf8.ValidRune(r) { // a lone surrogate is dropped, as strconv.Unquote fails on it
				b.WriteRune(r)
			}
		}
		s = s[i+7:]
	}
}

func isHex4(h string) bool {
	for i := 0; i < 4; i++ {
		c := h[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// sheetBuilder gathers one sheet's rows as readRows does: rows placed by
// number, cells by column, every value cleaned, trailing blanks dropped.
type sheetBuilder struct {
	rows    [][]string
	last    int      // rows up to the last non-empty one
	arena   []string // backing store of the rows' cells
	numbers map[string]string
	// sstClean[i] is shared string i cleaned, once sstDone[i].
	sstClean []string
	sstDone  []bool
}

func (sb *sheetBuilder) cells(n int) []string {
	if len(sb.arena) < n {
		sb.arena = make([]string, max(n, 8192))
	}
	c := sb.arena[:n:n]
	sb.arena = sb.arena[n:]
	return c
}

// number returns a stored number's text, one copy per distinct value:
// dates and small counts recur on every row of a register.
func (sb *sheetBuilder) number(v []byte) string {
	if s, ok := sb.numbers[string(v)]; ok {
		return s
	}
	s := string(v)
	if len(v) <= maxInterned && len(sb.numbers) < maxInternedValues {
		sb.numbers[s] = s
	}
	return s
}

// intern keeps one copy of each short cleaned value, as readRows does.
func (sb *sheetBuilder) intern(c string) string {
	if c == "" || len(c) > maxInterned {
		return c
	}
	if v, ok := sb.numbers[c]; ok {
		return v
	}
	if len(sb.numbers) < maxInternedValues {
		sb.numbers[c] = c
	}
	return c
}

// scanSheetXML reads a worksheet part.
func scanSheetXML(b []byte, sst []string) (*sheet.Sheet, error) {
	sc := scanner{b: b}
	sb := &sheetBuilder{numbers: map[string]string{}, sstClean: make([]string, len(sst)), sstDone: make([]bool, len(sst))}
	// Find <sheetData>.
	for {
		name, end, self, ok := sc.next()
		if !ok {
			if sc.bad {
				return nil, errFallback
			}
			return &sheet.Sheet{}, nil // no sheetData: an empty sheet
		}
		if name == "sheetData" && !end {
			if self {
				return &sheet.Sheet{}, nil
			}
			break
		}
	}
	var (
		cur     []string // the current row's raw cells
		curSST  []int32  // for each, its shared-string index, or -1
		curCol  int      // column of the last cell element
		curRow  int      // its number
		hasRow  bool
		rowNum  int // number of the last row element
		formula [][2]int
	)
	finishRow := func() {
		if !hasRow {
			return
		}
		hasRow = false
		n := 0
		for i, c := range cur {
			if k := curSST[i]; k >= 0 {
				// A shared string is cleaned once per sheet, not once a row:
				// 928,000 rows quoting one 30,000-character cell (#14 F2).
				if !sb.sstDone[k] {
					sb.sstClean[k], sb.sstDone[k] = sb.intern(Clean(c)), true
				}
				c = sb.sstClean[k]
			} else {
				c = sb.intern(Clean(c))
			}
			cur[i] = c
			if c != "" {
				n = i + 1
			}
		}
		for len(sb.rows) < curRow-1 {
			sb.rows = append(sb.rows, nil)
		}
		var row []string
		if n > 0 {
			row = sb.cells(n)
			copy(row, cur[:n])
		}
		if len(sb.rows) == curRow-1 {
			sb.rows = append(sb.rows, row)
		} else if curRow >= 1 && curRow <= len(sb.rows) {
			// A row repeated or out of order: excelize's iterator would
			// return it where it stands; rare enough to let excelize decide.
			sb.rows = nil
			sc.bad = true
			return
		}
		if n > 0 {
			sb.last = len(sb.rows)
		}
	}
	for !sc.bad {
		name, end, self, ok := sc.next()
		if !ok {
			return nil, errFallback
		}
		switch name {
		case "sheetData":
			if end {
				finishRow()
				goto rowsDone
			}
		case "row":
			if end {
				finishRow()
				continue
			}
			finishRow()
			if r, ok := sc.attr("r"); ok {
				n, err := strconv.Atoi(string(r))
				if err != nil || n < 1 || n > 1048576 {
					return nil, errFallback
				}
				rowNum = n
			} else {
				rowNum++
			}
			curRow, hasRow, cur, curSST, curCol = rowNum, true, cur[:0], curSST[:0], 0
			if self {
				finishRow()
			}
		case "c":
			if end || !hasRow {
				if !end {
					return nil, errFallback
				}
				continue
			}
			curCol++ // a cell without a reference follows the previous one
			if r, ok := sc.attr("r"); ok {
				c, rr, ok := cellRef(r)
				if !ok || rr != curRow {
					return nil, errFallback
				}
				curCol = c
			}
			col := curCol
			typ, _ := sc.attr("t")
			var v []byte
			hasV, hasF, isTxt := false, false, []byte(nil)
			hasIS := false
			if !self {
			cell:
				for {
					n, e, s, ok := sc.next()
					if !ok {
						return nil, errFallback
					}
					switch {
					case n == "c" && e:
						break cell
					case e:
					case n == "v":
						if !s {
							if v, ok = sc.text("v"); !ok {
								return nil, errFallback
							}
						}
						hasV = true
					case n == "f":
						if !s {
							if _, ok := sc.text("f"); !ok {
								return nil, errFallback
							}
						}
						hasF = true
					case n == "is":
						if s {
							hasIS = true
							continue
						}
						var ok bool
						if isTxt, ok = inlineString(&sc); !ok {
							return nil, errFallback
						}
						hasIS = true
					default:
						if !s && n != "extLst" {
							// Unknown content in a cell: let excelize judge it.
							return nil, errFallback
						}
						if !s && !sc.skipElement(n) {
							return nil, errFallback
						}
					}
				}
			}
			var val string
			sstIdx := int32(-1)
			switch string(typ) {
			case "s":
				if hasV && len(v) > 0 {
					idx, err := strconv.Atoi(string(bytes.TrimSpace(v)))
					if err != nil || idx < 0 || idx >= len(sst) {
						return nil, errFallback // excelize reports the bad index
					}
					val, sstIdx = sst[idx], int32(idx)
				}
			case "inlineStr":
				if hasIS {
					val = bstrUnmarshal(string(isTxt))
				} else {
					val = string(v)
				}
			case "", "n":
				val = sb.number(v)
			default: // str, b, d, e: the stored text as is
				val = string(v)
			}
			if hasF && !hasV {
				// A formula without a stored result reads as "" though it is not.
				formula = append(formula, [2]int{curRow, col})
			}
			if val == "" && !hasF {
				continue
			}
			if blank := col - len(cur); blank > 1 {
				for k := 1; k < blank; k++ {
					cur = append(cur, "")
					curSST = append(curSST, -1)
				}
			}
			cur = append(cur, val)
			curSST = append(curSST, sstIdx)

		}
	}
	return nil, errFallback
rowsDone:
	rows := sb.rows[:sb.last]
	// Merged ranges follow </sheetData>.
	var merges []string
	for {
		name, end, _, ok := sc.next()
		if !ok {
			break
		}
		if name == "mergeCell" && !end {
			if ref, ok := sc.attr("ref"); ok && bytes.IndexByte(ref, ':') > 0 {
				merges = append(merges, strings.ToUpper(string(ref)))
			}
		}
	}
	return &sheet.Sheet{Rows: expandMerges(rows, merges), Uncalculated: formula}, nil
}

// inlineString reads an <is> element: its <t> and the <t> of its runs.
func inlineString(sc *scanner) ([]byte, bool) {
	var direct, runs []byte
	depth, skip := 0, false
	for {
		n, e, s, ok := sc.next()
		if !ok {
			return nil, false
		}
		switch {
		case e && n == "is":
			return append(direct, runs...), true
		case n == "r" && !s:
			if e {
				depth--
			} else {
				depth++
			}
		case n == "rPh":
			if !e && !s {
				skip = true
			} else if e {
				skip = false
			}
		case n == "t" && !e && !s:
			txt, ok := sc.text("t")
			if !ok {
				return nil, false
			}
			switch {
			case skip:
			case depth > 0:
				runs = append(runs, txt...)
			default:
				direct = append(direct[:0], txt...)
			}
		}
	}
}

// skipElement moves past the end of an element whose start tag was read.
func (s *scanner) skipElement(name string) bool {
	depth := 1
	for depth > 0 {
		n, e, self, ok := s.next()
		if !ok {
			return false
		}
		if n == name && !self {
			if e {
				depth--
			} else {
				depth++
			}
		}
	}
	return true
}

// cellRef parses "AB12".
func cellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && (b[i] >= 'A' && b[i] <= 'Z' || b[i] >= 'a' && b[i] <= 'z') {
		c := b[i]
		if c >= 'a' {
			c -= 'a' - 'A'
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(b) || col > 16384 {
		return 0, 0, false
	}
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(b[i]-'0')
		if row > 1048576 {
			return 0, 0, false
		}
	}
	return col, row, row > 0
}
