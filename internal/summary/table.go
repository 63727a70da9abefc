package summary

import (
	"fmt"
	"math/big"
	"time"

	"github.com/jifen-dev/jifen/internal/workbook"
)

// Columns of 汇总.xlsx, one sheet per period, one row per branch: the
// columns of the site's tables (SPEC §10).
var (
	QuarterColumns = []string{"支部名称", "状态", "公示开始", "公示结束", "公示天数", "5日前开始公示", "公示不少于3天",
		"参加人数", "平均季度积分", "有扣分人数", "异议受理", "异议更正", "异议未结", "数据截至", "备案包", "说明"}
	YearColumns = []string{"支部名称", "状态", "公示开始", "公示结束", "参加人数", "评定人数",
		"优秀", "合格", "基本合格", "不合格", "优秀占比", "优秀比例上限", "优秀名额", "优秀超出名额",
		"有扣分人数", "异议受理", "异议更正", "异议未结", "数据截至", "备案包", "说明"}
)

// Sheets lays the roll-up out as 汇总.xlsx's sheets.
func (ru *Rollup) Sheets() []workbook.PlainSheet {
	var out []workbook.PlainSheet
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			s := workbook.PlainSheet{Name: p.Name(), Headers: QuarterColumns}
			if p.Quarter == 0 {
				s.Headers = YearColumns
			}
			for _, r := range p.Rows {
				s.Rows = append(s.Rows, r.cells())
			}
			out = append(out, s)
		}
	}
	return out
}

// Note says what else arrived for the row's branch and period.
func (r *Row) Note() string {
	note := ""
	if n := len(r.Others); n > 0 {
		note = fmt.Sprintf("另收到 %d 个内容不同的版本，以数据截至 %s 的为准", n, r.Digest.AsOf)
	}
	if r.Copies > 0 {
		if note != "" {
			note += "；"
		}
		note += fmt.Sprintf("重复收到 %d 份相同的备案包", r.Copies)
	}
	if n := len(r.Failed); n > 0 && r.Status == Filed {
		if note != "" {
			note += "；"
		}
		note += fmt.Sprintf("另有 %d 个备案包校验失败", n)
	}
	return note
}

func (r *Row) cells() []any {
	q := r.Period.Quarter
	row := []any{r.Branch.Name, string(r.Status)}
	width := len(QuarterColumns)
	if q == 0 {
		width = len(YearColumns)
	}
	if r.Status != Filed {
		file, note := "", ""
		if r.From != nil {
			file, note = r.From.Path, r.From.Problem.Error()
		}
		for len(row) < width-2 {
			row = append(row, nil)
		}
		return append(row, file, note)
	}
	d := r.Digest
	day := func(s string) any {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return s
		}
		return t
	}
	obj := d.Objections
	if q > 0 {
		return append(row, day(d.Start), day(d.End), r.Days(), r.OnTime(), r.LongEnough(),
			d.Members, d.Average(), d.Deducted, obj.Received, obj.Corrected, obj.Open, day(d.AsOf), r.From.Path, r.Note())
	}
	g := d.Grades
	var share workbook.Percent
	if d.Graded > 0 {
		share.Rat = big.NewRat(int64(g.Excellent), int64(d.Graded))
	}
	quota, _ := new(big.Rat).SetString(d.Quota)
	return append(row, day(d.Start), day(d.End), d.Members, d.Graded, g.Excellent, g.Qualified, g.Basic, g.Unqualified,
		share, workbook.Percent{Rat: quota}, g.ExcellentLimit, max(0, g.Excellent-g.ExcellentLimit), d.Deducted,
		obj.Received, obj.Corrected, obj.Open, day(d.AsOf), r.From.Path, r.Note())
}
