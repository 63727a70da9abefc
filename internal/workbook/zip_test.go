package workbook

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// saveWithRows depends on how excelize saves: through the zip writer it is
// given, a sheet without cells as an empty <sheetData>. When either stops
// being true it must fail, never write a workbook without its rows.
func TestSaveWithRowsFailsClosed(t *testing.T) {
	row := func(w io.Writer) error {
		_, err := io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>拼接</t></is></c></row>`)
		return err
	}
	save := func(t *testing.T, prepare func(f *excelize.File), rows map[string]func(io.Writer) error) ([]byte, error) {
		t.Helper()
		f := excelize.NewFile()
		defer f.Close()
		if prepare != nil {
			prepare(f)
		}
		var buf bytes.Buffer
		err := saveWithRows(f, &buf, rows)
		return buf.Bytes(), err
	}

	b, err := save(t, nil, map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": row})
	if err != nil {
		t.Fatal(err)
	}
	book, err := Read("spliced.xlsx", b)
	if err != nil || len(book.Sheets) != 1 || len(book.Sheets[0].Rows) != 1 || book.Sheets[0].Rows[0][0] != "拼接" {
		t.Fatalf("spliced workbook reads as %+v, %v", book, err)
	}

	// excelize wrote cells into the sheet: its <sheetData> is not empty.
	_, err = save(t, func(f *excelize.File) { f.SetCellStr("Sheet1", "B2", "x") },
		map[string]func(io.Writer) error{"xl/worksheets/sheet1.xml": row})
	if err == nil || !strings.Contains(err.Error(), "has cells already") {
		t.Errorf("a sheet with cells: %v, want has cells already", err)
	}
	// The part the rows are for was never written (renamed, or moved).
	_, err = save(t, nil, map[string]func(io.Writer) error{"xl/worksheets/sheet9.xml": row})
	if err == nil || !strings.Contains(err.Error(), "not written") {
		t.Errorf("rows for a part excelize does not write: %v, want not written", err)
	}
}
