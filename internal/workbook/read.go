// Package workbook is jifen's only importer of excelize for reading: it turns
// the bytes of one .xlsx file into plain rows of normalised raw cell values.
// Display formats never leak out of it (RawCellValue), so later stages parse
// dates and numbers from what the cell stores, not from what Excel shows.
package workbook

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"strconv"
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

// readExcelize reads a workbook through excelize: the path for whatever
// fastRead declines, and the reference it is tested against.
func readExcelize(name string, b []byte, lim Limits) (*sheet.Book, error) {
	tmp, done, err := readTemp()
	if err != nil {
		return nil, &sheet.FileError{Name: name, Err: err, Msg: fmt.Sprintf("无法在临时文件夹 %s 中建立工作目录，请检查磁盘空间和该文件夹的权限", os.TempDir())}
	}
	defer done() // after f.Close: removes what excelize leaks on a corrupt entry
	f, err := open(b, tmp, lim)
	if err != nil && hasPart(b, calcChainPart) {
		// The calculation chain only tells Excel what to recalculate; a
		// workbook whose chain excelize cannot parse reads fine without it.
		f, err = open(withoutPart(b, calcChainPart), tmp, lim)
	}
	if err != nil {
		return nil, openError(name, err, lim)
	}
	defer f.Close()

	book := &sheet.Book{}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		book.Date1904 = *props.Date1904
	}
	merges := mergeRanges(b)
	helpers := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == HelperName && dn.Scope != "Workbook" {
			helpers[dn.Scope] = true
		}
	}
	for _, sh := range f.GetSheetList() {
		visible, err := f.GetSheetVisible(sh)
		s := sheet.Sheet{Name: model.Printable(sh), Hidden: err == nil && !visible, Helper: helpers[sh]}
		rows, err := readRows(f, sh)
		if err != nil {
			// One unreadable sheet (a macro or chart sheet, a damaged
			// part) does not cost the workbook its other sheets.
			s.Problem = sheetProblem(err)
			book.Sheets = append(book.Sheets, s)
			continue
		}
		scan := merges[sh]
		s.Rows = expandMerges(rows, scan.merges)
		s.Uncalculated = scan.uncalculated
		book.Sheets = append(book.Sheets, s)
	}
	return book, nil
}

// open parses a workbook's bytes with our options.
func open(b []byte, tmp string, lim Limits) (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		TmpDir:            tmp,
		RawCellValue:      true,
		UnzipSizeLimit:    lim.Unzip,
		UnzipXMLSizeLimit: min(lim.UnzipXML, lim.Unzip),
		CultureInfo:       excelize.CultureNameZhCN,
		ShortDatePattern:  "yyyy-mm-dd",
	})
	if err != nil {
		if f != nil {
			f.Close()
		}
		return nil, err
	}
	return f, nil
}

// openError turns excelize's (English) error into advice. The cause stays
// in Err for logs; the message never quotes it.
func openError(name string, err error, lim Limits) error {
	var syntax *xml.SyntaxError
	var unmarshal *xml.UnmarshalError
	var flateErr flate.CorruptInputError
	switch {
	case strings.Contains(err.Error(), "unzip size exceeds"):
		return &sheet.FileError{Name: name, Err: err,
			Msg: fmt.Sprintf("文件解压后超过 %d MB 上限，可能已损坏或不是正常的工作簿，已拒绝读取", lim.Unzip>>20)}
	case errors.Is(err, zip.ErrFormat), errors.Is(err, zip.ErrChecksum), errors.Is(err, zip.ErrAlgorithm),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.As(err, &flateErr):
		return &sheet.FileError{Name: name, Msg: sheet.MsgCorrupt, Err: err}
	case errors.As(err, &syntax):
		return &sheet.FileError{Name: name, Err: err, Msg: fmt.Sprintf(sheet.MsgDamaged, fmt.Sprintf("XML 第 %d 行格式错误", syntax.Line))}
	case errors.As(err, &unmarshal), strings.Contains(err.Error(), "expected element"):
		return &sheet.FileError{Name: name, Err: err, Msg: fmt.Sprintf(sheet.MsgDamaged, "内部文件不符合 .xlsx 格式")}
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return &sheet.FileError{Name: name, Err: err, Msg: sheet.MsgLegacy}
	case errors.Is(err, excelize.ErrWorkbookPassword):
		return &sheet.FileError{Name: name, Err: err, Msg: sheet.MsgEncrypted}
	}
	return &sheet.FileError{Name: name, Err: err, Msg: fmt.Sprintf(sheet.MsgDamaged, "无法识别的文件结构")}
}

// sheetProblem says why one sheet could not be read.
func sheetProblem(err error) string {
	var missing excelize.ErrSheetNotExist
	var syntax *xml.SyntaxError
	var flateErr flate.CorruptInputError
	switch {
	case errors.As(err, &missing):
		return "不是普通工作表（可能是宏表、图表或对话框），未读取"
	case errors.As(err, &syntax):
		return fmt.Sprintf("内容已损坏（XML 第 %d 行格式错误），未读取；请在 Excel/WPS 中打开并另存为 .xlsx", syntax.Line)
	case errors.Is(err, excelize.ErrMaxRows), strings.Contains(err.Error(), "coordinates"), strings.Contains(err.Error(), "cell name"):
		return "含有超出 Excel 范围的行号或单元格地址，内容可能已损坏，未读取；请在 Excel/WPS 中打开并另存为 .xlsx"
	case errors.Is(err, zip.ErrChecksum), errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &flateErr):
		return "压缩数据已损坏，未读取；请在 Excel/WPS 中打开并另存为 .xlsx"
	}
	return "内容无法识别，未读取；请在 Excel/WPS 中打开并另存为 .xlsx"
}

// calcChainPart is the part excelize parses on open that reading needs least.
const calcChainPart = "xl/calcchain.xml"

// hasPart reports whether the zip holds a part (case-insensitive name).
func hasPart(b []byte, name string) bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return true
		}
	}
	return false
}

// withoutPart copies the zip without one part; entries are copied
// compressed, as they are.
func withoutPart(b []byte, name string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return b
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			continue
		}
		r, err := f.OpenRaw()
		if err != nil {
			return b
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return b
		}
		if _, err := io.Copy(w, r); err != nil {
			return b
		}
	}
	if zw.Close() != nil {
		return b
	}
	return out.Bytes()
}

// Interning bounds: values up to maxInterned bytes, at most
// maxInternedValues distinct ones per sheet.
const (
	maxInterned       = 48
	maxInternedValues = 1 << 16
	maxLongValues     = 1 << 12 // long values whose cleaning is remembered (cleanLong)
)

// readRows streams one sheet with the Rows iterator (never GetRows, which
// keeps excelize's own copy of every row) and cleans each cell.
func readRows(f *excelize.File, sheet string) ([][]string, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var rows [][]string
	last := 0 // number of rows up to the last non-empty one
	// Registers repeat short values (dates, codes, names, 是/否) on every
	// row: keeping one copy of each halves the memory of a large sheet.
	seen, long := map[string]string{}, map[string]string{}
	for it.Next() {
		cols, err := it.Columns()
		if err != nil {
			return nil, err
		}
		n := 0
		for i, c := range cols {
			if len(c) > maxInterned {
				c = cleanLong(long, c)
			} else {
				c = Clean(c)
			}
			if len(c) <= maxInterned && c != "" {
				if v, ok := seen[c]; ok {
					c = v
				} else if len(seen) < maxInternedValues {
					seen[c] = c
				}
			}
			cols[i] = c
			if c != "" {
				n = i + 1
			}
		}
		cols = cols[:n]
		if n == 0 {
			cols = nil
		}
		rows = append(rows, cols)
		if n > 0 {
			last = len(rows)
		}
	}
	if err := it.Error(); err != nil {
		return nil, err
	}
	return rows[:last], nil
}

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

// mergeRanges returns each sheet's merged ranges ("A1:H1"). excelize's
// GetMergeCells unmarshals the whole worksheet into memory, which for a
// 100,000-row register costs more than reading it; the <mergeCells> list
// sits after <sheetData>, so we stream the part and look only at its tail.
// Any failure here just means "no merges": the rows are still read.
func mergeRanges(b []byte) map[string]sheetScan {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(f.Name, "\\", "/"), "/"))] = f
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if readXMLPart(files["xl/workbook.xml"], &wb) != nil || readXMLPart(files["xl/_rels/workbook.xml.rels"], &rels) != nil {
		return nil
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := strings.ReplaceAll(r.Target, "\\", "/")
		if strings.HasPrefix(t, "/") {
			t = t[1:]
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = strings.ToLower(t)
	}
	out := map[string]sheetScan{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local != "id" {
				continue
			}
			if f := files[targets[a.Value]]; f != nil {
				out[s.Name] = scanSheet(f)
			}
		}
	}
	return out
}

func readXMLPart(f *zip.File, v any) error {
	if f == nil {
		return errors.New("missing part")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	return xml.NewDecoder(io.LimitReader(rc, 8<<20)).Decode(v)
}

var (
	mergeMarker = []byte("mergeCells")
	mergeRefRE  = regexp.MustCompile(`mergeCell\s[^>]*?\bref="([A-Za-z]+[0-9]+:[A-Za-z]+[0-9]+)"`)
)

// sheetScan is what streaming over a sheet's XML finds besides the cells
// excelize reads: merged ranges, and cells holding a formula without a
// stored result.
type sheetScan struct {
	merges       []string
	uncalculated [][2]int
}

func scanSheet(f *zip.File) (scan sheetScan) {
	rc, err := f.Open()
	if err != nil {
		return scan
	}
	defer rc.Close()
	buf := make([]byte, 64<<10)
	keep := 0
	formulas := false
	for {
		n, err := io.ReadFull(rc, buf[keep:])
		data := buf[:keep+n]
		if !formulas && (bytes.Contains(data, []byte("<f>")) || bytes.Contains(data, []byte("<f ")) || bytes.Contains(data, []byte(":f>")) || bytes.Contains(data, []byte(":f "))) {
			formulas = true
		}
		// <mergeCells> follows <sheetData>: every cell has been seen.
		if i := bytes.Index(data, mergeMarker); i >= 0 {
			rest, _ := io.ReadAll(io.LimitReader(rc, 16<<20))
			tail := append(append([]byte(nil), data[i:]...), rest...)
			for _, m := range mergeRefRE.FindAllSubmatch(tail, -1) {
				scan.merges = append(scan.merges, strings.ToUpper(string(m[1])))
			}
			break
		}
		if err != nil {
			break
		}
		keep = copy(buf, data[len(data)-len(mergeMarker)+1:])
	}
	if formulas {
		scan.uncalculated = uncalculated(f)
	}
	return scan
}

// uncalculated finds the cells that hold a formula but no stored result
// (no <v>): excelize reads them as "", which would silently count as an
// empty 次数 or 分值 (PITFALLS §1 rule f). A second streaming pass over
// the part, only for sheets with formulas: excelize's GetCellFormula would
// load the whole worksheet into memory.
func uncalculated(zf *zip.File) [][2]int {
	rc, err := zf.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	var out [][2]int
	row, col := 0, 0
	inCell, hasF, hasV := false, false, false
	for {
		tok, err := d.RawToken()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if n, err := strconv.Atoi(attr(t, "r")); err == nil && n > 0 {
					row = n
				} else {
					row++
				}
				col = 0
			case "c":
				col++
				if c, r, err := excelize.CellNameToCoordinates(attr(t, "r")); err == nil {
					col, row = c, r
				}
				inCell, hasF, hasV = true, false, false
			case "f":
				hasF = hasF || inCell
			case "v":
				hasV = hasV || inCell
			}
		case xml.EndElement:
			if t.Name.Local == "c" {
				if hasF && !hasV && row > 0 {
					out = append(out, [2]int{row, col})
				}
				inCell = false
			}
		}
	}
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// encryptedPackage is the OLE2 stream name, in UTF-16LE as directory
// entries store it, that holds a password-protected workbook.
var encryptedPackage = []byte("E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e\x00")

// encrypted tells a password-protected .xlsx (an OLE2 container with an
// EncryptedPackage stream) from an old .xls/.et given an .xlsx name.
func encrypted(b []byte) bool { return bytes.Contains(b, encryptedPackage) }
