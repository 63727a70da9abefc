package workbook

import (
	"errors"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
)

// Grid lays a Table out as a 签到表 (SPEC §2.11): the title, the 活动日期
// and 项目编码 label rows, the header (Table.Columns: the member block,
// model.KindGrid's columns 序号 编号 姓名 党小组), one column per activity,
// a 备注 column, and one row per member (Table.Rows hold the member
// cells). Activities may be given (the demo) or left blank for the
// committee to fill (Blank more). The labels, prompts, marks and widths of
// the parts are model's (GridDate, GridItem, GridActivity, GridMark,
// GridNote).
type Grid struct {
	Activities []GridActivity
	Blank      int        // blank activity columns after the given ones
	Marks      [][]string // per member row, one mark per given activity ("" = blank)
	Notes      []string   // per member row, the 备注 cell (never read back)
	Items      []string   // the 项目编码 row's dropdown: base and reward codes
}

// GridActivity is one filled activity column.
type GridActivity struct {
	Name string
	Date time.Time
	Item string
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
	l := gridLayout{nm: nm, firstAct: nm + 1, lastAct: nm + nact, noteCol: nm + nact + 1}
	firstAct, noteCol := l.firstAct, l.noteCol
	col := model.ColumnName
	titleRow, dateRow, itemRow, headerRow := 1, 2, 3, 4
	if t.Title == "" {
		dateRow, itemRow, headerRow = 1, 2, 3
	} else {
		if err := f.SetCellStr(sh, "A1", t.Title); err != nil {
			return err
		}
		if err := f.MergeCell(sh, "A1", fmt.Sprintf("%s%d", col(noteCol), titleRow)); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, "A1", "A1", bw.st.title); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, titleRow, 30); err != nil {
			return err
		}
	}
	rows := t.InputRows
	if rows <= 0 {
		rows = len(t.Rows) + 20
	}
	firstData, lastData := headerRow+1, headerRow+rows
	l.dateRow, l.itemRow, l.headerRow = dateRow, itemRow, headerRow
	actRange := l.actRange
	if err := bw.gridLabels(t, l); err != nil {
		return err
	}

	// The header: member block, activity names, 备注.
	head := make([]string, nm+nact, nm+nact+1)
	for c, mc := range t.Columns {
		head[c] = mc.Header
	}
	for i, a := range g.Activities {
		head[nm+i] = a.Name
	}
	head = append(head, model.GridNote.Header)
	for i, h := range head {
		if h == "" {
			continue
		}
		if err := f.SetCellStr(sh, fmt.Sprintf("%s%d", col(i+1), headerRow), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("A%d", headerRow), fmt.Sprintf("%s%d", col(noteCol), headerRow), bw.st.header); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = actRange(headerRow, headerRow)
	dv.SetInput(model.GridActivity.Header, model.GridActivity.Prompt)
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	for i, a := range g.Activities {
		c := col(firstAct + i)
		if _, err := bw.setValue(sh, fmt.Sprintf("%s%d", c, dateRow), a.Date); err != nil {
			return err
		}
		if err := f.SetCellStr(sh, fmt.Sprintf("%s%d", c, itemRow), a.Item); err != nil {
			return err
		}
	}

	l.firstData, l.lastData = firstData, lastData
	if err := bw.gridMembers(t, l); err != nil {
		return err
	}
	if err := bw.gridWidths(t, l); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, headerRow, 45); err != nil {
		return err
	}
	top := fmt.Sprintf("%s%d", col(firstAct), firstData)
	return f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: nm, YSplit: headerRow,
		TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}})
}

// gridLayout is where a 签到表's parts go (1-based columns and rows).
type gridLayout struct {
	nm                          int // member columns
	firstAct, lastAct, noteCol  int
	dateRow, itemRow, headerRow int
	firstData, lastData         int // the rows members are typed in
}

// actRange is the activity columns of rows r1 to r2 as a range.
func (l gridLayout) actRange(r1, r2 int) string {
	col := model.ColumnName
	return fmt.Sprintf("%s%d:%s%d", col(l.firstAct), r1, col(l.lastAct), r2)
}

// gridLabels writes the 活动日期 and 项目编码 labels in the member columns
// and formats and validates the date and item cells beside them.
func (bw *bookWriter) gridLabels(t Table, l gridLayout) error {
	f, sh, g, nm, col := bw.f, t.Sheet, t.Grid, l.nm, model.ColumnName
	firstAct, lastAct, dateRow, itemRow := l.firstAct, l.lastAct, l.dateRow, l.itemRow
	actRange := l.actRange
	for _, lb := range []struct {
		row   int
		label string
	}{{l.dateRow, model.GridDate.Header}, {l.itemRow, model.GridItem.Header}} {
		a, b := fmt.Sprintf("A%d", lb.row), fmt.Sprintf("%s%d", col(nm), lb.row)
		if err := f.SetCellStr(sh, a, lb.label); err != nil {
			return err
		}
		if nm > 1 {
			if err := f.MergeCell(sh, a, b); err != nil {
				return err
			}
		}
		if err := f.SetCellStyle(sh, a, b, bw.st.header); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col(firstAct), dateRow), fmt.Sprintf("%s%d", col(lastAct), dateRow), bw.st.date); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col(firstAct), itemRow), fmt.Sprintf("%s%d", col(lastAct), itemRow), bw.st.text); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = actRange(dateRow, dateRow)
	if err := dv.SetRange("DATE(1921,7,1)", "DATE(2100,12,31)", excelize.DataValidationTypeDate,
		excelize.DataValidationOperatorBetween); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "日期格式不正确", "请输入日期，如 2026-03-05。")
	dv.SetInput(model.GridDate.Header, model.GridDate.Prompt)
	if err := f.AddDataValidation(sh, dv); err != nil {
		return err
	}
	if len(g.Items) > 0 {
		if err := bw.dropdown(sh, actRange(itemRow, itemRow), g.Items, model.GridItem.Header, model.GridItem.Prompt); err != nil {
			return err
		}
	}
	return nil
}

// gridWidths sets the widths: member columns by content, activity columns
// narrow enough to print a quarter on one landscape page.
func (bw *bookWriter) gridWidths(t Table, l gridLayout) error {
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
		if err := f.SetColWidth(sh, col(c+1), col(c+1), min(max(w, minColWidth), maxColWidth)); err != nil {
			return err
		}
	}
	if err := f.SetColWidth(sh, col(l.firstAct), col(l.lastAct), model.GridActivity.Width); err != nil {
		return err
	}
	if err := f.SetColWidth(sh, col(l.noteCol), col(l.noteCol), model.GridNote.Width); err != nil {
		return err
	}
	return nil
}

// gridMembers formats the member cells and the marks with their dropdown,
// and writes the rows given: member values, notes and marks.
func (bw *bookWriter) gridMembers(t Table, l gridLayout) error {
	f, sh, g, col := bw.f, t.Sheet, t.Grid, model.ColumnName
	nm, nact, firstAct, lastAct, noteCol := l.nm, l.lastAct-l.nm, l.firstAct, l.lastAct, l.noteCol
	firstData, lastData := l.firstData, l.lastData
	for c, mc := range t.Columns {
		style := bw.st.number
		if mc.Type == model.CellCode {
			style = bw.st.text
		}
		if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col(c+1), firstData), fmt.Sprintf("%s%d", col(c+1), lastData), style); err != nil {
			return err
		}
	}
	center, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, fmt.Sprintf("%s%d", col(firstAct), firstData), fmt.Sprintf("%s%d", col(lastAct), lastData), center); err != nil {
		return err
	}
	if err := bw.dropdown(sh, l.actRange(firstData, lastData), model.GridMark.Options(), model.GridMark.Header, model.GridMark.Prompt); err != nil {
		return err
	}
	for i, row := range t.Rows {
		r := firstData + i
		if len(row) > nm {
			return fmt.Errorf("row %d has %d values for %d member headers", i+1, len(row), nm)
		}
		for c, v := range row {
			if _, err := bw.setValue(sh, fmt.Sprintf("%s%d", col(c+1), r), v); err != nil {
				return err
			}
		}
		if i < len(g.Notes) && g.Notes[i] != "" {
			if err := f.SetCellStr(sh, fmt.Sprintf("%s%d", col(noteCol), r), g.Notes[i]); err != nil {
				return err
			}
		}
		if i < len(g.Marks) {
			for k, m := range g.Marks[i] {
				if m != "" && k < nact {
					if err := f.SetCellStr(sh, fmt.Sprintf("%s%d", col(firstAct+k), r), m); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
