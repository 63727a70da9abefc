package workbook

import (
	"fmt"
	"io"
	"math/big"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
)

// PlainSheet is a plain table for WriteSheets: headers in row 1, a record per
// row below. Values are strings, ints, bools (是/否), dates (time.Time),
// points (model.Points, *big.Rat: two decimals), Percent or nil.
type PlainSheet struct {
	Name    string
	Headers []string
	Rows    [][]any
}

// Percent is a share written as a percentage cell (0.1% precision); nil
// leaves the cell empty.
type Percent struct{ *big.Rat }

// WriteSheets writes plain tables as a workbook to w: 汇总.xlsx of `jifen
// summary` (SPEC §10), one sheet per period. Headers sit in the first row
// so that the sheet sorts, filters and reads into other programs as it
// is; figures are numbers, dates are dates.
func WriteSheets(w io.Writer, sheets []PlainSheet) error {
	f, err := newFile()
	if err != nil {
		return err
	}
	defer f.Close()
	bw := &bookWriter{f: f, lists: map[string]string{}}
	if bw.st, err = newStyles(f); err != nil {
		return err
	}
	num := func(fmtID int) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, NumFmt: fmtID,
			Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
		return id
	}
	pts, pct := num(2), num(10)
	if err != nil {
		return err
	}
	if len(sheets) == 0 {
		sheets = []PlainSheet{{Name: "汇总", Headers: []string{"尚无数据"}}}
	}
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.Name)
		} else {
			_, err = f.NewSheet(s.Name)
		}
		if err != nil {
			return err
		}
		if err := bw.writePlainSheet(s.Name, s.Headers, s.Rows, pts, pct); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	return f.Write(w)
}

// writePlainSheet writes headers in row 1 and rows below, freezes the
// header and the branch column and fits the widths. styled maps a column
// to a number style.
func (bw *bookWriter) writePlainSheet(sh string, headers []string, rows [][]any, pts, pct int) error {
	f := bw.f
	last := model.ColumnName(len(headers))
	if err := f.SetSheetRow(sh, "A1", &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", last+"1", bw.st.header); err != nil {
		return err
	}
	widths := make([]float64, len(headers))
	for c, h := range headers {
		widths[c] = displayWidth(h)
	}
	for i, row := range rows {
		for c, v := range row {
			cell := fmt.Sprintf("%s%d", model.ColumnName(c+1), i+2)
			var w float64
			var err error
			style := 0
			switch x := v.(type) {
			case Percent:
				if x.Rat != nil {
					r, _ := model.Round2(new(big.Rat).Mul(x.Rat, big.NewRat(100, 1))).Rat().Float64()
					w, err, style = 8, f.SetCellFloat(sh, cell, r/100, 4, 64), pct
				}
			case *big.Rat:
				if x != nil {
					w, err = bw.setValue(sh, cell, v)
					style = pts
				}
			case model.Points:
				w, err = bw.setValue(sh, cell, v)
				style = pts
			default:
				w, err = bw.setValue(sh, cell, v)
			}
			if err != nil {
				return fmt.Errorf("%s: %w", cell, err)
			}
			widths[c] = max(widths[c], w)
			if style != 0 {
				if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	for c, w := range widths {
		col := model.ColumnName(c + 1)
		if err := f.SetColWidth(sh, col, col, min(max(w, minColWidth), maxColWidth)); err != nil {
			return err
		}
	}
	if err := f.AutoFilter(sh, fmt.Sprintf("A1:%s%d", last, len(rows)+1), nil); err != nil {
		return err
	}
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 1, YSplit: 1, TopLeftCell: "B2",
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: "B2", ActiveCell: "B2", Pane: "bottomRight"}}}); err != nil {
		return err
	}
	return printSetup(f, sh)
}
