package workbook

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
)

func sampleTables() []Table {
	return []Table{
		{
			Sheet: "党员名册", Title: "示例党支部党员名册",
			Columns: []*model.Column{model.RosterID, model.RosterName, model.RosterCategory, model.RosterIn, model.RosterExempt, model.RosterIDCard},
			Rows: [][]any{
				{"001", "张三", "正式党员", model.NewDate(2025, 7, 15), false, "110101199001011234"},
				{"D002", "李四喆", "预备党员", nil, true},
			},
		},
		{
			Sheet:   "日常登记",
			Columns: []*model.Column{model.EntryDate, model.EntryID, model.EntryItem, model.EntryCount, model.EntryPoints, model.EntryReason},
			Rows: [][]any{
				{model.NewDate(2026, 3, 5), "001", "B01", 2, model.Points(125), "参加党员大会"},
			},
			Choices: map[*model.Column][]string{model.EntryItem: {"B01", "B02"}},
		},
	}
}

func openBook(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteBookRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "名册.xlsx")
	if err := WriteBook(path, sampleTables()); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := openBook(t, b)

	if got, want := strings.Join(f.GetSheetList(), ","), "党员名册,日常登记,选项"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	if vis, _ := f.GetSheetVisible("选项"); vis {
		t.Error("选项 sheet is visible")
	}
	raw := excelize.Options{RawCellValue: true}
	cells := []struct{ sheet, cell, want string }{
		{"党员名册", "A1", "示例党支部党员名册"},
		{"党员名册", "A2", "编号"},
		{"党员名册", "F2", "身份证号"},
		{"党员名册", "A3", "001"}, // text, leading zeros kept
		{"党员名册", "B4", "李四喆"},
		{"党员名册", "D3", "45853"}, // 2025-07-15 as a serial
		{"党员名册", "E3", "否"},
		{"党员名册", "E4", "是"},
		{"党员名册", "F3", "110101199001011234"},
		{"日常登记", "A2", "46086"}, // 2026-03-05
		{"日常登记", "D2", "2"},
		{"日常登记", "E2", "1.25"},
	}
	for _, c := range cells {
		got, err := f.GetCellValue(c.sheet, c.cell, raw)
		if err != nil || got != c.want {
			t.Errorf("%s!%s = %q (%v), want %q", c.sheet, c.cell, got, err, c.want)
		}
	}
	// Formatted, the date shows as yyyy-mm-dd: it is a real date, not text.
	if got, _ := f.GetCellValue("党员名册", "D3"); got != "2025-07-15" {
		t.Errorf("formatted date = %q, want 2025-07-15", got)
	}
	if typ, _ := f.GetCellType("党员名册", "A3"); typ != excelize.CellTypeSharedString {
		t.Errorf("编号 cell type = %v, want shared string", typ)
	}
	if got, _ := f.GetCellFormula("日常登记", "E2"); got != "" {
		t.Errorf("formula %q written, want a value", got)
	}
	// The ID column is formatted as text ('@') even below the data.
	for _, cell := range []string{"A3", "A100"} {
		id, _ := f.GetCellStyle("党员名册", cell)
		st, _ := f.GetStyle(id)
		if st.CustomNumFmt == nil || *st.CustomNumFmt != "@" {
			t.Errorf("党员名册!%s number format = %v, want @", cell, st.CustomNumFmt)
		}
	}
	merged, _ := f.GetMergeCells("党员名册")
	if len(merged) != 1 || merged[0].GetStartAxis() != "A1" || merged[0].GetEndAxis() != "F1" {
		t.Errorf("merged = %v, want A1:F1", merged)
	}
	panes, _ := f.GetPanes("党员名册")
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes = %+v, want frozen below row 2", panes)
	}
	panes, _ = f.GetPanes("日常登记")
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("日常登记 panes = %+v, want frozen below row 1", panes)
	}

	dvs, _ := f.GetDataValidations("党员名册")
	var list, date bool
	for _, dv := range dvs {
		if strings.HasPrefix(dv.Sqref, "C3:") && dv.Type == "list" && strings.HasPrefix(dv.Formula1, "'选项'!$") {
			list = true
		}
		if strings.HasPrefix(dv.Sqref, "D3:") && dv.Type == "date" {
			date = true
		}
	}
	if !list || !date {
		t.Errorf("validations on 党员名册: list %v date %v; got %+v", list, date, dvs)
	}
	opts, _ := f.GetRows("选项")
	var found bool
	for _, r := range opts {
		if len(r) > 0 && r[0] == "正式党员" || len(r) > 1 && r[1] == "正式党员" {
			found = true
		}
	}
	if !found {
		t.Errorf("选项 sheet lacks the 类别 list: %v", opts)
	}
	if w, _ := f.GetColWidth("党员名册", "F"); w != 20 {
		t.Errorf("身份证号 width = %v, want 20 (18 digits + 2)", w)
	}
}

func TestWriteBookRefusesOverwrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.xlsx")
	if err := os.WriteFile(path, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WriteBook(path, sampleTables())
	if !errors.Is(err, errOverwrite) {
		t.Fatalf("WriteBook over an existing file: %v, want errOverwrite", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "keep" {
		t.Errorf("existing file changed to %d bytes", len(b))
	}
}

func TestWriteBookDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := writeBookTo(&a, sampleTables()); err != nil {
		t.Fatal(err)
	}
	if err := writeBookTo(&b, sampleTables()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same tables differ")
	}
}

func TestWriteBookRejects(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tables []Table
		want   string
	}{
		{"none", nil, "no sheet to write"},
		{"dup", []Table{{Sheet: "A", Columns: []*model.Column{{Header: "x"}}}, {Sheet: "A", Columns: []*model.Column{{Header: "x"}}}}, `invalid or duplicate sheet name "A"`},
		{"float", []Table{{Sheet: "A", Columns: []*model.Column{{Header: "x"}}, Rows: [][]any{{1.5}}}}, "sheet A: A2: unsupported value float64"},
		{"wide", []Table{{Sheet: "A", Columns: []*model.Column{{Header: "x"}}, Rows: [][]any{{1, 2}}}}, "sheet A: row 1 has 2 values for 1 headers"},
	} {
		err := writeBookTo(&bytes.Buffer{}, tc.tables)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%s: err = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// writeBookTo is WriteBook into memory, so tests compare bytes without files.
func writeBookTo(w io.Writer, tables []Table) error {
	f, err := buildBook(tables)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Write(w)
}
