package summary

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/sheet"
)

// Sheet names and columns of 汇总.xlsx: the overview first (branches ×
// periods), then the members needing follow-up, then one sheet per period
// with one row per branch, the columns of the site's tables (SPEC §10).
// Headers sit in row 1 and each column holds one kind of value, so that
// every sheet reads into other programs (pandas) as it is.
const (
	OverviewSheet  = "总览"
	FollowUpSheet  = "基本合格和不合格党员"
	MaxFollowUpRow = 2000 // rows of FollowUpSheet; the rest are counted
)

var (
	QuarterColumns = []string{"支部名称", "状态", "首次报送", "数据截至", "公示开始", "公示结束", "公示天数", "5日前开始公示", "公示不少于3天",
		"参加人数", "平均季度积分", "有扣分人数", "异议受理", "异议更正", "异议未结", "备案包", "说明"}
	YearColumns = []string{"支部名称", "状态", "首次报送", "数据截至", "参加人数", "评定人数",
		"优秀", "合格", "基本合格", "不合格", "优秀占比", "优秀比例上限", "优秀名额",
		"有扣分人数", "异议受理", "异议更正", "异议未结", "备案包", "说明"}
	FollowUpColumns = []string{"年度", "支部名称", "编号", "姓名", "类别", "党小组", "确定等次", "综合得分", "后续措施"}
)

// Sheets lays the roll-up out as 汇总.xlsx's sheets.
func (ru *Rollup) Sheets() []sheet.PlainSheet {
	out := []sheet.PlainSheet{ru.overview(), ru.followUps()}
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			s := sheet.PlainSheet{Name: p.Name(), Headers: QuarterColumns}
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

// overview is a row per branch, a column per period: its status there,
// blank where it was not expected; then its counts.
func (ru *Rollup) overview() sheet.PlainSheet {
	s := sheet.PlainSheet{Name: OverviewSheet, Headers: []string{"支部名称"}}
	contacts := false
	for _, b := range ru.Branches {
		contacts = contacts || b.Contact != ""
	}
	if contacts {
		s.Headers = append(s.Headers, ListContact)
	}
	if ru.List != nil {
		s.Headers = append(s.Headers, "名单")
	}
	var periods []*Period
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			periods = append(periods, p)
			s.Headers = append(s.Headers, p.Name())
		}
	}
	counted := []Status{OnTime, Late, Missing, Failed}
	for _, st := range counted {
		s.Headers = append(s.Headers, string(st)+"（期数）")
	}
	for _, b := range ru.Branches {
		row := []any{b.Name}
		if contacts {
			row = append(row, b.Contact)
		}
		if ru.List != nil {
			row = append(row, map[bool]string{true: "名单外", false: "名单内"}[b.OffList])
		}
		at := map[*Period]*Row{}
		n := map[Status]int{}
		for _, r := range b.Rows {
			at[r.Period] = r
			n[r.Status]++
		}
		for _, p := range periods {
			if r := at[p]; r != nil {
				row = append(row, string(r.Status))
			} else {
				row = append(row, nil)
			}
		}
		for _, st := range counted {
			row = append(row, n[st])
		}
		s.Rows = append(s.Rows, row)
	}
	return s
}

// followUps lists every 基本合格/不合格 member of each year's counting
// bundle, bounded: MaxFollowUps per bundle, MaxFollowUpRow in all, the
// rest counted in a row of their own.
func (ru *Rollup) followUps() sheet.PlainSheet {
	s := sheet.PlainSheet{Name: FollowUpSheet, Headers: FollowUpColumns}
	more := 0
	for _, y := range ru.Years {
		if y.Annual == nil {
			continue
		}
		for _, r := range y.Annual.Rows {
			if !r.Status.Filed() {
				continue
			}
			d := r.Digest
			for _, f := range d.FollowUps {
				if len(s.Rows) >= MaxFollowUpRow {
					more++
					continue
				}
				s.Rows = append(s.Rows, []any{y.Year, r.Branch.Name, f.ID, f.Name, f.Category, f.Group, f.Grade, points(f.Total), strings.Join(f.Actions, "；")})
			}
			if d.MoreFollowUps > 0 {
				if len(s.Rows) >= MaxFollowUpRow {
					more += d.MoreFollowUps
					continue
				}
				s.Rows = append(s.Rows, []any{y.Year, r.Branch.Name, nil, MoreFollowUpsText(d.MoreFollowUps)})
			}
		}
	}
	if more > 0 {
		s.Rows = append(s.Rows, []any{nil, nil, nil, fmt.Sprintf("……另有 %d 人未列出（本表最多列出 %d 行），见各支部年度备案包中的登记表", more, MaxFollowUpRow)})
	}
	return s
}

// MoreFollowUpsText stands for the follow-ups of one bundle not kept.
func MoreFollowUpsText(n int) string {
	return fmt.Sprintf("……另有 %d 人未列出（每个支部最多列出 %d 人），见该支部的年度综合积分登记表", n, MaxFollowUps)
}

func points(s string) any {
	if r, ok := new(big.Rat).SetString(s); ok && s != "" {
		return r
	}
	return nil
}

// Note says what else the superior should know of the row: lateness, the
// chain, copies and failed bundles.
func (r *Row) Note() string {
	var parts []string
	due := model.DateString(r.Period.Due)
	switch r.Status {
	case Late:
		parts = append(parts, "报送期限 "+due+"，首次报送的备案包数据截至 "+r.Submitted)
	case Missing:
		return "报送期限 " + due + "，未收到备案包"
	case Pending:
		return "报送期限 " + due + "，尚未收到"
	case Failed:
		return r.From.Problem.Error()
	}
	if n := len(r.Reports) - 1; n > 0 {
		parts = append(parts, fmt.Sprintf("更正 %d 次，以数据截至 %s 的为准", n, r.Digest.AsOf))
	}
	if r.Undecided {
		parts = append(parts, "有同日生成、内容不同的版本，请与支部核实")
	}
	same := 0
	for _, rep := range r.Reports {
		same += len(rep.Bundles) - 1
	}
	if same > 0 {
		parts = append(parts, fmt.Sprintf("重复收到 %d 份相同数据的备案包", same))
	}
	if n := len(r.Failed); n > 0 {
		parts = append(parts, fmt.Sprintf("另有 %d 个备案包校验失败", n))
	}
	return strings.Join(parts, "；")
}

func (r *Row) cells() []any {
	q := r.Period.Quarter
	row := []any{r.Branch.Name, string(r.Status)}
	width := len(QuarterColumns)
	if q == 0 {
		width = len(YearColumns)
	}
	if !r.Status.Filed() {
		var file any
		if r.From != nil {
			file = model.Printable(r.From.Path)
		}
		for len(row) < width-2 {
			row = append(row, nil)
		}
		return append(row, file, r.Note())
	}
	d := r.Digest
	obj := d.Objections
	row = append(row, day(r.Submitted), day(d.AsOf))
	if q > 0 {
		return append(row, day(d.Start), day(d.End), r.Days(), r.PublishedOnTime(), r.LongEnough(),
			d.Members, d.Average(), d.Deducted, obj.Received, obj.Corrected, obj.Open, model.Printable(r.From.Path), r.Note())
	}
	g := d.Grades
	var share sheet.Percent
	if d.Graded > 0 {
		share.Rat = big.NewRat(int64(g.Excellent), int64(d.Graded))
	}
	quota, _ := new(big.Rat).SetString(d.Quota)
	return append(row, d.Members, d.Graded, g.Excellent, g.Qualified, g.Basic, g.Unqualified,
		share, sheet.Percent{Rat: quota}, g.ExcellentLimit, d.Deducted,
		obj.Received, obj.Corrected, obj.Open, model.Printable(r.From.Path), r.Note())
}

func day(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t
}
