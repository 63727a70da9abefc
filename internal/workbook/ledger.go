package workbook

// The committee's 积分台帐 (SPEC §6, scheme 六 第四阶段 and 七(一)):
// one sheet per closed quarter with its detail lines, and the year's
// summary. Every figure is a computed value rounded to two decimals (a
// formula would read as blank in WPS and previewers, PITFALLS §2), and the
// sheets are set up to print on A4 landscape with the header repeated.

import (
	"fmt"
	"io"
	"math/big"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/jifen-dev/jifen/internal/model"
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

// ledgerSheet is a sheet of the ledger: headers, rows and which columns
// hold points (two-decimal format).
type ledgerSheet struct {
	name, title string
	headers     []string
	rows        [][]any
	pointCols   map[int]bool
	freezeCols  int
	footer      []string // lines below the table (signatures, notes)
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
	bw := &bookWriter{f: f, lists: map[string]string{}}
	if bw.st, err = newStyles(f); err != nil {
		return err
	}
	pts, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 11}, NumFmt: 2,
		Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}})
	if err != nil {
		return err
	}
	y := res.Year
	st := y.Settings
	branch := st.Branch
	sign := []string{fmt.Sprintf("积分管理员：%s　　　　支部书记：%s　　　　统计日期：%s",
		blankLine(st.Administrator), blankLine(st.Secretary), model.DateCN(res.AsOf))}

	var sheets []ledgerSheet
	for q := 1; q <= 4; q++ {
		if !res.Closed[q-1] {
			continue
		}
		qn := "第" + model.QuarterCN(q) + "季度"
		sum := ledgerSheet{name: qn, headers: LedgerQuarterHeaders, freezeCols: 3,
			title:     fmt.Sprintf("%s%d年%s党员积分台帐", branch, y.Year, qn),
			pointCols: map[int]bool{5: true, 6: true, 7: true, 8: true}}
		det := ledgerSheet{name: qn + "明细", headers: LedgerDetailHeaders, freezeCols: 3,
			title:     fmt.Sprintf("%s%d年%s积分明细", branch, y.Year, qn),
			pointCols: map[int]bool{7: true}}
		n, nd := 0, 0
		for _, mr := range res.Members {
			qs := mr.Quarters[q-1]
			if !qs.Participating {
				continue
			}
			m := mr.Member
			n++
			sum.rows = append(sum.rows, []any{n, m.ID, m.Name, string(m.Category), m.Group,
				qs.Base, qs.Reward, qs.Deduction, qs.Total, rankCell(qs.Rank)})
			for _, l := range qs.Lines {
				nd++
				code, name := "", ""
				if l.Item != nil {
					code, name = l.Item.Code, l.Item.Name
				}
				det.rows = append(det.rows, []any{nd, m.ID, m.Name, l.Date, l.Kind.String(), code, name,
					l.Points, l.Reason, l.Source, yesBlank(l.Capped), l.Pos.String()})
			}
		}
		start, end := st.Publication(q)
		sum.footer = append([]string{
			fmt.Sprintf("说明：季度积分＝基础积分＋奖励积分－违规扣分；基础积分上限 %s 分，奖励积分上限 %s 分。公示期 %s 至 %s。",
				st.BaseMax, st.RewardMax, model.DateCN(start), model.DateCN(end)),
		}, sign...)
		sheets = append(sheets, sum, det)
	}

	ann := ledgerSheet{name: LedgerAnnualSheet, headers: LedgerAnnualHeaders, freezeCols: 3,
		title:     fmt.Sprintf("%s%d年度党员积分汇总（年度综合积分登记）", branch, y.Year),
		pointCols: map[int]bool{5: true, 6: true, 7: true, 8: true, 9: true, 10: true, 11: true, 12: true, 13: true, 14: true}}
	for i, mr := range res.Members {
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
			row = append(row, nil, nil, nil, nil, nil, nil, nil, nil, nil, note, nil)
		} else {
			row = append(row, a.QuarterAvg, a.BaseAvg, a.RewardAvg, a.DeductionSum, ratOrNil(a.Democratic), ratOrNil(a.Total),
				rankCell(a.Rank), proposedCell(m, a), string(a.Final), annualReason(a), strings.Join(a.Actions, "；"))
		}
		ann.rows = append(ann.rows, row)
	}
	ann.footer = append([]string{"说明：年度综合得分＝季度积分平均分＋民主评议分；建议等次由程序按实施方案五(六)提出，确定等次由支部研究决定。"}, sign...)
	sheets = append(sheets, ann)

	for i, s := range sheets {
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err == nil {
			err = bw.writeLedgerSheet(s, pts)
		}
		if err != nil {
			return fmt.Errorf("ledger %s: %w", s.name, err)
		}
	}
	f.SetActiveSheet(0)
	return f.Write(w)
}

func (bw *bookWriter) writeLedgerSheet(s ledgerSheet, pts int) error {
	f, sh := bw.f, s.name
	ncol := len(s.headers)
	last := model.ColumnName(ncol)
	if err := f.SetCellStr(sh, "A1", s.title); err != nil {
		return err
	}
	if err := f.MergeCell(sh, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A1", last+"1", bw.st.title); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 30); err != nil {
		return err
	}
	if err := f.SetSheetRow(sh, "A2", &s.headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A2", last+"2", bw.st.header); err != nil {
		return err
	}
	widths := make([]float64, ncol)
	for c, h := range s.headers {
		widths[c] = displayWidth(h)
	}
	for i, row := range s.rows {
		r := i + 3
		for c, v := range row {
			cell := fmt.Sprintf("%s%d", model.ColumnName(c+1), r)
			w, err := bw.setValue(sh, cell, v)
			if err != nil {
				return fmt.Errorf("%s: %w", cell, err)
			}
			widths[c] = max(widths[c], w)
			if s.pointCols[c] {
				if err := f.SetCellStyle(sh, cell, cell, pts); err != nil {
					return err
				}
			}
		}
	}
	for c, h := range s.headers {
		if !wrapHeaders[h] || len(s.rows) == 0 {
			continue
		}
		col := model.ColumnName(c + 1)
		if err := f.SetCellStyle(sh, col+"3", fmt.Sprintf("%s%d", col, len(s.rows)+2), bw.st.wrap); err != nil {
			return err
		}
	}
	for c, w := range widths {
		col := model.ColumnName(c + 1)
		limit := maxColWidth
		if wrapHeaders[s.headers[c]] {
			limit = 36
		}
		widths[c] = min(max(w, minColWidth), limit)
		if err := f.SetColWidth(sh, col, col, widths[c]); err != nil {
			return err
		}
	}
	for i, row := range s.rows {
		if err := fitRow(f, sh, i+3, row, s.headers, widths); err != nil {
			return err
		}
	}
	r := len(s.rows) + 4
	for _, line := range s.footer {
		if err := f.SetCellStr(sh, fmt.Sprintf("A%d", r), line); err != nil {
			return err
		}
		r++
	}
	top := fmt.Sprintf("%s3", model.ColumnName(s.freezeCols+1))
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: s.freezeCols, YSplit: 2, TopLeftCell: top,
		ActivePane: "bottomRight", Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}); err != nil {
		return err
	}
	return printSetup(f, sh)
}

// printSetup prepares A4 landscape printing: one page wide, header rows
// repeated on every page, page numbers in the footer.
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
	m, h := 0.5, 0.3
	if err := f.SetPageMargins(sh, &excelize.PageLayoutMarginsOptions{Left: &m, Right: &m, Top: &m, Bottom: &m,
		Header: &h, Footer: &h}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sh, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: fmt.Sprintf("'%s'!$1:$2", sh), Scope: sh})
}

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
		return "是"
	}
	return nil
}

func blankLine(s string) string {
	if s == "" {
		return "＿＿＿＿"
	}
	return s
}

func proposedCell(m *model.Member, a *model.Annual) string {
	switch {
	case !m.Category.Graded():
		return "不评定"
	case a.Proposed == "":
		return "缺民主评议"
	case a.Tie:
		return string(a.Proposed) + "（" + model.TiePhrase + "）"
	}
	return string(a.Proposed)
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
