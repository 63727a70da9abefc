package workbook

// Writing workbooks people will fill in by hand: the templates and the
// demo register, each sheet's columns as model declares them (Table.Columns:
// format, dropdown, prompt, width). Everything here follows PITFALLS §2:
// values (never formulas), ID columns formatted as text so leading zeros
// survive, real dates with a yyyy-mm-dd format and a date validation,
// dropdowns referenced from a hidden options sheet (a literal list breaks
// past 255 characters), input prompts instead of comments, a frozen header.

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
)

// Table is one sheet to write.
type Table struct {
	Sheet string // sheet name; its prefix decides the kind when read back (SPEC §2)
	Title string // optional title row above the header, merged across the columns
	// Columns are the sheet's columns, left to right: a kind's
	// model.Schema.Template(), or columns of a sheet of jifen's own. Each
	// brings its header, format, dropdown, prompt and minimum width.
	Columns []*model.Column
	// Rows hold string, int, model.Points, *big.Rat (rounded to 2 decimals),
	// time.Time (a date; zero = blank), bool (是/否) or nil (blank).
	Rows [][]any
	// Choices gives a column a dropdown of this sheet's own (党小组 names
	// the branch uses, the rubric's codes) in place of the column's
	// model.Column.Options; an empty list removes the column's.
	Choices map[*model.Column][]string
	// CellChoices adds a dropdown to single cells, e.g. "B11" of a 设置 sheet.
	CellChoices map[string][]string
	// InputRows is how many rows below the header get the column formats and
	// validations; 0 means the data rows plus 300 blank rows for input
	// (for a Grid: plus 20).
	InputRows int
	// Grid, when set, lays the sheet out as a 签到表 (grid.go).
	Grid *Grid
	// Lists names columns whose entries other sheets choose from: column →
	// defined name. The name covers the column's filled rows and grows as
	// rows are added (Excel, WPS and LibreOffice evaluate it when the
	// dropdown opens), so a member added to the roster is offered at once.
	Lists map[*model.Column]string
	// ListChoices gives columns a dropdown from a defined name of Lists
	// (column → name); it must be in the same workbook, because no office
	// program lets a validation refer to another file.
	ListChoices map[*model.Column]string
	// Helper marks a sheet of jifen's own (the templates' 说明): the reader
	// skips it without a word, as it does the hidden 选项 sheet.
	Helper bool
}

// HelperName is the sheet-scoped defined name that marks a helper sheet.
// A name, unlike a cell or a sheet name, is invisible to the user and
// survives saving in Excel, WPS and LibreOffice.
const HelperName = "jifen_helper"

// listRows bounds a growing list's COUNTA: far beyond any branch's roster.
const listRows = 5000

// optionsSheet holds the dropdown lists; hidden and protected (no password),
// so the lists cannot be edited by accident.
const optionsSheet = "选项"

// wraps reports whether the template wraps a column's text (and lets the
// column grow to maxColWidth past its minimum). The 设置's 值 holds one
// value of any type per row: it wraps so that a long 异议受理 stays
// readable, though rows are grown for the 说明 beside it, not for it.
func wraps(c *model.Column) bool { return c.Wrap || c == model.SettingValue }

// WriteBook writes tables as a new workbook at path. It refuses to overwrite
// an existing file, and leaves no partial file behind on failure.
func WriteBook(path string, tables []Table) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s: %w", path, errOverwrite)
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	f, err := buildBook(tables)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return fmt.Errorf("%s: %w", path, errOverwrite)
		}
		return err
	}
	if err := f.Write(out); err != nil {
		out.Close()
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// bookWriter carries the per-workbook state: styles and the options sheet.
type bookWriter struct {
	f        *excelize.File
	st       styles
	lists    map[string]string // joined list → absolute range on the options sheet
	optLists [][]string
}

func buildBook(tables []Table) (*excelize.File, error) {
	if len(tables) == 0 {
		return nil, errors.New("no sheet to write")
	}
	f, err := newFile()
	if err != nil {
		return nil, err
	}
	bw := &bookWriter{f: f, lists: map[string]string{}}
	if bw.st, err = newStyles(f); err != nil {
		f.Close()
		return nil, err
	}
	seen := map[string]bool{}
	for i, t := range tables {
		if t.Sheet == "" || seen[t.Sheet] || t.Sheet == optionsSheet {
			f.Close()
			return nil, fmt.Errorf("invalid or duplicate sheet name %q", t.Sheet)
		}
		seen[t.Sheet] = true
		if i == 0 {
			err = f.SetSheetName("Sheet1", t.Sheet)
		} else {
			_, err = f.NewSheet(t.Sheet)
		}
		if err == nil && t.Grid != nil {
			err = bw.writeGrid(t)
		} else if err == nil {
			err = bw.writeTable(t)
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("sheet %s: %w", t.Sheet, err)
		}
	}
	if err := bw.writeOptions(); err != nil {
		f.Close()
		return nil, err
	}
	f.SetActiveSheet(0)
	return f, nil
}

// listRange assigns a dropdown list a column of the options sheet (once per
// workbook) and returns its absolute, quoted reference. The sheet itself is
// written last so it comes after the user's sheets.
func (bw *bookWriter) listRange(items []string) string {
	key := strings.Join(items, "\x00")
	if r, ok := bw.lists[key]; ok {
		return r
	}
	bw.optLists = append(bw.optLists, items)
	col := model.ColumnName(len(bw.optLists))
	r := fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionsSheet, col, col, len(items))
	bw.lists[key] = r
	return r
}

// writeOptions writes the lists onto a hidden sheet, protected without a
// password so they are not edited by accident.
func (bw *bookWriter) writeOptions() error {
	if len(bw.optLists) == 0 {
		return nil
	}
	f := bw.f
	if _, err := f.NewSheet(optionsSheet); err != nil {
		return err
	}
	for c, items := range bw.optLists {
		col := model.ColumnName(c + 1)
		for i, it := range items {
			if err := f.SetCellStr(optionsSheet, fmt.Sprintf("%s%d", col, i+1), it); err != nil {
				return err
			}
		}
	}
	if err := f.SetSheetVisible(optionsSheet, false); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: HelperName, Scope: optionsSheet,
		RefersTo: fmt.Sprintf("'%s'!$A$1", optionsSheet)}); err != nil {
		return err
	}
	return f.ProtectSheet(optionsSheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true,
	})
}

func (bw *bookWriter) writeTable(t Table) error {
	f, sh := bw.f, t.Sheet
	headerRow := 1
	ncol := len(t.Columns)
	if ncol == 0 {
		return errors.New("no headers")
	}
	last := model.ColumnName(ncol)
	if t.Title != "" {
		headerRow = 2
		if err := f.SetCellStr(sh, "A1", t.Title); err != nil {
			return err
		}
		if ncol > 1 {
			if err := f.MergeCell(sh, "A1", last+"1"); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, "A1", last+"1", bw.st.title); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, 1, 30); err != nil {
			return err
		}
	}
	inputRows := t.InputRows
	if inputRows <= 0 {
		inputRows = len(t.Rows) + 300
	}
	firstData, lastData := headerRow+1, headerRow+inputRows

	widths := make([]float64, ncol)
	least := make([]float64, ncol)
	headers := make([]string, ncol)
	for c, mc := range t.Columns {
		headers[c] = mc.Header
		col := model.ColumnName(c + 1)
		least[c] = max(displayWidth(mc.Header), mc.MinWidth())
		widths[c] = least[c]
		// Column formats first, so blank input cells are text/date already.
		style := bw.st.number
		switch {
		case mc.Type == model.CellDate:
			style = bw.st.date
		case mc.Type == model.CellCode:
			style = bw.st.text
		case wraps(mc):
			style = bw.st.wrap
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col, firstData), fmt.Sprintf("%s%d", col, lastData), style); err != nil {
			return err
		}
		if err := bw.validate(t, mc, fmt.Sprintf("%s%d:%s%d", col, firstData, col, lastData)); err != nil {
			return err
		}
	}
	if err := f.SetSheetRow(sh, fmt.Sprintf("A%d", headerRow), &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("A%d", headerRow), fmt.Sprintf("%s%d", last, headerRow), bw.st.header); err != nil {
		return err
	}
	for i, row := range t.Rows {
		r := firstData + i
		if len(row) > ncol {
			return fmt.Errorf("row %d has %d values for %d headers", i+1, len(row), ncol)
		}
		for c, v := range row {
			cell := fmt.Sprintf("%s%d", model.ColumnName(c+1), r)
			w, err := bw.setValue(sh, cell, v)
			if err != nil {
				return fmt.Errorf("%s: %w", cell, err)
			}
			widths[c] = max(widths[c], w)
		}
	}
	for c, w := range widths {
		col := model.ColumnName(c + 1)
		limit := maxInputWidth
		if wraps(t.Columns[c]) {
			// Wrapped text grows downwards past its own minimum width.
			limit = max(least[c], maxColWidth)
		}
		widths[c] = min(max(w, minColWidth), limit)
		if err := f.SetColWidth(sh, col, col, widths[c]); err != nil {
			return err
		}
	}
	// In header order, as the names have always been defined: their order
	// is part of the file's bytes.
	lists := slices.SortedFunc(maps.Keys(t.Lists), func(a, b *model.Column) int { return strings.Compare(a.Header, b.Header) })
	for _, mc := range lists {
		c := slices.Index(t.Columns, mc)
		if c < 0 {
			return fmt.Errorf("list %s: no column %s", t.Lists[mc], mc.Header)
		}
		if err := bw.growingList(sh, t.Lists[mc], model.ColumnName(c+1), firstData); err != nil {
			return err
		}
	}
	if err := bw.pageSetup(sh, headerRow, widths); err != nil {
		return err
	}
	if t.Helper {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: HelperName, Scope: sh,
			RefersTo: fmt.Sprintf("'%s'!$A$1", sh)}); err != nil {
			return err
		}
	}
	for i, row := range t.Rows {
		if err := fitRow(f, sh, firstData+i, row, t.Columns, widths); err != nil {
			return err
		}
	}
	for _, cell := range sortedKeys(t.CellChoices) {
		if err := bw.dropdown(sh, cell, t.CellChoices[cell], "", ""); err != nil {
			return err
		}
	}
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: headerRow,
		TopLeftCell: fmt.Sprintf("A%d", headerRow+1), ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: fmt.Sprintf("A%d", headerRow+1), ActiveCell: fmt.Sprintf("A%d", headerRow+1), Pane: "bottomLeft"}}})
}

// pageSetup makes a printed sheet readable: A4, landscape when the
// columns are wide, every column on one page width (as many pages down as
// needed), and the title and header rows repeated on every page.
func (bw *bookWriter) pageSetup(sh string, headerRow int, widths []float64) error {
	var total float64
	for _, w := range widths {
		total += w
	}
	orient := "portrait"
	if total > 95 { // about what fits across A4 portrait at 100 %
		orient = "landscape"
	}
	a4, one, tall := 9, 1, 0
	if err := bw.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	fit := true
	if err := bw.f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return bw.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", sh, headerRow)})
}

// growingList defines name as the filled cells of a column from row
// first down: OFFSET and COUNTA, which Excel, WPS and LibreOffice all
// evaluate whenever a dropdown using the name opens.
func (bw *bookWriter) growingList(sheet, name, col string, first int) error {
	top := fmt.Sprintf("'%s'!$%s$%d", sheet, col, first)
	all := fmt.Sprintf("%s:$%s$%d", top, col, first+listRows-1)
	return bw.f.SetDefinedName(&excelize.DefinedName{Name: name,
		RefersTo: fmt.Sprintf("OFFSET(%s,0,0,MAX(1,COUNTA(%s)),1)", top, all)})
}

// validate adds the column's dropdown or date validation and its prompt.
func (bw *bookWriter) validate(t Table, mc *model.Column, sqref string) error {
	h, prompt := mc.Header, mc.Prompt
	if name, ok := t.ListChoices[mc]; ok {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetSqrefDropList(name)
		// A warning, not a stop: a name typed before the roster row exists
		// must not be thrown away; jifen check reports what is unknown.
		dv.SetError(excelize.DataValidationErrorStyleWarning, "不在列表中", "该值不在下拉列表中，请核对。")
		if prompt != "" {
			dv.SetInput(h, prompt)
		}
		return bw.f.AddDataValidation(t.Sheet, dv)
	}
	list, ok := t.Choices[mc]
	if !ok {
		list = mc.Options()
	}
	switch {
	case len(list) > 0:
		return bw.dropdown(t.Sheet, sqref, list, h, prompt)
	case mc.Type == model.CellDate:
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		if err := dv.SetRange("DATE(1921,7,1)", "DATE(2100,12,31)", excelize.DataValidationTypeDate,
			excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "日期格式不正确", "请输入日期，如 2026-03-05。")
		if prompt != "" {
			dv.SetInput(h, prompt)
		}
		return bw.f.AddDataValidation(t.Sheet, dv)
	case prompt != "":
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetInput(h, prompt)
		return bw.f.AddDataValidation(t.Sheet, dv)
	}
	return nil
}

func (bw *bookWriter) dropdown(sheet, sqref string, list []string, title, prompt string) error {
	ref := bw.listRange(list)
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	dv.SetSqrefDropList(ref)
	// A warning, not a stop: the reader accepts synonyms (Y/N, √/×, Q1 …).
	dv.SetError(excelize.DataValidationErrorStyleWarning, "请从下拉列表中选择", "可选："+strings.Join(list, "、"))
	if prompt != "" {
		dv.SetInput(title, prompt)
	}
	return bw.f.AddDataValidation(sheet, dv)
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// fitRow sets the height of a row whose wrapped text needs more than one
// line: neither Excel nor WPS auto-fits row heights when opening a file, so
// without it long 说明/事由 text overlaps the next row. The height stops at
// Excel's limit of 409 points (beyond it excelize refuses the whole file);
// Excel shows the rest of the text when the cell is opened.
func fitRow(f *excelize.File, sh string, r int, row []any, cols []*model.Column, widths []float64) error {
	lines := 1
	for c, v := range row {
		if s, ok := v.(string); ok && c < len(cols) && cols[c].Wrap {
			lines = max(lines, wrappedLines(s, widths[c]))
		}
	}
	if lines == 1 {
		return nil
	}
	return f.SetRowHeight(sh, r, rowHeight(lines))
}
