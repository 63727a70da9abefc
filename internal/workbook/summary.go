package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// WriteSheets writes plain tables as a workbook to w: 汇总.xlsx of `jifen
// summary` (SPEC §10). Headers sit in the first row so that the sheet
// sorts, filters and reads into other programs as it is; figures are
// numbers, dates are dates.
//
// The parts are written directly, one sheet after another: excelize looks
// a sheet up by name on every call, which made 1,000 sheets take 23 s. Each
// sheet records its real extent in <dimension> (streaming readers such as
// openpyxl's read-only mode, which pandas uses, read no further, PITFALLS
// §9), freezes the header row and first column, filters, and prints on A4
// landscape at a scale that keeps 11-point text at 8 points or more:
// columns are capped and their text wrapped so that a period's table fits
// the width of a page; a sheet still wider (the overview of many periods)
// prints over several pages, the first column and the header repeated,
// rather than shrinking further.
func WriteSheets(w io.Writer, sheets []sheet.PlainSheet) error {
	if len(sheets) == 0 {
		sheets = []sheet.PlainSheet{{Name: "汇总", Headers: []string{"尚无数据"}}}
	}
	seen := map[string]bool{}
	for _, s := range sheets {
		k := strings.ToLower(s.Name)
		if s.Name == "" || utf8.RuneCountInString(s.Name) > 31 || strings.ContainsAny(s.Name, `[]:*?/\`) || seen[k] || len(s.Headers) == 0 {
			return fmt.Errorf("sheet name %q: empty, too long, reserved characters, repeated, or no headers", s.Name)
		}
		seen[k] = true
	}
	zw := zip.NewWriter(w)
	create := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: fixedZipTime})
	}
	sst := &sharedStrings{index: map[string]int{}}
	var names strings.Builder
	var buf bytes.Buffer
	for i, s := range sheets {
		buf.Reset()
		last, err := writePlainSheet(&buf, s, i == 0, sst)
		if err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
		pw, err := create(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1))
		if err != nil {
			return err
		}
		if _, err := pw.Write(buf.Bytes()); err != nil {
			return err
		}
		ref := "'" + strings.ReplaceAll(s.Name, "'", "''") + "'!"
		fmt.Fprintf(&names, `<definedName name="_xlnm._FilterDatabase" localSheetId="%d" hidden="1">%s</definedName>`, i, xmlText(ref+"$A$1:$"+last))
		fmt.Fprintf(&names, `<definedName name="_xlnm.Print_Titles" localSheetId="%d">%s</definedName>`, i, xmlText(ref+"$A:$A,"+ref+"$1:$1"))
	}
	var ct, list, rels strings.Builder
	for i, s := range sheets {
		fmt.Fprintf(&ct, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		fmt.Fprintf(&list, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, xmlText(s.Name), i+1, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	k := len(sheets)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, k+1)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, k+2)
	var ss bytes.Buffer
	fmt.Fprintf(&ss, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, sst.refs, len(sst.list))
	for _, s := range sst.list {
		ss.WriteString(`<si><t xml:space="preserve">`)
		ss.WriteString(xmlText(s))
		ss.WriteString(`</t></si>`)
	}
	ss.WriteString(`</sst>`)
	const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	for _, p := range []struct{ name, body string }{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
			`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
			ct.String() + `</Types>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
			`</Relationships>`},
		{"docProps/core.xml", `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
			`<dc:creator>jifen</dc:creator><cp:lastModifiedBy>jifen</cp:lastModifiedBy>` +
			`<dcterms:created xsi:type="dcterms:W3CDTF">` + fixedDocTime + `</dcterms:created>` +
			`<dcterms:modified xsi:type="dcterms:W3CDTF">` + fixedDocTime + `</dcterms:modified></cp:coreProperties>`},
		{"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
			`<workbookPr/><bookViews><workbookView activeTab="0"/></bookViews><sheets>` + list.String() + `</sheets>` +
			`<definedNames>` + names.String() + `</definedNames></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`},
		{"xl/styles.xml", plainStyles},
		{"xl/sharedStrings.xml", ss.String()},
	} {
		pw, err := create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(pw, head+p.body); err != nil {
			return err
		}
	}
	return zw.Close()
}

var fixedZipTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Style indexes of plainStyles' cellXfs: every cell below the header is
// bordered, so the printed table reads as one.
const (
	_ = iota // 0, the default style, for nothing below the header
	plainHeader
	plainText
	plainWrap
	plainDate
	plainPoints
	plainPercent
	plainNumber
)

const plainStyles = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font>` +
	`<font><b/><sz val="11"/><name val="宋体"/><family val="3"/><charset val="134"/></font></fonts>` +
	`<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
	`<fill><patternFill patternType="solid"><fgColor rgb="FFFCE4D6"/><bgColor indexed="64"/></patternFill></fill></fills>` +
	`<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
	`<border><left style="thin"><color rgb="FFA6A6A6"/></left><right style="thin"><color rgb="FFA6A6A6"/></right>` +
	`<top style="thin"><color rgb="FFA6A6A6"/></top><bottom style="thin"><color rgb="FFA6A6A6"/></bottom><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="8">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center"/></xf>` +
	`<xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="center"/></xf>` +
	`</cellXfs><cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>`

// Printing: A4 landscape, 0.25" side margins, 11-point 宋体. A column of
// width w (characters of the default font) takes w×8+5 pixels at 0.75
// point each: 宋体 11's digits are 8 pixels wide (Excel and WPS show its
// default width 8.38 as 72 pixels).
const (
	printWidth  = (11.69 - 0.5) * 72 // points across an A4 landscape page
	minScale    = 73                 // 11 pt × 73% = 8 pt
	maxText     = 20.0               // a text column wraps beyond this width
	dateWidth   = 11.0
	maxCellText = 32767 // Excel's limit on one cell
)

// PrintScale is the scale (percent) a sheet of these column widths prints
// at: the largest that fits the page width, never below minScale (a wider
// sheet prints over several pages); fits reports whether one page holds it.
func PrintScale(widths []float64) (scale int, fits bool) {
	var pt float64
	for _, w := range widths {
		pt += (w*8 + 5) * 0.75
	}
	s := int(printWidth / pt * 100)
	return min(max(s, minScale), 100), s >= minScale
}

// plainCell is a value as the sheet stores it.
type plainCell struct {
	style int
	typ   string // "s" shared string, "" number
	v     string
	text  string  // the string, for wrapping
	width float64 // display width of the value
}

func toCell(v any, sst *sharedStrings) (plainCell, bool, error) {
	str := func(s string) plainCell {
		if utf8.RuneCountInString(s) > maxCellText {
			s = string([]rune(s)[:maxCellText])
		}
		return plainCell{style: plainText, typ: "s", v: strconv.Itoa(sst.id(s)), text: s, width: lineWidth(s)}
	}
	switch x := v.(type) {
	case nil:
		return plainCell{}, false, nil
	case string:
		if x == "" {
			return plainCell{}, false, nil
		}
		return str(x), true, nil
	case bool:
		return str(model.YesNo(x)), true, nil
	case int:
		s := strconv.Itoa(x)
		return plainCell{style: plainNumber, v: s, width: displayWidth(s)}, true, nil
	case time.Time:
		if x.IsZero() {
			return plainCell{}, false, nil
		}
		return plainCell{style: plainDate, v: strconv.Itoa(sheet.Serial(x)), width: dateWidth}, true, nil
	case model.Points:
		s := strconv.FormatFloat(float64(x)/100, 'f', 2, 64)
		return plainCell{style: plainPoints, v: s, width: displayWidth(s)}, true, nil
	case *big.Rat:
		if x == nil {
			return plainCell{}, false, nil
		}
		return toCell(model.Round2(x), sst)
	case sheet.Percent:
		if x.Rat == nil {
			return plainCell{}, false, nil
		}
		r, _ := model.Round2(new(big.Rat).Mul(x.Rat, big.NewRat(100, 1))).Rat().Float64()
		s := strconv.FormatFloat(r/100, 'f', -1, 64)
		return plainCell{style: plainPercent, v: s, width: 8}, true, nil
	}
	return plainCell{}, false, fmt.Errorf("unsupported value %T", v)
}

// writePlainSheet writes one sheet's part to w and returns the bottom-right
// cell of its table for an absolute reference ("Q$12").
func writePlainSheet(w *bytes.Buffer, s sheet.PlainSheet, first bool, sst *sharedStrings) (string, error) {
	ncol := len(s.Headers)
	cells := make([][]plainCell, len(s.Rows))
	present := make([][]bool, len(s.Rows))
	content := make([]float64, ncol)
	for i, row := range s.Rows {
		if len(row) > ncol {
			return "", errors.New("row " + strconv.Itoa(i+2) + " has more values than headers")
		}
		cells[i] = make([]plainCell, len(row))
		present[i] = make([]bool, len(row))
		for c, v := range row {
			cell, ok, err := toCell(v, sst)
			if err != nil {
				return "", fmt.Errorf("%s%d: %w", model.ColumnName(c+1), i+2, err)
			}
			cells[i][c], present[i][c] = cell, ok
			content[c] = max(content[c], cell.width)
		}
	}
	widths := make([]float64, ncol)
	for c, h := range s.Headers {
		// A header wraps onto two lines before it widens a column of short
		// values; text wraps beyond maxText.
		head := min(float64(int(displayWidth(h)/2))+1, 10)
		widths[c] = min(max(content[c], head, 5), maxText)
	}
	for i := range cells {
		for c := range cells[i] {
			if cells[i][c].typ == "s" && cells[i][c].width > widths[c] {
				cells[i][c].style = plainWrap
			}
		}
	}
	lastCol := model.ColumnName(ncol)
	lastRow := len(s.Rows) + 1
	dim := fmt.Sprintf("A1:%s%d", lastCol, lastRow)
	scale, _ := PrintScale(widths)

	w.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	fmt.Fprintf(w, `<dimension ref="%s"/>`, dim)
	sel := ""
	if first {
		sel = ` tabSelected="1"`
	}
	if ncol > 1 {
		fmt.Fprintf(w, `<sheetViews><sheetView workbookViewId="0"%s><pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>`+
			`<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="B2" sqref="B2"/></sheetView></sheetViews>`, sel)
	} else {
		fmt.Fprintf(w, `<sheetViews><sheetView workbookViewId="0"%s><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>`+
			`<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`, sel)
	}
	w.WriteString(`<sheetFormatPr defaultRowHeight="15"/><cols>`)
	for c, wd := range widths {
		fmt.Fprintf(w, `<col min="%d" max="%d" width="%s" customWidth="1"/>`, c+1, c+1, strconv.FormatFloat(wd, 'f', -1, 64))
	}
	w.WriteString(`</cols><sheetData>`)
	lines := 1
	for c, h := range s.Headers {
		lines = max(lines, wrappedLines(h, widths[c]))
	}
	fmt.Fprintf(w, `<row r="1" ht="%s" customHeight="1">`, strconv.FormatFloat(rowHeight(lines), 'f', -1, 64))
	for c, h := range s.Headers {
		fmt.Fprintf(w, `<c r="%s1" s="%d" t="s"><v>%d</v></c>`, model.ColumnName(c+1), plainHeader, sst.id(h))
	}
	w.WriteString(`</row>`)
	for i, row := range cells {
		r := i + 2
		lines := 1
		for c, cell := range row {
			if cell.style == plainWrap {
				lines = max(lines, printLines(cell.text, widths[c]))
			}
		}
		if lines > 1 {
			fmt.Fprintf(w, `<row r="%d" ht="%s" customHeight="1">`, r, strconv.FormatFloat(rowHeight(lines), 'f', -1, 64))
		} else {
			fmt.Fprintf(w, `<row r="%d">`, r)
		}
		for c, cell := range row {
			if !present[i][c] {
				continue
			}
			fmt.Fprintf(w, `<c r="%s%d" s="%d"`, model.ColumnName(c+1), r, cell.style)
			if cell.typ != "" {
				fmt.Fprintf(w, ` t="%s"`, cell.typ)
			}
			fmt.Fprintf(w, `><v>%s</v></c>`, cell.v)
		}
		w.WriteString(`</row>`)
	}
	w.WriteString(`</sheetData>`)
	fmt.Fprintf(w, `<autoFilter ref="%s"/>`, dim)
	w.WriteString(`<printOptions horizontalCentered="1"/>` +
		`<pageMargins left="0.25" right="0.25" top="0.5" bottom="0.5" header="0.25" footer="0.25"/>`)
	fmt.Fprintf(w, `<pageSetup paperSize="9" scale="%d" orientation="landscape"/>`, scale)
	w.WriteString(`<headerFooter><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter></worksheet>`)
	return fmt.Sprintf("%s$%d", lastCol, lastRow), nil
}

// xmlText escapes s for XML text and attributes, and replaces what XML 1.0
// cannot hold at all (controls, U+FFFE, broken UTF-8) with U+FFFD.
func xmlText(s string) string {
	s = strings.ToValidUTF8(s, "\ufffd")
	ok := true
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if !ok {
		s = strings.Map(func(r rune) rune {
			if xmlChar(r) {
				return r
			}
			return '\ufffd'
		}, s)
	}
	return xmlEscape(s)
}

func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r == 0xfffe, r == 0xffff:
		return false
	}
	return true
}
