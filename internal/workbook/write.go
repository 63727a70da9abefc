package workbook

// Writing workbooks people will fill in by hand: the templates and the
// demo register, each sheet's columns as model declares them (Table.Columns:
// format, dropdown, prompt, width). Everything here follows PITFALLS §2:
// values (never formulas) in every cell a reader reads, ID columns
// formatted as text so leading zeros survive, real dates with a yyyy-mm-dd
// format and a date validation, dropdowns referenced from a hidden options
// sheet (a literal list breaks past 255 characters), input prompts instead
// of comments, a frozen header. The one place formulas go is that options
// sheet, which no reader reads: the lists that follow the roster and the
// rubric (List), computed when the file is opened (fullCalcOnLoad, since
// excelize stores no results).

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
	// InputRows is how many rows below the header get the validations;
	// 0 means inputRows, or the data rows plus 300 blank rows for input
	// when they are more. The column formats cover the whole column.
	InputRows int
	// Grid, when set, lays the sheet out as a 签到表 (grid.go).
	Grid *Grid
	// Lists are dropdown lists other sheets choose from, made of this
	// sheet's rows (the roster's members, the rubric's items).
	Lists []List
	// ListChoices gives columns a dropdown from a List's defined name
	// (column → name); it must be in the same workbook, because no office
	// program lets a validation refer to another file.
	ListChoices map[*model.Column]string
	// Helper marks a sheet of jifen's own (the templates' 说明): the reader
	// skips it without a word, as it does the hidden 选项 sheet.
	Helper bool
}

// List is a dropdown list defined by the rows of one sheet, under a
// workbook-wide name. It follows the rows as they are added, changed or
// removed: Excel, WPS and LibreOffice evaluate the name whenever a
// dropdown using it opens, so a member added to the roster is offered at
// once.
type List struct {
	Name string        // the defined name ListChoices refer to
	Key  *model.Column // what is offered: 编号, 编码
	// Label, when set, follows the key after a space, so that a name is
	// chosen rather than a code: 「D001 张三」, 「B01 参加支部党员大会」
	// (load reads both forms).
	Label *model.Column
	// Where and In, when set, keep only the rows whose Where cell begins
	// with one of In: the rubric's 基础 and 奖励 items (基础项 and 奖励分
	// too, which the reader also takes).
	Where *model.Column
	In    []string
	// Rows bounds the rows followed below the header (0 = listRows).
	Rows int
}

// HelperName is the sheet-scoped defined name that marks a helper sheet.
// A name, unlike a cell or a sheet name, is invisible to the user and
// survives saving in Excel, WPS and LibreOffice.
const HelperName = "jifen_helper"

// listRows bounds a growing list's COUNTA: far beyond any branch's roster.
const listRows = 5000

// inputRows is how many rows below a header get the column formats and
// validations when a Table does not say: rows a committee may fill by hand
// in a year (LibreOffice 7.4 keeps, when it saves, only those up to about
// 1,000 rows past the last filled one).
const inputRows = 5000

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
	f     *excelize.File
	st    styles
	lists map[string]string // joined list → absolute range on the options sheet
	opt   []optColumn       // the options sheet's columns, A first
}

// optColumn is one column of the options sheet: a fixed list (items), or
// a head in row 1 over a formula shared by rows 2 to rows+1.
type optColumn struct {
	items   []string
	head    string
	formula string
	rows    int
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
	col := bw.optColumn(optColumn{items: items})
	r := fmt.Sprintf("'%s'!$%s$1:$%s$%d", optionsSheet, col, col, len(items))
	bw.lists[key] = r
	return r
}

// optColumn gives c the next column of the options sheet and returns its
// letters.
func (bw *bookWriter) optColumn(c optColumn) string {
	bw.opt = append(bw.opt, c)
	return model.ColumnName(len(bw.opt))
}

// writeOptions writes the lists onto a hidden sheet, protected without a
// password so they are not edited by accident.
func (bw *bookWriter) writeOptions() error {
	if len(bw.opt) == 0 {
		return nil
	}
	f := bw.f
	if _, err := f.NewSheet(optionsSheet); err != nil {
		return err
	}
	shared := excelize.STCellFormulaTypeShared
	formulas := false
	for c, oc := range bw.opt {
		col := model.ColumnName(c + 1)
		for i, it := range oc.items {
			if err := f.SetCellStr(optionsSheet, fmt.Sprintf("%s%d", col, i+1), it); err != nil {
				return err
			}
		}
		if oc.formula == "" {
			continue
		}
		formulas = true
		if err := f.SetCellStr(optionsSheet, col+"1", oc.head); err != nil {
			return err
		}
		ref := fmt.Sprintf("%s2:%s%d", col, col, oc.rows+1)
		if err := f.SetCellFormula(optionsSheet, col+"2", oc.formula,
			excelize.FormulaOpts{Type: &shared, Ref: &ref}); err != nil {
			return err
		}
	}
	if formulas {
		// excelize stores no result with a formula (PITFALLS §2): ask
		// every program to compute the lists when it opens the file.
		// LibreOffice computes a formula without a result anyway.
		yes := true
		if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}); err != nil {
			return err
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
	firstData, lastData := headerRow+1, headerRow+t.inputRows()

	widths := make([]float64, ncol)
	least := make([]float64, ncol)
	headers := make([]string, ncol)
	for c, mc := range t.Columns {
		headers[c] = mc.Header
		col := model.ColumnName(c + 1)
		least[c] = max(displayWidth(mc.Header), mc.MinWidth())
		widths[c] = least[c]
		// Column formats first, so blank input cells are text/date already;
		// as the column's style, not each cell's, so that no empty cell is
		// written and the printed range ends where the filled rows end.
		style := bw.st.number
		switch {
		case mc.Type == model.CellDate:
			style = bw.st.date
		case mc.Type == model.CellCode:
			style = bw.st.text
		case wraps(mc):
			style = bw.st.wrap
		}
		if err := f.SetColStyle(sh, col, style); err != nil {
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
	for _, l := range t.Lists {
		if err := bw.defineList(t, l, firstData); err != nil {
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

// formulaString is s as a string constant in a formula.
func formulaString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// inputRows is how many rows below the header get validations.
func (t Table) inputRows() int {
	if t.InputRows > 0 {
		return t.InputRows
	}
	return max(inputRows, len(t.Rows)+300)
}

// defineList defines l over t's rows from row first down. The list is
// computed on the options sheet by three columns of formulas that work
// alike in Excel, WPS and LibreOffice (no array formulas, no FILTER), each
// shared by the column's rows (row r+1 follows the sheet's r-th row):
//
//	n: N(n above) + 1 when the row counts (key filled, Where in In), else + 0
//	p: the k-th counting row, MATCH(k, n, 0), for k = 1 … n's last value
//	v: key & " " & label of that row
//
// and the name is v's first n rows (OFFSET, evaluated whenever a dropdown
// using the name opens). Blank and other rows anywhere in the sheet are
// skipped, in whatever order the rows come. p costs a MATCH only for the
// rows the list has, so a roster of 40 costs 40 short searches, not 5,000.
func (bw *bookWriter) defineList(t Table, l List, first int) error {
	colOf := func(c *model.Column) (string, error) {
		i := slices.Index(t.Columns, c)
		if i < 0 {
			return "", fmt.Errorf("list %s: no column %s", l.Name, c.Header)
		}
		return model.ColumnName(i + 1), nil
	}
	key, err := colOf(l.Key)
	if err != nil {
		return err
	}
	rows := l.Rows
	if rows <= 0 {
		rows = listRows
	}
	last := first + rows - 1
	abs := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", t.Sheet, col, first, col, last) }
	// Relative to the row: each helper row r+1 follows sheet row first+r-1.
	rel := func(col string) string { return fmt.Sprintf("'%s'!$%s%d", t.Sheet, col, first) }
	counts := fmt.Sprintf("%s<>\"\"", rel(key))
	if l.Where != nil {
		where, err := colOf(l.Where)
		if err != nil {
			return err
		}
		var alts []string
		for _, v := range l.In {
			alts = append(alts, fmt.Sprintf("LEFT(TRIM(%s),%d)=%s", rel(where), len([]rune(v)), formulaString(v)))
		}
		counts = fmt.Sprintf("AND(%s,OR(%s))", counts, strings.Join(alts, ","))
	}
	n := model.ColumnName(len(bw.opt) + 1)
	nLast := fmt.Sprintf("'%s'!$%s$%d", optionsSheet, n, rows+1)
	bw.optColumn(optColumn{head: l.Name + "（计数）", rows: rows,
		formula: fmt.Sprintf("N(%s1)+IF(%s,1,0)", n, counts)})
	p := bw.optColumn(optColumn{head: l.Name + "（行）", rows: rows,
		formula: fmt.Sprintf("IF(ROW()-1>%s,0,MATCH(ROW()-1,$%s$2:$%s$%d,0))", nLast, n, n, rows+1)})
	value := fmt.Sprintf("INDEX(%s,%s2)&\"\"", abs(key), p)
	if l.Label != nil {
		label, err := colOf(l.Label)
		if err != nil {
			return err
		}
		lv := fmt.Sprintf("INDEX(%s,%s2)", abs(label), p)
		value = fmt.Sprintf("INDEX(%s,%s2)&IF(%s=\"\",\"\",\" \"&%s)", abs(key), p, lv, lv)
	}
	v := bw.optColumn(optColumn{head: l.Name, rows: rows,
		formula: fmt.Sprintf("IF(%s2=0,\"\",%s)", p, value)})
	return bw.f.SetDefinedName(&excelize.DefinedName{Name: l.Name,
		RefersTo: fmt.Sprintf("OFFSET('%s'!$%s$2,0,0,MAX(1,%s),1)", optionsSheet, v, nLast)})
}

// validate adds the column's dropdown or date validation and its prompt.
func (bw *bookWriter) validate(t Table, mc *model.Column, sqref string) error {
	h, prompt := mc.Header, mc.Prompt
	if name, ok := t.ListChoices[mc]; ok {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetSqrefDropList(name)
		// No alert at all: a code typed bare (B01, not 「B01 参加支部党员
		// 大会」) or before its roster row exists is meant; jifen check
		// reports what is unknown when the file is saved.
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
