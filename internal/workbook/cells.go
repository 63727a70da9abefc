package workbook

// What the writers share (write.go's templates, grid.go's 签到表,
// summary.go's 汇总.xlsx, ledger.go's 台帐 and bulk.go's large registers):
// a new excelize file with fixed properties, the cell styles, one value
// written as a cell, and the width and line estimates that size columns
// and rows (neither Excel nor WPS fits them when opening a file).

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// fixedDocTime keeps the files byte-identical between runs: excelize writes
// no clock-dependent part once the core properties are fixed.
const fixedDocTime = "2025-01-01T00:00:00Z"

var (
	maxColWidth = 48.0
	// maxInputWidth caps the columns of sheets people fill in: wider than
	// the ledger's, for 承诺内容 and the 说明 sheet.
	maxInputWidth = 100.0
	minColWidth   = 6.0
	dateNumFmt    = "yyyy-mm-dd"
	errOverwrite  = errors.New("文件已存在，不会覆盖")
)

// styles are the cell styles of one workbook.
type styles struct {
	title, header, text, date, wrap, number int
}

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	font := &excelize.Font{Family: "宋体", Size: 11}
	border := []excelize.Border{
		{Type: "left", Color: "A6A6A6", Style: 1}, {Type: "right", Color: "A6A6A6", Style: 1},
		{Type: "top", Color: "A6A6A6", Style: 1}, {Type: "bottom", Color: "A6A6A6", Style: 1},
	}
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Font: font, CustomNumFmt: strPtr("@"), Alignment: &excelize.Alignment{Vertical: "center"}})
	s.date = mk(&excelize.Style{Font: font, CustomNumFmt: strPtr(dateNumFmt), Alignment: &excelize.Alignment{Vertical: "center"}})
	s.wrap = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}})
	s.number = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "center"}})
	return s, err
}

func strPtr(s string) *string { return &s }

// newFile starts a workbook with fixed document properties (deterministic
// bytes) and returns it with the default sheet still present.
func newFile() (*excelize.File, error) {
	tmp, err := tempDir() // streamed sheets spill here; Close removes them, a sweep what a kill left
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile(excelize.Options{TmpDir: tmp})
	err = f.SetDocProps(&excelize.DocProperties{
		Creator: "jifen", LastModifiedBy: "jifen", Created: fixedDocTime, Modified: fixedDocTime,
		Language: "zh-CN",
	})
	return f, err
}

// setValue writes one value and returns its display width.
func (bw *bookWriter) setValue(sh, cell string, v any) (float64, error) {
	f := bw.f
	switch x := v.(type) {
	case nil:
		return 0, nil
	case string:
		if x == "" {
			return 0, nil
		}
		return lineWidth(x), f.SetCellStr(sh, cell, x)
	case int:
		return displayWidth(fmt.Sprint(x)), f.SetCellInt(sh, cell, int64(x))
	case model.Points:
		return setPoints(f, sh, cell, x)
	case *big.Rat:
		if x == nil {
			return 0, nil
		}
		return setPoints(f, sh, cell, model.Round2(x))
	case bool:
		return 4, f.SetCellStr(sh, cell, model.YesNo(x))
	case time.Time:
		if x.IsZero() {
			return 0, nil
		}
		if err := f.SetCellInt(sh, cell, int64(sheet.Serial(x))); err != nil {
			return 0, err
		}
		return 12, f.SetCellStyle(sh, cell, cell, bw.st.date)
	}
	return 0, fmt.Errorf("unsupported value %T", v)
}

// setPoints writes exact hundredths as a number: the shortest decimal of
// p/100 is exactly the two-decimal value.
func setPoints(f *excelize.File, sheet, cell string, p model.Points) (float64, error) {
	return displayWidth(p.String()), f.SetCellFloat(sheet, cell, float64(p)/100, -1, 64)
}

// displayWidth estimates a column width: a CJK glyph is about two "0"s.
func displayWidth(s string) float64 {
	w := 0
	for _, r := range s {
		if r >= 0x2E80 || (r >= 0x1100 && r <= 0x11FF) {
			w += 2
		} else if r != '\n' {
			w++
		}
	}
	return float64(w + 2)
}

// lineWidth is the width of the longest line of a multi-line value.
func lineWidth(s string) float64 {
	if !strings.Contains(s, "\n") {
		return displayWidth(s)
	}
	var w float64
	for _, l := range strings.Split(s, "\n") {
		w = max(w, displayWidth(l))
	}
	return w
}

// wrappedLines estimates how many lines s takes in a column of width w
// (in widths of "0", a CJK glyph counting two).
func wrappedLines(s string, w float64) int {
	per := max(w-1, 1)
	n := 0
	for _, line := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil((displayWidth(line)-2)/per)))
	}
	return n
}
