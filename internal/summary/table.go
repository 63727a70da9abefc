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
	RulesSheet     = "细则"
	ExemptSheet    = "不纳入积分管理"
	MaxFollowUpRow = 2000 // rows of FollowUpSheet; the rest are counted
	MaxExemptRow   = 2000 // rows of ExemptSheet
)

var (
	// The bundle that counts is named by 备案包, and the 说明 says its
	// as-of when a correction superseded the first: a period's table keeps
	// to one A4 landscape page width at 8 points.
	QuarterColumns = []string{"支部名称", "状态", "首次报送", "张贴日期", "公示开始", "公示结束", "公示天数", "5日前开始公示", "公示不少于3天",
		"参加人数", "平均季度积分", "有扣分人数", "异议受理", "异议更正", "异议未结", "备案包", "说明"}
	YearColumns = []string{"支部名称", "状态", "首次报送", "张贴日期", "参加人数", "评定人数",
		"优秀", "合格", "基本合格", "不合格", "优秀占比", "优秀比例上限", "优秀名额",
		"有扣分人数", "异议受理", "异议更正", "异议未结", "备案包", "说明"}
	FollowUpColumns = []string{"年度", "支部名称", "编号", "姓名", "类别", "党小组", "确定等次", "综合得分", "后续措施", "批复情况"}
	RulesColumns    = []string{"年度", "支部名称", "状态", "首次报送", "数据截至", "考核项目数", "名册人数", "不纳入积分管理人数",
		"比较年度", "与上年相比的变化", "变化说明", "备案包", "说明"}
	ExemptColumns = []string{"年度", "支部名称", "编号", "姓名", "类别", "党小组", "不纳入原因", "备案情况"}
)

// Sheets lays the roll-up out as 汇总.xlsx's sheets.
func (ru *Rollup) Sheets() []sheet.PlainSheet {
	out := []sheet.PlainSheet{ru.overview(), ru.followUps(), ru.rulesSheet(), ru.exemptSheet()}
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
		ps := y.Periods()
		if y.Rules != nil {
			ps = append([]*Period{y.Rules}, ps...)
		}
		for _, p := range ps {
			periods = append(periods, p)
			s.Headers = append(s.Headers, p.Name())
		}
	}
	counted := []Status{OnTime, Late, Unrecorded, Missing, Failed}
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
			if !r.Period.Rules {
				n[r.Status]++
			}
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
				s.Rows = append(s.Rows, []any{y.Year, r.Branch.Name, f.ID, f.Name, f.Category, f.Group, f.Grade, points(f.Total),
					strings.Join(f.Actions, "；"), r.Latest.Digest.Approval(f.ID)})
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

// Approval says where the measures of member id needing the superior's
// 批复 stand, as the year's bundle lists them: 「待批复：限期改正（2027-01-20
// 报批）」, 「须报批，尚未报批：延长预备期」; 无待批复 when none is pending.
func (d *Digest) Approval(id string) string {
	var parts []string
	for _, p := range d.Pending {
		if p.ID != id {
			continue
		}
		if p.Submitted == "" {
			parts = append(parts, "须报批，尚未报批："+p.Measure)
		} else {
			parts = append(parts, "待批复："+p.Measure+"（"+p.Submitted+" 报批）")
		}
	}
	if len(parts) == 0 {
		return "无待批复"
	}
	return strings.Join(parts, "；")
}

// rulesSheet is a row per branch and year expected to file its 细则:
// status, when, the rubric's size and its changes against the branch's
// previous year.
func (ru *Rollup) rulesSheet() sheet.PlainSheet {
	s := sheet.PlainSheet{Name: RulesSheet, Headers: RulesColumns}
	for _, y := range ru.Years {
		if y.Rules == nil {
			continue
		}
		for _, r := range y.Rules.Rows {
			row := []any{y.Year, r.Branch.Name, string(r.Status)}
			if !r.Status.Filed() {
				var file any
				if r.From != nil {
					file = model.Printable(r.From.Path)
				}
				row = append(row, nil, nil, nil, nil, nil, nil, nil, nil, file, r.Note())
				s.Rows = append(s.Rows, row)
				continue
			}
			d := r.Digest
			row = append(row, day(r.Submitted), day(d.AsOf), len(d.Rules.Items), d.Rules.Roster, d.Exempt)
			if r.Diff != nil {
				row = append(row, r.Diff.PrevYear, r.Diff.Count(), DiffText(r.Diff))
			} else {
				row = append(row, nil, nil, "无上年细则可比")
			}
			s.Rows = append(s.Rows, append(row, model.Printable(r.From.Path), r.Note()))
		}
	}
	return s
}

// DiffText is a 细则's changes in one cell, bounded.
func DiffText(d *RulesDiff) string {
	lines := d.Lines()
	if len(lines) == 0 {
		return "无变化"
	}
	const max = 30
	if len(lines) > max {
		lines = append(lines[:max], fmt.Sprintf("……另有 %d 处", len(lines)-max))
	}
	return strings.Join(lines, "\n")
}

// exemptSheet lists every exempted member with his 不纳入原因 and 备案情况,
// from each branch's latest 细则 of each year (三: the superior's 备案).
func (ru *Rollup) exemptSheet() sheet.PlainSheet {
	s := sheet.PlainSheet{Name: ExemptSheet, Headers: ExemptColumns}
	more := 0
	for _, y := range ru.Years {
		if y.Rules == nil {
			continue
		}
		for _, r := range y.Rules.Rows {
			if !r.Status.Filed() {
				continue
			}
			rd := r.Digest.Rules
			for _, m := range rd.Exempt {
				if len(s.Rows) >= MaxExemptRow {
					more++
					continue
				}
				s.Rows = append(s.Rows, []any{y.Year, r.Branch.Name, m.ID, m.Name, m.Category, m.Group, m.Reason, m.Filing})
			}
			if rd.MoreExempt > 0 {
				if len(s.Rows) >= MaxExemptRow {
					more += rd.MoreExempt
					continue
				}
				s.Rows = append(s.Rows, []any{y.Year, r.Branch.Name, nil, ExemptText(rd.MoreExempt)})
			}
		}
	}
	if more > 0 {
		s.Rows = append(s.Rows, []any{nil, nil, nil, fmt.Sprintf("……另有 %d 人未列出（本表最多列出 %d 行），见各支部的细则备案包", more, MaxExemptRow)})
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
	case Missing:
		return "报送期限 " + due + "，未收到备案包"
	case Pending:
		return "报送期限 " + due + "，尚未收到"
	case Failed:
		return r.From.Problem.Error()
	}
	if r.BundleLate {
		parts = append(parts, "报送期限 "+due+"，首次报送的备案包数据截至 "+r.Submitted)
	}
	if r.PostedLate {
		parts = append(parts, "公示 "+r.Posted+" 张贴，晚于 "+due)
	}
	if r.Status == Unrecorded {
		parts = append(parts, "备案包中没有公示的张贴记录：支部未用 jifen post 记录张贴，无法确认公示是否张贴、何时张贴")
	}
	if r.Broken != "" {
		parts = append(parts, "公示记录不连续："+r.Broken)
	}
	if n := len(r.Records) - 1; n > 0 {
		parts = append(parts, fmt.Sprintf("张贴更正公示 %d 次", n))
	}
	if len(r.Awaiting) > 0 {
		parts = append(parts, fmt.Sprintf("有 %d 人的更正公示尚未张贴", len(r.Awaiting)+r.MoreAwaiting))
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
	var posted any = unrecordedCell
	if r.Posted != "" {
		posted = day(r.Posted)
	}
	row = append(row, day(r.Submitted), posted)
	if q > 0 {
		start, end := d.Start, d.End
		if n := r.notice(); n != nil {
			start, end = n.Start, n.End
		}
		return append(row, day(start), day(end), r.Days(), r.OnTimeText(), model.YesNo(r.LongEnough()),
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

// unrecordedCell stands in the sheets for a posting date no record gives.
const unrecordedCell = "未记录"

// OnTimeText answers 「5日前开始公示」 from the record: 是, 否, or 未记录.
func (r *Row) OnTimeText() string {
	if r.Posted == "" {
		return unrecordedCell
	}
	return model.YesNo(r.PublishedOnTime())
}

func day(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return t
}
