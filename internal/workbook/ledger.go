package workbook

// The committee's 积分台帐 (SPEC §6, scheme 六 第四阶段 and 七(一)):
// one sheet per closed quarter with its detail lines, and the year's
// summary. Every figure is a computed value rounded to two decimals (a
// formula would read as blank in WPS and previewers, PITFALLS §2).
//
// A 机关党委's ledger holds hundreds of thousands of detail lines, and
// excelize's regular API keeps every cell in memory (557 MB at 2,000
// members, PITFALLS §8). So excelize sets each sheet up without cells and
// the rows are written into the file as it is saved (saveWithRows): one
// pass over the result measures the columns, a second writes the rows.
// The sheets state their dimension, or openpyxl in read-only mode would
// see one row (PITFALLS §7).
//
// For print, every sheet is A4 landscape, one page wide, title and header
// repeated on each page, page numbers in the footer; the table has thin
// borders, every cell centred vertically (numbers right, codes and ranks
// centred, text left), an autofilter on the header, and column widths
// chosen so that the 20 columns of 年度汇总 print at a readable scale.

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/big"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Ledger headers, in sheet order.
var (
	LedgerQuarterHeaders = []string{"序号", "编号", "姓名", "类别", "党小组", "基础积分", "奖励积分", "违规扣分", "季度积分", "排名"}
	LedgerDetailHeaders  = []string{"序号", "编号", "姓名", "日期", "类型", "项目编码", "项目", "分值", "事由", "来源", "封顶", "出处"}
	LedgerAnnualHeaders  = []string{"序号", "编号", "姓名", "类别", "党小组", "第一季度", "第二季度", "第三季度", "第四季度",
		"季度平均", "基础平均", "奖励平均", "年度扣分", "民主评议分", "综合得分", "年度排名", "建议等次", "确定等次", "理由", "后续措施"}
)

// LedgerAnnualSheet is the name of the summary sheet.
const LedgerAnnualSheet = "年度汇总"

// rowHeight is the height of a row of n wrapped lines, capped at Excel's
// 409 points: a taller row makes the file invalid (excelize refuses it), and
// Excel shows the rest of a capped row's text when the row is opened.
func rowHeight(lines int) float64 { return min(float64(lines)*15+4, excelize.MaxRowHeight) }

// cellKind decides a ledger column's style.
type cellKind int

const (
	kText   cellKind = iota // left
	kCenter                 // codes, names of categories, grades, ranks
	kPoints                 // 0.00, right
	kDate                   // yyyy-mm-dd, centred
	kWrap                   // long text, wrapped, left
)

// ledgerCol is one column: header, style and width bounds (in widths of "0").
type ledgerCol struct {
	head       string
	kind       cellKind
	minW, maxW float64
}

// ledgerSheet is one sheet of the ledger. rows yields each row's values:
// string, int, model.Points, *big.Rat, time.Time or nil (blank).
type ledgerSheet struct {
	name, title string
	cols        []ledgerCol
	freezeCols  int
	footer      []string // lines below the table (explanations, signatures)
	rows        func(yield func([]any) error) error
}

func cols(heads []string, kinds map[string]cellKind, maxW map[string]float64) []ledgerCol {
	out := make([]ledgerCol, len(heads))
	for i, h := range heads {
		k, ok := kinds[h]
		if !ok {
			k = kText
		}
		c := ledgerCol{head: h, kind: k, minW: minColWidth, maxW: maxColWidth}
		if w, ok := maxW[h]; ok {
			c.maxW = w
		}
		if k == kWrap && c.maxW == maxColWidth {
			c.maxW = 36
		}
		out[i] = c
	}
	return out
}

var ledgerKinds = map[string]cellKind{
	"序号": kCenter, "编号": kCenter, "姓名": kCenter, "类别": kCenter, "排名": kCenter, "年度排名": kCenter,
	"日期": kDate, "类型": kCenter, "项目编码": kCenter, "来源": kCenter, "封顶": kCenter,
	"基础积分": kPoints, "奖励积分": kPoints, "违规扣分": kPoints, "季度积分": kPoints, "分值": kPoints,
	"第一季度": kPoints, "第二季度": kPoints, "第三季度": kPoints, "第四季度": kPoints,
	"季度平均": kPoints, "基础平均": kPoints, "奖励平均": kPoints, "年度扣分": kPoints, "民主评议分": kPoints, "综合得分": kPoints,
	"建议等次": kCenter, "确定等次": kCenter, "事由": kWrap, "理由": kWrap, "后续措施": kWrap, "党小组": kWrap, "项目": kWrap,
}

// The summary's columns are kept narrow (headers wrap onto two lines) so
// that its 20 columns print one page wide on A4 landscape at about 80 %.
var annualMaxW = map[string]float64{
	"序号": 6, "编号": 10, "姓名": 9, "类别": 9, "党小组": 14,
	"第一季度": 8, "第二季度": 8, "第三季度": 8, "第四季度": 8, "季度平均": 8, "基础平均": 8, "奖励平均": 8,
	"年度扣分": 8, "民主评议分": 8, "综合得分": 8, "年度排名": 6, "建议等次": 10, "确定等次": 8, "理由": 26, "后续措施": 16,
}

// WriteLedger writes the year's 积分台帐 to w. The output depends only on
// res, so two runs give identical bytes.
func WriteLedger(w io.Writer, res *model.Result) error {
	if res == nil || res.Year == nil {
		return fmt.Errorf("ledger: no result")
	}
	f, err := newFile()
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := newLedgerStyles(f)
	if err != nil {
		return err
	}
	sheets := ledgerSheets(res)
	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return fmt.Errorf("ledger %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	rows := map[string]func(io.Writer) error{}
	for i, s := range sheets {
		fill, err := writeLedgerSheet(f, st, s)
		if err != nil {
			return fmt.Errorf("ledger %s: %w", s.name, err)
		}
		// Sheets are numbered in the order they were added.
		rows[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = fill
	}
	return saveWithRows(f, w, rows)
}

func ledgerSheets(res *model.Result) []ledgerSheet {
	y := res.Year
	st := y.Settings
	branch := st.Branch
	sign := fmt.Sprintf("积分管理员：%s　　　　支部书记：%s　　　　统计日期：%s",
		blankLine(st.Administrator), blankLine(st.Secretary), model.DateCN(res.AsOf))
	var sheets []ledgerSheet
	for q := 1; q <= 4; q++ {
		if !res.Closed[q-1] {
			continue
		}
		qn := model.QuarterLabel(q)
		start, end := st.Publication(q)
		sheets = append(sheets, ledgerSheet{
			name: qn, freezeCols: 3,
			title: fmt.Sprintf("%s%d年%s党员积分台帐", branch, y.Year, qn),
			cols:  cols(LedgerQuarterHeaders, ledgerKinds, nil),
			footer: []string{fmt.Sprintf("说明：季度积分＝基础积分＋奖励积分－违规扣分；基础积分上限 %s 分，奖励积分上限 %s 分。公示期 %s 至 %s。",
				st.BaseMax, st.RewardMax, model.DateCN(start), model.DateCN(end)), sign},
			rows: func(yield func([]any) error) error {
				n := 0
				for _, mr := range res.Members {
					qs := &mr.Quarters[q-1]
					if !qs.Participating {
						continue
					}
					m := mr.Member
					n++
					if err := yield([]any{n, m.ID, m.Name, string(m.Category), m.Group,
						qs.Base, qs.Reward, qs.Deduction, qs.Total, rankCell(qs.Rank)}); err != nil {
						return err
					}
				}
				return nil
			},
		}, ledgerSheet{
			name: qn + "明细", freezeCols: 3,
			title: fmt.Sprintf("%s%d年%s积分明细", branch, y.Year, qn),
			cols:  cols(LedgerDetailHeaders, ledgerKinds, nil),
			rows: func(yield func([]any) error) error {
				n := 0
				row := make([]any, len(LedgerDetailHeaders))
				for _, mr := range res.Members {
					qs := &mr.Quarters[q-1]
					if !qs.Participating {
						continue
					}
					m := mr.Member
					for i := range qs.Lines {
						l := &qs.Lines[i]
						n++
						var code, name any
						if l.Item != nil {
							code, name = l.Item.Code, l.Item.Name
						}
						row = append(row[:0], n, m.ID, m.Name, l.Date, l.Kind.String(), code, name,
							l.Points, l.Reason, l.Source, yesBlank(l.Capped), source(l.Pos))
						if err := yield(row); err != nil {
							return err
						}
					}
				}
				return nil
			},
		})
	}
	sheets = append(sheets, ledgerSheet{
		name: LedgerAnnualSheet, freezeCols: 3,
		title:  fmt.Sprintf("%s%d年度党员积分汇总（年度综合积分登记）", branch, y.Year),
		cols:   cols(LedgerAnnualHeaders, ledgerKinds, annualMaxW),
		footer: []string{"说明：年度综合得分＝季度积分平均分＋民主评议分；建议等次由程序按实施方案五(六)提出，确定等次由支部研究决定。", sign},
		rows: func(yield func([]any) error) error {
			for i, mr := range res.Members {
				if err := yield(annualRow(res, i, mr)); err != nil {
					return err
				}
			}
			return nil
		},
	})
	return sheets
}

func annualRow(res *model.Result, i int, mr *model.MemberResult) []any {
	m := mr.Member
	row := []any{i + 1, m.ID, m.Name, string(m.Category), m.Group}
	for q := 1; q <= 4; q++ {
		qs := mr.Quarters[q-1]
		switch {
		case !res.Closed[q-1]:
			row = append(row, nil)
		case !qs.Participating:
			row = append(row, "—")
		default:
			row = append(row, qs.Total)
		}
	}
	a := mr.Annual
	if a == nil {
		note := ""
		switch {
		case m.Exempt:
			note = "不纳入积分管理" // the fact only: SPEC §2.3 keeps the reason in the workbook
		case !res.YearClosed:
			note = "年度未结束"
		default:
			note = "本年度未参加积分管理"
		}
		return append(row, nil, nil, nil, nil, nil, nil, nil, nil, nil, note, nil)
	}
	return append(row, a.QuarterAvg, a.BaseAvg, a.RewardAvg, a.DeductionSum, ratOrNil(a.Democratic), ratOrNil(a.Total),
		rankCell(a.Rank), mr.ProposedLabel(), string(a.Final), annualReason(a), strings.Join(a.Actions, "；"))
}

// ledgerStyles are the style IDs of one ledger, per cellKind.
type ledgerStyles struct {
	title, header, footer int
	body                  [kWrap + 1]int
}

func newLedgerStyles(f *excelize.File) (ledgerStyles, error) {
	var s ledgerStyles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	border := []excelize.Border{
		{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1},
	}
	font := &excelize.Font{Family: "宋体", Size: 11}
	s.title = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 16, Bold: true},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.footer = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "center"}})
	body := func(h string, wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "center", WrapText: wrap}
	}
	s.body[kText] = mk(&excelize.Style{Font: font, Border: border, Alignment: body("left", false)})
	s.body[kCenter] = mk(&excelize.Style{Font: font, Border: border, Alignment: body("center", true)})
	s.body[kPoints] = mk(&excelize.Style{Font: font, Border: border, NumFmt: 2, Alignment: body("right", false)})
	s.body[kDate] = mk(&excelize.Style{Font: font, Border: border, CustomNumFmt: strPtr(dateNumFmt), Alignment: body("center", false)})
	s.body[kWrap] = mk(&excelize.Style{Font: font, Border: border, Alignment: body("left", true)})
	return s, err
}

// writeLedgerSheet measures the sheet's columns in a first pass over its
// rows and sets the sheet up with excelize's regular API — widths, panes,
// the merged title, autofilter, print setup and the dimension — leaving its
// data empty. It returns what writes the rows when the file is saved.
func writeLedgerSheet(f *excelize.File, st ledgerStyles, s ledgerSheet) (func(io.Writer) error, error) {
	ncol := len(s.cols)
	widths := make([]float64, ncol)
	for c, col := range s.cols {
		widths[c] = headerWidth(col.head)
	}
	n := 0
	if err := s.rows(func(row []any) error {
		n++
		for c, v := range row {
			widths[c] = max(widths[c], valueWidth(v))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	for c, col := range s.cols {
		widths[c] = min(max(widths[c], col.minW), col.maxW)
	}

	sh, last := s.name, model.ColumnName(ncol)
	headerRow, lastRow := 2, 2+n
	// AutoFilter replaces the sheet properties, so it precedes printSetup.
	if err := f.AutoFilter(sh, fmt.Sprintf("A%d:%s%d", headerRow, last, max(lastRow, headerRow+1)), nil); err != nil {
		return nil, err
	}
	if err := printSetup(f, sh); err != nil {
		return nil, err
	}
	end := lastRow
	if len(s.footer) > 0 {
		end += 1 + len(s.footer) // a blank row, then the footer lines
	}
	if err := f.SetSheetDimension(sh, fmt.Sprintf("A1:%s%d", last, end)); err != nil {
		return nil, err
	}
	for c, w := range widths {
		col := model.ColumnName(c + 1)
		if err := f.SetColWidth(sh, col, col, w); err != nil {
			return nil, err
		}
	}
	top := fmt.Sprintf("%s%d", model.ColumnName(s.freezeCols+1), headerRow+1)
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: s.freezeCols, YSplit: headerRow, TopLeftCell: top,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}); err != nil {
		return nil, err
	}
	if err := f.MergeCell(sh, "A1", last+"1"); err != nil {
		return nil, err
	}
	headLines := 1
	for c, col := range s.cols {
		headLines = max(headLines, wrappedLines(col.head, widths[c]))
	}

	return func(out io.Writer) error {
		w := newRowWriter(out, ncol)
		w.row(1, 30)
		w.str(0, st.title, s.title)
		w.end()
		w.row(headerRow, rowHeight(headLines))
		for c, col := range s.cols {
			w.str(c, st.header, col.head)
		}
		w.end()
		r := headerRow
		lines := make([]string, 0, ncol)
		err := s.rows(func(row []any) error {
			r++
			n := 1
			lines = lines[:0]
			for c, v := range row {
				if x, ok := v.(string); ok && x != "" && (s.cols[c].kind == kWrap || s.cols[c].kind == kCenter) {
					n = max(n, printLines(x, widths[c]))
				}
			}
			h := 0.0
			if n > 1 {
				h = rowHeight(n)
			}
			w.row(r, h)
			for c, v := range row {
				style := st.body[s.cols[c].kind]
				switch x := v.(type) {
				case nil:
					w.blank(c, style)
				case string:
					w.str(c, style, x)
				case int:
					w.num(c, style, strconv.Itoa(x))
				case model.Points:
					w.num(c, style, x.String()) // exact hundredths, shortest form
				case *big.Rat:
					if x == nil {
						w.blank(c, style)
					} else {
						w.num(c, style, model.Round2(x).String())
					}
				case time.Time:
					if x.IsZero() {
						w.blank(c, style)
					} else {
						w.num(c, style, strconv.Itoa(sheet.Serial(x)))
					}
				default:
					return fmt.Errorf("unsupported value %T", v)
				}
			}
			w.end()
			return w.err
		})
		if err != nil {
			return err
		}
		r++ // one blank row between the table and its footer
		for _, line := range s.footer {
			r++
			w.row(r, 0)
			w.str(0, st.footer, line)
			w.end()
		}
		return w.flush()
	}, nil
}

// rowWriter writes <row> elements of sheet XML: numbers as values, text
// as inline strings (no shared-strings table to hold in memory).
type rowWriter struct {
	w    *bufio.Writer
	cols []string
	r    string
	err  error
}

func newRowWriter(w io.Writer, ncol int) *rowWriter {
	rw := &rowWriter{w: bufio.NewWriterSize(w, 64<<10)}
	for c := range ncol {
		rw.cols = append(rw.cols, model.ColumnName(c+1))
	}
	return rw
}

func (rw *rowWriter) row(r int, height float64) {
	rw.r = strconv.Itoa(r)
	rw.w.WriteString(`<row r="`)
	rw.w.WriteString(rw.r)
	if height > 0 {
		rw.w.WriteString(`" ht="`)
		rw.w.WriteString(strconv.FormatFloat(height, 'f', -1, 64))
		rw.w.WriteString(`" customHeight="1`)
	}
	rw.w.WriteString(`">`)
}

func (rw *rowWriter) end() { rw.w.WriteString(`</row>`) }

func (rw *rowWriter) cell(c, style int) {
	rw.w.WriteString(`<c r="`)
	rw.w.WriteString(rw.cols[c])
	rw.w.WriteString(rw.r)
	rw.w.WriteString(`" s="`)
	rw.w.WriteString(strconv.Itoa(style))
	rw.w.WriteByte('"')
}

func (rw *rowWriter) blank(c, style int) {
	rw.cell(c, style)
	rw.w.WriteString(`/>`)
}

func (rw *rowWriter) num(c, style int, v string) {
	rw.cell(c, style)
	rw.w.WriteString(`><v>`)
	rw.w.WriteString(v)
	rw.w.WriteString(`</v></c>`)
}

func (rw *rowWriter) str(c, style int, v string) {
	if v == "" {
		rw.blank(c, style)
		return
	}
	rw.cell(c, style)
	rw.w.WriteString(` t="inlineStr"><is><t`)
	if strings.TrimSpace(v) != v {
		rw.w.WriteString(` xml:space="preserve"`)
	}
	rw.w.WriteByte('>')
	writeXMLText(rw.w, v)
	rw.w.WriteString(`</t></is></c>`)
}

func (rw *rowWriter) flush() error {
	if err := rw.w.Flush(); rw.err == nil {
		rw.err = err
	}
	return rw.err
}

// writeXMLText escapes text for XML, dropping characters XML 1.0 cannot
// hold (cells reach here cleaned: controls are escaped already).
func writeXMLText(w *bufio.Writer, s string) {
	last := 0
	for i, r := range s {
		var esc string
		switch {
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '&':
			esc = "&amp;"
		case r == utf8.RuneError || !isXMLChar(r):
			esc = ""
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		_, size := utf8.DecodeRuneInString(s[i:])
		last = i + size
	}
	w.WriteString(s[last:])
}

// printLines estimates the lines a wrapped cell takes, erring on the tall
// side: LibreOffice and WPS substitute fonts wider than 宋体, and punctuation
// such as “” ≥ prints full-width, so a row sized exactly would clip its
// last line (seen converting the demo ledger to PDF).
func printLines(s string, w float64) int { return wrappedLines(s, max(w*0.88, 4)) }

// source names the cell a detail line comes from by the workbook's file
// name, sheet and cell: the folder is the data folder, and a full path
// would make the column (and the printed page) needlessly wide.
func source(p model.Pos) string {
	if p.File == "" {
		return ""
	}
	p.File = path.Base(p.File)
	return p.String()
}

// headerWidth is the width a header needs when it may wrap onto two lines.
func headerWidth(h string) float64 {
	w := displayWidth(h)
	if w > 10 {
		return math.Ceil((w-2)/2) + 2
	}
	return w
}

func valueWidth(v any) float64 {
	switch x := v.(type) {
	case string:
		return lineWidth(x)
	case int:
		return displayWidth(fmt.Sprint(x))
	case model.Points:
		return displayWidth(x.String()) + 1
	case *big.Rat:
		if x != nil {
			return displayWidth(model.Round2(x).String()) + 1
		}
	case time.Time:
		return 12
	}
	return 0
}

// printSetup prepares A4 landscape printing: one page wide, title and header
// rows repeated on every page, page numbers in the footer. For a streamed
// sheet it runs before the rows: the stream writer copies these settings
// from the sheet it replaces.
func printSetup(f *excelize.File, sh string) error {
	size, orient, fitW, fitH := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sh, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient,
		FitToWidth: &fitW, FitToHeight: &fitH}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	m, tb, h := 0.4, 0.5, 0.25
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &tb, Bottom: &tb,
		Header: &h, Footer: &h, Horizontally: boolPtr(true)}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", sh), Scope: sh})
}

func boolPtr(b bool) *bool { return &b }

func rankCell(r int) any {
	if r <= 0 {
		return nil
	}
	return r
}

func ratOrNil(r *big.Rat) any {
	if r == nil {
		return nil
	}
	return r
}

func yesBlank(b bool) any {
	if b {
		return model.Yes
	}
	return nil
}

func blankLine(s string) string {
	if s == "" {
		return "＿＿＿＿"
	}
	return s
}

func annualReason(a *model.Annual) string {
	r := a.Reason
	if d := a.Decision; d != nil && d.Reason != "" && d.Grade != "" && d.Grade != a.Proposed {
		if r != "" {
			r += "；"
		}
		r += "支部确定：" + d.Reason
	}
	return r
}
