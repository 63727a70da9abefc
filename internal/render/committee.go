package render

import (
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
)

// ReportView is the committee's working page for one year. Unlike the
// public views it carries ranks, deduction reasons, proposals, reasons,
// follow-up actions, exemption reasons and the findings of the build.
type ReportView struct {
	Year       int
	AsOf       string
	Status     string
	YearClosed bool
	Files      []Link
	Filings    []FilingRow // 备案 bundles to send upward
	Findings   []FindingRow
	Counts     string
	Quarters   []ReportQuarter
	QLabels    []string
	Groups     []GroupStat
	GroupChart *Chart
	Annual     []ReportAnnual
	Exempt     []ExemptRow
	Objections []ObjectionRow
	Attendance *AttendanceReport // nil without 签到表
	// Periods says where each period's 公示 stands (SPEC §11) and what
	// to record next with jifen post.
	Periods []PeriodRow
}

// FilingRow is one 备案 bundle of the year and where it goes.
type FilingRow struct {
	Href, Name string
	Period     string // 第一季度 … 年度
	To         string // 党建办 / 机关工委
	Due        string // by when
	Contents   string // what is inside
}

// filingRows lists the year's 备案 bundles and says what to send to whom
// and by when, as filing's Duty of each period declares it.
func filingRows(p *plan.Plan) []FilingRow {
	res := p.Result
	s := res.Year.Settings
	var rows []FilingRow
	for _, d := range p.Docs {
		if d.Kind == plan.RulesFiling {
			r := FilingRow{Href: d.Path, Name: d.Title, Period: "细则", To: filing.RulesDuty.To,
				Due: filing.RulesDue(res.Year.Year), Contents: filing.RulesDuty.Titles()}
			if s.Superior != "" {
				r.To += "（" + s.Superior + "）"
			}
			rows = append(rows, r)
			continue
		}
		if d.Kind != plan.Filing {
			continue
		}
		q := d.Quarter
		duty := filing.DutyOf(q)
		r := FilingRow{Href: d.Path, Name: d.Title, To: duty.To, Due: filing.Due(res.Year.Year, q), Contents: duty.Titles()}
		if q > 0 {
			r.Period = model.QuarterLabel(q)
		} else {
			r.Period = "年度"
			if s.Superior != "" {
				r.To += "（" + s.Superior + "）"
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// FindingRow is one finding of the build.
type FindingRow struct {
	Level, Class, Pos, Message string
}

// ReportQuarter is one shown quarter on the committee page.
type ReportQuarter struct {
	Label      string
	Draft      bool
	Rows       []ReportRow
	Deductions []DeductionRow
	Dist       *Chart
	Average    string
}

// ReportRow is a member's quarter on the committee page: the published
// figures, marked when the 季度积分 is below 70.
type ReportRow struct {
	QuarterRow
	Low    bool
	points model.Points
}

// DeductionRow is a 违规扣分 row with its committee-only 事由 and 依据.
type DeductionRow struct {
	Date, ID, Name, Item, Points, Reason, Source, Basis string
	points                                              model.Points
}

// GroupStat is one 党小组's statistics.
type GroupStat struct {
	Name    string
	Members int
	Avgs    []string // average 季度积分 per shown quarter
	avgs    []*big.Rat
	Grades  []GradeCount
	Below   []string // 「姓名（第二季度 65）」
}

// ReportAnnual is one member's annual result with the proposal.
type ReportAnnual struct {
	Rank, ID, Name, Category, Group, Quarters string
	AnnualFigures
	Proposed, Reason, Final                   string
	Changed                                   bool
	DecisionReason, Interviewer, DecisionDate string
	Actions                                   []string
}

// DeductionSum is the committee template's name for the 年度扣分 column,
// kept so that a template override written against it still works.
func (r ReportAnnual) DeductionSum() string { return r.Deduction }

// ExemptRow is a member 不纳入积分管理, with the reason and 备案情况.
type ExemptRow struct {
	ID, Name, Category, Group string // the fact of exemption only (SPEC §2.3)
}

// yearFindings keeps the findings of files in the year's folder and those
// not tied to any year (settings of the data folder, pages …).
func yearFindings(in *Input, y *model.Year) model.Findings {
	var dirs []string
	for _, yr := range in.Register.Years {
		if yr.Dir != "" {
			dirs = append(dirs, strings.TrimSuffix(yr.Dir, "/")+"/")
		}
	}
	own := strings.TrimSuffix(y.Dir, "/") + "/"
	var out model.Findings
	for _, f := range in.Findings {
		owner := ""
		for _, d := range dirs {
			if strings.HasPrefix(f.Pos.File+"/", d) {
				owner = d
				break
			}
		}
		// Findings not tied to a year (pages, the data folder) go on every page.
		if owner == "" || owner == own {
			out = append(out, f)
		}
	}
	out.Sort()
	return out
}

// committeeBranch names the branch on the year's committee pages.
func committeeBranch(in *Input, res *model.Result) string {
	if b := res.Year.Settings.Branch; b != "" {
		return b
	}
	return branchName(in)
}

func committeePage(in *Input, res *model.Result) *Page {
	y := res.Year.Year
	ys := strconv.Itoa(y)
	branch := committeeBranch(in, res)
	return &Page{Template: "committee.html", Path: plan.YearPath(y, "index.html"),
		Title: ys + "年度党员积分工作台（支委会） - " + branch, Heading: ys + "年度党员积分工作台",
		// Not Draft: the page holds closed, final quarters too; the open
		// quarter's own section carries the watermark (committee.html).
		Branch: branch, Report: reportView(in, res)}
}

// draftPages are the committee tree's previews of the open quarter
// (plan.DraftPage), watermarked, linked from the committee page.
func draftPages(in *Input, res *model.Result) []*Page {
	var pages []*Page
	p := in.plan(res)
	for _, d := range p.Docs {
		if d.Kind != plan.DraftPage {
			continue
		}
		y := res.Year.Year
		crumbs := []Link{{Href: plan.YearPath(y, "index.html"), Text: strconv.Itoa(y) + "年度工作台"}}
		pages = append(pages, quarterPage(in, res, d.Quarter, committeeBranch(in, res), true, crumbs))
	}
	return pages
}

func reportView(in *Input, res *model.Result) *ReportView {
	y := res.Year
	s := y.Settings
	p := in.plan(res)
	qs, draft := p.Quarters, p.Draft
	if draft > 0 {
		qs = append(qs[:len(qs):len(qs)], draft)
	}
	rv := &ReportView{Year: y.Year, AsOf: model.DateCN(res.AsOf), YearClosed: res.YearClosed, Status: yearStatus(res)}

	// Every document of the committee tree, drafts included; the 备案
	// bundles have a section of their own.
	for _, d := range p.In(plan.Committee) {
		if d.Kind != plan.Filing && d.Kind != plan.RulesFiling {
			rv.Files = append(rv.Files, Link{Href: d.Path, Text: d.Title, Note: d.Note})
		}
	}
	rv.Filings = filingRows(p)
	rv.Periods = periodRows(res)

	fs := yearFindings(in, y)
	for _, f := range fs {
		rv.Findings = append(rv.Findings, FindingRow{Level: f.Level.Label(), Class: f.Level.String(),
			Pos: f.Pos.String(), Message: f.Message})
	}
	rv.Counts = fmt.Sprintf("错误 %d 条，警告 %d 条，提示 %d 条", fs.Count(model.Error), fs.Count(model.Warning), fs.Count(model.Info))

	for _, q := range qs {
		rv.Quarters = append(rv.Quarters, reportQuarter(res, q, q == draft, in.formats(res)))
		rv.QLabels = append(rv.QLabels, model.QuarterLabel(q))
	}

	rv.Attendance = attendanceReport(res, qs)
	rv.Groups = groupStats(res, qs)
	if n := len(qs); n > 0 {
		var avgs []groupAvg
		for _, g := range rv.Groups {
			if r := groupYearAverage(res, g.Name, qs); r != nil {
				avgs = append(avgs, groupAvg{Group: g.Name, Avg: r.avg, N: r.n})
			}
		}
		rv.GroupChart = groupChart("groups", "各党小组平均季度积分（已显示季度）", avgs, s.BaseMax+s.RewardMax)
	}

	if res.YearClosed {
		rv.Annual = reportAnnual(res, in.formats(res))
	}
	for _, m := range res.Members {
		if m.Member.Exempt {
			rv.Exempt = append(rv.Exempt, ExemptRow{ID: m.Member.ID, Name: m.Member.Name,
				Category: string(m.Member.Category), Group: m.Member.Group})
		}
	}
	for _, q := range []int{1, 2, 3, 4, 0} {
		label := model.QuarterLabel(q)
		if q == 0 {
			label = "年度"
		}
		for _, o := range objectionRows(y, q) {
			o.Matter = label + "：" + o.Matter
			rv.Objections = append(rv.Objections, o)
		}
	}
	return rv
}

// yearStatus says how far the year has come.
func yearStatus(res *model.Result) string {
	var closed []string
	for q := 1; q <= 4; q++ {
		if res.Closed[q-1] {
			closed = append(closed, model.QuarterLabel(q))
		}
	}
	switch {
	case res.YearClosed:
		return "本年度已结束，年度结果已计算"
	case len(closed) == 0:
		return "本年度尚无已结束的季度"
	}
	return "已结束：" + strings.Join(closed, "、")
}

// reportQuarter is one quarter on the committee page: the members in rank
// order and the quarter's deductions with their 事由 and 依据.
func reportQuarter(res *model.Result, q int, draft bool, f *yearFormats) ReportQuarter {
	y := res.Year
	rq := ReportQuarter{Label: model.QuarterLabel(q), Draft: draft}
	rows, scores := quarterRows(res, q, true, false, f.quarter)
	for i, r := range rows {
		rq.Rows = append(rq.Rows, ReportRow{QuarterRow: r, Low: scores[i] < model.P(70), points: scores[i]})
	}
	// The committee reads the quarter in rank order: by 季度积分, highest first.
	sort.SliceStable(rq.Rows, func(i, j int) bool { return rq.Rows[i].points > rq.Rows[j].points })
	ts := totals(res, q)
	rq.Average = ratText(mean(ts))
	rq.Dist = distChart("dist-q"+strconv.Itoa(q), fmt.Sprintf("%s积分分布", model.QuarterLabel(q)), ts)
	for _, d := range y.Deductions {
		if model.QuarterOf(d.Date) != q || d.Date.Year() != y.Year {
			continue
		}
		row := DeductionRow{Date: model.DateString(d.Date), points: d.Points,
			Reason: d.Reason, Source: d.Source, Basis: d.Basis}
		if d.Member != nil {
			row.ID, row.Name = d.Member.ID, d.Member.Name
		}
		if d.Item != nil {
			row.Item = d.Item.Name
		}
		rq.Deductions = append(rq.Deductions, row)
	}
	sort.SliceStable(rq.Deductions, func(i, j int) bool { return rq.Deductions[i].Date < rq.Deductions[j].Date })
	dps := make([]model.Points, len(rq.Deductions))
	for i := range rq.Deductions {
		dps[i] = rq.Deductions[i].points
	}
	for i, t := range column(f.item, dps) {
		rq.Deductions[i].Points = t
	}
	return rq
}

// reportAnnual lists the annual results with proposals, reasons, decisions
// and actions, by 综合得分.
func reportAnnual(res *model.Result, f *yearFormats) []ReportAnnual {
	ms := append([]*model.MemberResult(nil), res.Members...)
	// By 综合得分, highest first; members without one (no 民主评议) last.
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i].Annual, ms[j].Annual
		if a == nil || a.Total == nil {
			return false
		}
		if b == nil || b.Total == nil {
			return true
		}
		return a.Total.Cmp(b.Total) > 0
	})
	var rows []ReportAnnual
	var as []*model.Annual
	for _, m := range ms {
		if m.Annual == nil {
			continue
		}
		a := m.Annual
		ra := ReportAnnual{Rank: rankText(a.Rank), ID: m.Member.ID, Name: m.Member.Name,
			Category: string(m.Member.Category), Group: m.Member.Group, Quarters: strconv.Itoa(a.Quarters),
			Proposed: m.ProposedLabel(), Reason: a.Reason, Final: m.FinalLabel(), Actions: a.Actions}
		if d := a.Decision; d != nil {
			ra.DecisionReason, ra.Interviewer, ra.DecisionDate = d.Reason, d.Interviewer, model.DateString(d.Date)
		}
		ra.Changed = a.Final != "" && a.Proposed != "" && a.Final != a.Proposed
		rows = append(rows, ra)
		as = append(as, a)
	}
	for i, af := range annualFigures(as, f.annual) {
		rows[i].AnnualFigures = af
	}
	return rows
}

type groupYear struct {
	avg *big.Rat
	n   int
}

// groupYearAverage is the mean of all shown quarter totals of a group.
func groupYearAverage(res *model.Result, group string, qs []int) *groupYear {
	var ps []model.Points
	members := 0
	for _, m := range res.Members {
		if m.Member.Exempt || groupName(m.Member) != group {
			continue
		}
		took := false
		for _, q := range qs {
			if sc := m.Quarters[q-1]; sc.Participating {
				ps = append(ps, sc.Total)
				took = true
			}
		}
		if took {
			members++
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &groupYear{avg: mean(ps), n: members}
}

func groupName(m *model.Member) string {
	if m.Group == "" {
		return noGroup
	}
	return m.Group
}

func groupStats(res *model.Result, qs []int) []GroupStat {
	names := append(groupsOf(res.Members), noGroup)
	var out []GroupStat
	for _, g := range names {
		gs := GroupStat{Name: g}
		count := map[string]int{}
		for _, m := range res.Members {
			if m.Member.Exempt || groupName(m.Member) != g {
				continue
			}
			gs.Members++
			for _, q := range qs {
				if sc := m.Quarters[q-1]; sc.Participating && sc.Total < model.P(70) {
					gs.Below = append(gs.Below, fmt.Sprintf("%s（%s %s）", m.Member.Name, model.QuarterLabel(q), sc.Total))
				}
			}
			if res.YearClosed && m.Annual != nil {
				if m.Annual.Final != "" {
					count[string(m.Annual.Final)]++
				}
				if m.Annual.Total != nil && model.Cmp(m.Annual.Total, 70) < 0 {
					gs.Below = append(gs.Below, fmt.Sprintf("%s（年度综合 %s）", m.Member.Name, ratText(m.Annual.Total)))
				}
			}
		}
		if gs.Members == 0 {
			continue
		}
		for _, q := range qs {
			var ps []model.Points
			for _, m := range res.Members {
				if sc := m.Quarters[q-1]; !m.Member.Exempt && groupName(m.Member) == g && sc.Participating {
					ps = append(ps, sc.Total)
				}
			}
			gs.avgs = append(gs.avgs, mean(ps))
			gs.Avgs = append(gs.Avgs, "")
		}
		if res.YearClosed {
			for _, gr := range model.Grades {
				gs.Grades = append(gs.Grades, GradeCount{Grade: string(gr), Count: count[string(gr)]})
			}
		}
		out = append(out, gs)
	}
	// Each quarter's column of group averages gets one number of decimals.
	for i := range qs {
		rs := make([]*big.Rat, len(out))
		for j := range out {
			rs[j] = out[j].avgs[i]
		}
		for j, t := range ratFigures(rs) {
			out[j].Avgs[i] = t
		}
	}
	return out
}
