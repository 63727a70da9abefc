package workbook

import (
	"errors"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Grid lays a Table out as a 签到表 (SPEC §2.11): the title, the 活动日期
// and 项目编码 label rows, the header (Table.Columns: the member block,
// model.KindGrid's columns 序号 编号 姓名 党小组), one column per activity,
// a 备注 column, and one row per member (Table.Rows hold the member
// cells). Activities may be given (the demo) or left blank for the
// committee to fill (Blank more). The labels, prompts, marks and widths of
// the parts are model's (GridDate, GridItem, GridActivity, GridMark,
// GridNote); the dropdowns of the member block and of the 项目编码 row are
// the Table's (ListChoices or Choices of model.GridID, GridName, GridItem).
//
// It prints as the paper sign-in sheet it replaces: A4 landscape, one page
// wide, the title, labels and header repeated on every page, the member
// rows ruled and numbered, about 45 rows to a page.
type Grid struct {
	Activities []GridActivity
	Blank      int        // blank activity columns after the given ones
	Marks      [][]string // per member row, one mark per given activity ("" = blank)
	Notes      []string   // per member row, the 备注 cell (never read back)
	// Ruled is how many member rows are ruled and numbered (序号) for
	// print: the members given and room for newcomers; at least
	// len(Table.Rows). Rows typed below them print too, unruled.
	Ruled int
}

// GridActivity is one filled activity column.
type GridActivity struct {
	Name string
	Date time.Time
	Item string
}

// The grid's print geometry (points): a member row, and the rows above
// the members. With the widths of model's columns a quarter of 12
// activities scales to about 80 % across A4 landscape, which leaves room
// for the header rows and about 45 member rows.
const (
	gridRowHeight    = 16.0
	gridTitleHeight  = 26.0
	gridLabelHeight  = 16.0
	gridItemHeight   = 34.0 // 「B01 参加支部党员大会」 in three lines
	gridHeaderHeight = 40.0 // an activity's name in three lines
)

// gridStyles are the 签到表's own cell styles: ruled, and small where a
// narrow column holds a date, an item or a name.
type gridStyles struct {
	label, date, item, head     int // the rows above the members
	seq, code, text, mark, note int // ruled member rows
	markCol, codeCol, seqCol    int // the columns' styles below the ruled rows
}

func (bw *bookWriter) newGridStyles() (gridStyles, error) {
	var gs gridStyles
	var err error
	line := func() []excelize.Border {
		return []excelize.Border{{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
			{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1}}
	}
	font := func(size float64, bold bool) *excelize.Font {
		return &excelize.Font{Family: "宋体", Size: size, Bold: bold}
	}
	fill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}
	mid := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	left := &excelize.Alignment{Vertical: "center"}
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = bw.f.NewStyle(st)
		return id
	}
	gs.label = mk(&excelize.Style{Font: font(10, true), Border: line(), Fill: fill, Alignment: mid})
	gs.head = mk(&excelize.Style{Font: font(10, true), Border: line(), Fill: fill, Alignment: mid})
	gs.date = mk(&excelize.Style{Font: font(9, false), Border: line(), CustomNumFmt: strPtr(dateNumFmt), Alignment: mid})
	gs.item = mk(&excelize.Style{Font: font(9, false), Border: line(), CustomNumFmt: strPtr("@"), Alignment: mid})
	gs.seq = mk(&excelize.Style{Font: font(10, false), Border: line(), Alignment: mid})
	gs.code = mk(&excelize.Style{Font: font(10, false), Border: line(), CustomNumFmt: strPtr("@"), Alignment: left})
	gs.text = mk(&excelize.Style{Font: font(10, false), Border: line(), Alignment: left})
	// A long 备注 shrinks into its cell rather than running off the page.
	gs.note = mk(&excelize.Style{Font: font(10, false), Border: line(), Alignment: &excelize.Alignment{Vertical: "center", ShrinkToFit: true}})
	gs.mark = mk(&excelize.Style{Font: font(11, false), Border: line(), Alignment: mid})
	gs.markCol = mk(&excelize.Style{Font: font(11, false), Alignment: mid})
	gs.codeCol = mk(&excelize.Style{Font: font(10, false), CustomNumFmt: strPtr("@"), Alignment: left})
	gs.seqCol = mk(&excelize.Style{Font: font(10, false), Alignment: mid})
	return gs, err
}

// writeGrid writes t.Grid on sheet t.Sheet.
func (bw *bookWriter) writeGrid(t Table) error {
	f, sh, g := bw.f, t.Sheet, t.Grid
	nm := len(t.Columns)
	if nm == 0 {
		return errors.New("no member headers")
	}
	nact := len(g.Activities) + g.Blank
	if nact == 0 {
		return errors.New("no activity columns")
	}
	gs, err := bw.newGridStyles()
	if err != nil {
		return err
	}
	l := gridLayout{nm: nm, firstAct: nm + 1, lastAct: nm + nact, noteCol: nm + nact + 1}
	col := model.ColumnName
	l.dateRow, l.itemRow, l.headerRow = 2, 3, 4
	if t.Title == "" {
		l.dateRow, l.itemRow, l.headerRow = 1, 2, 3
	}
	l.firstData = l.headerRow + 1
	l.lastRuled = l.headerRow + max(g.Ruled, len(t.Rows))
	l.lastData = l.headerRow + t.inputRows()
	// Column styles first: every later cell style overrides them.
	if err := bw.gridColumns(t, l, gs); err != nil {
		return err
	}
	if t.Title != "" {
		if err := f.SetCellStr(sh, "A1", t.Title); err != nil {
			return err
		}
		if err := f.MergeCell(sh, "A1", fmt.Sprintf("%s1", col(l.noteCol))); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, "A1", fmt.Sprintf("%s1", col(l.noteCol)), bw.st.title); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, 1, gridTitleHeight); err != nil {
			return err
		}
	}
	if err := bw.gridLabels(t, l, gs); err != nil {
		return err
	}
	if err := bw.gridHeader(t, l, gs); err != nil {
		return err
	}
	if err := bw.gridMembers(t, l, gs); err != nil {
		return err
	}
	if err := bw.gridPrint(sh, l); err != nil {
		return err
	}
	top := fmt.Sprintf("%s%d", col(l.firstAct), l.firstData)
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: nm, YSplit: l.headerRow,
		TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}})
}

// gridLayout is where a 签到表's parts go (1-based columns and rows).
type gridLayout struct {
	nm                          int // member columns
	firstAct, lastAct, noteCol  int
	dateRow, itemRow, headerRow int
	firstData, lastRuled        int // the ruled member rows
	lastData                    int // the last row with validations
}

// actRange is the activity columns of rows r1 to r2 as a range.
func (l gridLayout) actRange(r1, r2 int) string {
	col := model.ColumnName
	return fmt.Sprintf("%s%d:%s%d", col(l.firstAct), r1, col(l.lastAct), r2)
}

// cell names column c, row r.
func cell(c, r int) string { return fmt.Sprintf("%s%d", model.ColumnName(c), r) }

// gridColumns sets the widths and the column styles (what a cell typed
// below the ruled rows looks like): member columns by content and kind,
// activity columns narrow and centred, so that a quarter prints across one
// landscape page.
func (bw *bookWriter) gridColumns(t Table, l gridLayout, gs gridStyles) error {
	f, sh, col := bw.f, t.Sheet, model.ColumnName
	for c, mc := range t.Columns {
		w := displayWidth(mc.Header)
		for _, row := range t.Rows {
			if c < len(row) {
				if s, ok := row[c].(string); ok {
					w = max(w, displayWidth(s))
				}
			}
		}
		style := bw.st.number
		switch {
		case mc.Ref == model.RefMemberName:
			w = max(w, 9) // a three-character name, typed into a blank sheet
		case mc.Ref == model.RefMemberID:
			w = max(w, 8)
			style = gs.codeCol
		case mc == model.GridSeq:
			w = 5
			style = gs.seqCol
		case mc.Type == model.CellCode:
			style = gs.codeCol
		default:
			w = max(w, minColWidth)
		}
		if err := f.SetColWidth(sh, col(c+1), col(c+1), min(w, maxColWidth)); err != nil {
			return err
		}
		if err := f.SetColStyle(sh, col(c+1), style); err != nil {
			return err
		}
	}
	acts := col(l.firstAct) + ":" + col(l.lastAct)
	if err := f.SetColWidth(sh, col(l.firstAct), col(l.lastAct), model.GridActivity.Width); err != nil {
		return err
	}
	if err := f.SetColStyle(sh, acts, gs.markCol); err != nil {
		return err
	}
	return f.SetColWidth(sh, col(l.noteCol), col(l.noteCol), model.GridNote.Width)
}

// gridLabels writes the 活动日期 and 项目编码 labels in the member columns,
// the dates and items given beside them, their formats and validations.
func (bw *bookWriter) gridLabels(t Table, l gridLayout, gs gridStyles) error {
	f, sh, g, nm := bw.f, t.Sheet, t.Grid, l.nm
	for _, lb := range []struct {
		row    int
		label  string
		height float64
		style  int
	}{{l.dateRow, model.GridDate.Header, gridLabelHeight, gs.date}, {l.itemRow, model.GridItem.Header, gridItemHeight, gs.item}} {
		a, b := cell(1, lb.row), cell(nm, lb.row)
		if err := f.SetCellStr(sh, a, lb.label); err != nil {
			return err
		}
		if nm > 1 {
			if err := f.MergeCell(sh, a, b); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, a, b, gs.label); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell(l.firstAct, lb.row), cell(l.lastAct, lb.row), lb.style); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell(l.noteCol, lb.row), cell(l.noteCol, lb.row), gs.label); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, lb.row, lb.height); err != nil {
			return err
		}
	}
	for i, a := range g.Activities {
		if !a.Date.IsZero() {
			if err := f.SetCellInt(sh, cell(l.firstAct+i, l.dateRow), int64(sheet.Serial(a.Date))); err != nil {
				return err
			}
		}
		if err := f.SetCellStr(sh, cell(l.firstAct+i, l.itemRow), a.Item); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = l.actRange(l.dateRow, l.dateRow)
	if err := dv.SetRange("DATE(1921,7,1)", "DATE(2100,12,31)", excelize.DataValidationTypeDate,
		excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "日期格式不正确", "请输入日期，如 2026-03-05。")
	dv.SetInput(model.GridDate.Header, model.GridDate.Prompt)
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	return bw.validate(t, model.GridItem, l.actRange(l.itemRow, l.itemRow))
}

// gridHeader writes the header: member block, activity names, 备注.
func (bw *bookWriter) gridHeader(t Table, l gridLayout, gs gridStyles) error {
	f, sh, g := bw.f, t.Sheet, t.Grid
	for c, mc := range t.Columns {
		if err := f.SetCellStr(sh, cell(c+1, l.headerRow), mc.Header); err != nil {
			return err
		}
	}
	for i, a := range g.Activities {
		if a.Name != "" {
			if err := f.SetCellStr(sh, cell(l.firstAct+i, l.headerRow), a.Name); err != nil {
				return err
			}
		}
	}
	if err := f.SetCellStr(sh, cell(l.noteCol, l.headerRow), model.GridNote.Header); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, cell(1, l.headerRow), cell(l.noteCol, l.headerRow), gs.head); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, l.headerRow, gridHeaderHeight); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = l.actRange(l.headerRow, l.headerRow)
	dv.SetInput(model.GridActivity.Header, model.GridActivity.Prompt)
	return f.AddDataValidation(sh, dv)
}

// gridMembers writes the member rows given (member cells, notes, marks),
// rules and numbers the rows for print, and validates the member and mark
// cells down to the last input row.
func (bw *bookWriter) gridMembers(t Table, l gridLayout, gs gridStyles) error {
	f, sh, g := bw.f, t.Sheet, t.Grid
	nact := l.lastAct - l.nm
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{DefaultRowHeight: ptr(gridRowHeight), CustomHeight: ptr(true)}); err != nil {
		return err
	}
	for c, mc := range t.Columns {
		style := gs.text
		switch {
		case mc == model.GridSeq:
			style = gs.seq
		case mc.Type == model.CellCode:
			style = gs.code
		}
		if l.lastRuled >= l.firstData {
			if err := f.SetCellStyle(sh, cell(c+1, l.firstData), cell(c+1, l.lastRuled), style); err != nil {
				return err
			}
		}
		if err := bw.validate(t, mc, fmt.Sprintf("%s:%s", cell(c+1, l.firstData), cell(c+1, l.lastData))); err != nil {
			return err
		}
	}
	if l.lastRuled >= l.firstData {
		if err := f.SetCellStyle(sh, cell(l.firstAct, l.firstData), cell(l.lastAct, l.lastRuled), gs.mark); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, cell(l.noteCol, l.firstData), cell(l.noteCol, l.lastRuled), gs.note); err != nil {
			return err
		}
	}
	if err := bw.dropdown(sh, l.actRange(l.firstData, l.lastData), model.GridMark.Options(), model.GridMark.Header, model.GridMark.Prompt); err != nil {
		return err
	}
	for i, row := range t.Rows {
		r := l.firstData + i
		if len(row) > l.nm {
			return fmt.Errorf("row %d has %d values for %d member headers", i+1, len(row), l.nm)
		}
		for c, v := range row {
			if _, err := bw.setValue(sh, cell(c+1, r), v); err != nil {
				return err
			}
		}
		if i < len(g.Notes) && g.Notes[i] != "" {
			if err := f.SetCellStr(sh, cell(l.noteCol, r), g.Notes[i]); err != nil {
				return err
			}
		}
		if i < len(g.Marks) {
			for k, m := range g.Marks[i] {
				if m != "" && k < nact {
					if err := f.SetCellStr(sh, cell(l.firstAct+k, r), m); err != nil {
						return err
					}
				}
			}
		}
	}
	// Number the blank ruled rows on, so that the printed sheet has its
	// lines (a program prints only as far as the last filled cell) and a
	// newcomer's row is ready.
	seq := -1
	for c, mc := range t.Columns {
		if mc == model.GridSeq {
			seq = c + 1
		}
	}
	for r := l.firstData + len(t.Rows); seq > 0 && r <= l.lastRuled; r++ {
		if err := f.SetCellInt(sh, cell(seq, r), int64(r-l.firstData+1)); err != nil {
			return err
		}
	}
	return nil
}

// gridPrint sets up the printed 签到表: A4 landscape, one page wide and as
// many down as the members need, narrow margins, centred, the title,
// labels and header repeated on every page, and page numbers.
func (bw *bookWriter) gridPrint(sh string, l gridLayout) error {
	f := bw.f
	a4, one, tall, orient := 9, 1, 0, "landscape"
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &a4, Orientation: &orient,
		FitToWidth: &one, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Top: ptr(0.4), Bottom: ptr(0.5),
		Left: ptr(0.3), Right: ptr(0.3), Header: ptr(0.2), Footer: ptr(0.25), Horizontally: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页，共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sh,
		RefersTo: fmt.Sprintf("'%s'!$1:$%d", sh, l.headerRow)})
}

func ptr[T any](v T) *T { return &v }
