package workbook

// Reading through excelize (v2.11.1, RawCellValue): the path for every
// workbook fastRead declines, and the reference fastRead is tested against
// (fastread_test.go). excelize's English errors become Chinese advice here
// (openError, sheetProblem), and what its row iterator does not give —
// merged ranges, formulas without a stored result — is found by streaming
// the sheet parts beside it.

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

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

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
		if s.Helper {
			book.Sheets = append(book.Sheets, s) // never read, so not parsed either
			continue
		}
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
