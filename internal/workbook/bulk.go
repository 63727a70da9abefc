package workbook

// Writing very large registers for measurement (`jifen init --demo
// --members N`). excelize's regular API keeps every cell of a workbook in
// memory and its StreamWriter stores every string inline in the sheet, which
// no office program does: Excel, WPS and LibreOffice all save strings once in
// a shared-strings table and refer to them by index. A register measured for
// reading speed must look like what committees save, so this writer produces
// exactly that layout, row by row, with bounded memory per sheet.

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// BulkTable is a sheet whose rows are produced on the fly.
type BulkTable struct {
	Sheet   string
	Title   string          // merged title row above the header; "" = none
	Columns []*model.Column // as Table.Columns: codes are written as text, long text wrapped
	// Rows calls yield once per data row, with the same value types as
	// Table.Rows; it returns yield's error, if any.
	Rows func(yield func(row []any) error) error
}

// Style indexes of bulkStyles' cellXfs.
const (
	bulkDefault = iota
	bulkText
	bulkDate
	bulkHeader
	bulkTitle
	bulkWrap
)

// WriteBulkBook writes tables as a new .xlsx at path, strings shared as an
// office program saves them, dates as serial numbers formatted yyyy-mm-dd,
// ID columns as text, the header frozen below a merged title. It refuses to
// overwrite and leaves no partial file behind.
func WriteBulkBook(path string, tables []BulkTable) (err error) {
	if len(tables) == 0 {
		return errors.New("no sheet to write")
	}
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, errOverwrite)
		}
		return err
	}
	defer func() {
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
		}
	}()
	bw := bufio.NewWriterSize(out, 1<<20)
	zw := zip.NewWriter(bw)
	sst := &sharedStrings{index: map[string]int{}}
	for i, t := range tables {
		if err := writeBulkSheet(zw, i+1, t, sst); err != nil {
			return fmt.Errorf("%s: sheet %s: %w", path, t.Sheet, err)
		}
	}
	if err := writeBulkParts(zw, tables, sst); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

type sharedStrings struct {
	index map[string]int
	list  []string
	refs  int
}

func (s *sharedStrings) id(v string) int {
	s.refs++
	if i, ok := s.index[v]; ok {
		return i
	}
	i := len(s.list)
	s.index[v] = i
	s.list = append(s.list, v)
	return i
}

// writeBulkSheet buffers one sheet's rows (the dimension and column widths
// precede them in the XML) and writes the part.
func writeBulkSheet(zw *zip.Writer, n int, t BulkTable, sst *sharedStrings) error {
	ncol := len(t.Columns)
	cols := make([]string, ncol)
	widths := make([]float64, ncol)
	textCol := make([]bool, ncol)
	wrapCol := make([]bool, ncol)
	for c, mc := range t.Columns {
		cols[c] = model.ColumnName(c + 1)
		widths[c] = displayWidth(mc.Header)
		textCol[c] = mc.Type == model.CellCode
		wrapCol[c] = mc.Wrap
	}
	var data bytes.Buffer
	row := 0
	cell := func(c, style int, typ, v string) {
		data.WriteString(`<c r="`)
		data.WriteString(cols[c])
		data.WriteString(strconv.Itoa(row))
		data.WriteByte('"')
		if style != bulkDefault {
			data.WriteString(` s="`)
			data.WriteString(strconv.Itoa(style))
			data.WriteByte('"')
		}
		if typ != "" {
			data.WriteString(` t="`)
			data.WriteString(typ)
			data.WriteByte('"')
		}
		data.WriteString(`><v>`)
		data.WriteString(v)
		data.WriteString(`</v></c>`)
	}
	str := func(c, style int, s string) { cell(c, style, "s", strconv.Itoa(sst.id(s))) }
	if t.Title != "" {
		row++
		data.WriteString(`<row r="1" ht="30" customHeight="1">`)
		str(0, bulkTitle, t.Title)
		data.WriteString(`</row>`)
	}
	row++
	headerRow := row
	fmt.Fprintf(&data, `<row r="%d">`, row)
	for c, mc := range t.Columns {
		str(c, bulkHeader, mc.Header)
	}
	data.WriteString(`</row>`)
	err := t.Rows(func(vals []any) error {
		if len(vals) > ncol {
			return fmt.Errorf("row of %d values for %d headers", len(vals), ncol)
		}
		row++
		data.WriteString(`<row r="`)
		data.WriteString(strconv.Itoa(row))
		data.WriteString(`">`)
		for c, v := range vals {
			style := bulkDefault
			if textCol[c] {
				style = bulkText
			} else if wrapCol[c] {
				style = bulkWrap
			}
			switch x := v.(type) {
			case nil:
			case string:
				if x != "" {
					str(c, style, x)
					widths[c] = max(widths[c], lineWidth(x))
				}
			case int:
				s := strconv.Itoa(x)
				if textCol[c] {
					str(c, style, s)
				} else {
					cell(c, style, "", s)
				}
				widths[c] = max(widths[c], displayWidth(s))
			case model.Points:
				cell(c, style, "", strconv.FormatFloat(float64(x)/100, 'f', -1, 64))
			case *big.Rat:
				if x != nil {
					cell(c, style, "", strconv.FormatFloat(float64(model.Round2(x))/100, 'f', -1, 64))
				}
			case bool:
				str(c, style, model.YesNo(x))
			case time.Time:
				if !x.IsZero() {
					cell(c, bulkDate, "", strconv.Itoa(sheet.Serial(x)))
					widths[c] = max(widths[c], 12)
				}
			default:
				return fmt.Errorf("unsupported value %T", v)
			}
		}
		data.WriteString(`</row>`)
		return nil
	})
	if err != nil {
		return err
	}

	w, err := zw.Create(fmt.Sprintf("xl/worksheets/sheet%d.xml", n))
	if err != nil {
		return err
	}
	last := cols[ncol-1]
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`+
		`<dimension ref="A1:%s%d"/>`, last, row)
	sel := fmt.Sprintf("A%d", headerRow+1)
	fmt.Fprintf(w, `<sheetViews><sheetView workbookViewId="0"%s><pane ySplit="%d" topLeftCell="%s" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="%s" sqref="%s"/></sheetView></sheetViews>`,
		map[bool]string{true: ` tabSelected="1"`, false: ""}[n == 1], headerRow, sel, sel, sel)
	w.Write([]byte(`<sheetFormatPr defaultRowHeight="15"/><cols>`))
	for c := range cols {
		limit := maxColWidth
		if wrapCol[c] {
			limit = 36
		}
		fmt.Fprintf(w, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, c+1, c+1,
			strconv.FormatFloat(min(max(widths[c], minColWidth), limit), 'f', -1, 64))
	}
	w.Write([]byte(`</cols><sheetData>`))
	if _, err := w.Write(data.Bytes()); err != nil {
		return err
	}
	w.Write([]byte(`</sheetData>`))
	if t.Title != "" && ncol > 1 {
		fmt.Fprintf(w, `<mergeCells count="1"><mergeCell ref="A1:%s1"/></mergeCells>`, last)
	}
	_, err = w.Write([]byte(`<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`))
	return err
}

func writeBulkParts(zw *zip.Writer, tables []BulkTable, sst *sharedStrings) error {
	part := func(name, body string) error {
		w, err := zw.Create(name)
		if err != nil {
			return err
		}
		_, err = w.Write([]byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + body))
		return err
	}
	var ct, sheets, rels strings.Builder
	ct.WriteString(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	rels.WriteString(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i, t := range tables {
		n := i + 1
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, n)
		fmt.Fprintf(&sheets, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlEscape(t.Sheet), n, n)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, n, n)
	}
	k := len(tables)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, k+1)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, k+2)
	rels.WriteString(`</Relationships>`)
	ct.WriteString(`</Types>`)

	var ss bytes.Buffer
	fmt.Fprintf(&ss, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, sst.refs, len(sst.list))
	for _, s := range sst.list {
		ss.WriteString(`<si><t`)
		if s != strings.TrimSpace(s) {
			ss.WriteString(` xml:space="preserve"`)
		}
		ss.WriteString(`>`)
		ss.WriteString(xmlEscape(s))
		ss.WriteString(`</t></si>`)
	}
	ss.WriteString(`</sst>`)

	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:creator>jifen</dc:creator><cp:lastModifiedBy>jifen</cp:lastModifiedBy>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + fixedDocTime + `</dcterms:created>` +
			`<dcterms:modified xsi:type="dcterms:W3CDTF">` + fixedDocTime + `</dcterms:modified></cp:coreProperties>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` + sheets.String() + `</sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", rels.String()},
		{"xl/styles.xml", bulkStyles},
		{"xl/sharedStrings.xml", ss.String()},
	} {
		if err := part(p.name, p.body); err != nil {
			return err
		}
	}
	return nil
}

// bulkStyles: 宋体 11; text (@), yyyy-mm-dd, bold shaded bordered header,
// 16-point bold title, wrapped text — the formats WriteBook uses.
const bulkStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>` +
	`<fonts count="3"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>` +
	`<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>` +
	`<font><b/><sz val="16"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFFCE4D6"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FFA6A6A6"/></left><right style="thin"><color rgb="FFA6A6A6"/></right>` +
	`<top style="thin"><color rgb="FFA6A6A6"/></top><bottom style="thin"><color rgb="FFA6A6A6"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="6">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
	`</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

func xmlEscape(s string) string {
	if !strings.ContainsAny(s, `<>&"'`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
