package render

import (
	"fmt"
	"io/fs"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/summary"
)

// SummaryView is a page of the superior's site (SPEC §10): its home page,
// one page per period, one per branch. The site is for the 党建办 and the
// 机关工委, not the public: it names members graded 基本合格/不合格 and
// their follow-up actions.
type SummaryView struct {
	Facts    []Fact
	Years    []SumYear
	Findings []FindingRow
	Counts   string
	Branches []SumLink
	Charts   []*Chart
	Period   *SumPeriod
	Branch   *SumBranch
}

// Fact is one label and value of a summary line.
type Fact struct{ Label, Value string }

// SumLink is a link with a note.
type SumLink struct{ Href, Text, Note string }

// SumYear lists a year's periods on the home page.
type SumYear struct {
	Year    int
	Periods []SumPeriodLink
}

// SumPeriodLink is one period on the home page with its head counts.
type SumPeriodLink struct {
	Href, Name                             string
	Filed, Late, Short, Missing, Failed, N int
}

// SumPeriod is one period's table of branches.
type SumPeriod struct {
	Name      string
	Annual    bool
	Due       string // the on-time rule in words
	Rows      []SumRow
	FollowUps []SumFollowUp
	Totals    string
}

// SumRow is one branch in a period.
type SumRow struct {
	Branch, BranchHref string
	Status, Class      string // 已报送/未报送/校验失败; ok/missing/failed
	Start, End         string
	OnTime, Long       string // 是/否
	Late, Short        bool
	Days               string
	Members, Average   string
	Deducted           string
	Received           string
	Corrected, Open    string
	AsOf               string
	Note               string
	Notice, Register   string // hrefs from the site root
	// The year.
	Graded, Excellent, Qualified, Basic, Unqualified string
	Share, Cap                                       string
	Over                                             bool
}

// SumFollowUp is a member graded 基本合格/不合格 with his follow-up action.
type SumFollowUp struct {
	Branch, BranchHref, ID, Name, Category, Group, Grade, Total, Actions string
}

// SumBranch is a branch's own page: every period it filed, with the
// notices as received.
type SumBranch struct {
	Name, Superior string
	Years          []SumBranchYear
	Files          []SumLink // every bundle file of the branch and what became of it
}

// SumBranchYear is one year of a branch's page.
type SumBranchYear struct {
	Year int
	Rows []SumBranchRow
}

// SumBranchRow is one period of a branch's page.
type SumBranchRow struct {
	SumRow
	Period, PeriodHref string
	Versions           []SumLink // notices of other valid bundles of the period
}

// SummaryInput is what the superior's site is made from.
type SummaryInput struct {
	Rollup    *summary.Rollup
	Now       time.Time // shown in footers
	Templates string    // override folder ("" = none)
}

// SummaryPages writes the superior's site into dir (which exists) and
// returns the number of pages written: index.html, <year>/q<N>.html and
// <year>/annual.html, branches/<id>/index.html, with style.css.
func SummaryPages(dir string, in *SummaryInput) (int, error) {
	// The renderer wants a register; the superior has none, only bundles.
	r, err := newRenderer(&Input{Register: &model.Register{}, Now: in.Now, Templates: in.Templates})
	if err != nil {
		return 0, err
	}
	var css []byte
	for _, name := range []string{"style.css", "summary.css"} {
		b, err := fs.ReadFile(r.fsys, name)
		if err != nil {
			return 0, fmt.Errorf("read template %s: %w", name, err)
		}
		css = append(css, b...)
	}
	if err := writeFile(filepath.Join(dir, "style.css"), css); err != nil {
		return 0, err
	}
	ru := in.Rollup
	site := "党员积分备案汇总"
	if ru.Superior != "" {
		site = ru.Superior + " · " + site
	}
	pages := []*Page{summaryHome(ru)}
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			pages = append(pages, summaryPeriod(p))
		}
	}
	for _, b := range ru.Branches {
		pages = append(pages, summaryBranch(b))
	}
	for _, p := range pages {
		p.Branch = site
		if err := r.write(dir, p); err != nil {
			return r.pages, err
		}
	}
	return r.pages, nil
}

// PeriodHref is the page of a period: 2026/q1.html, 2026/annual.html.
func PeriodHref(year, q int) string {
	if q == 0 {
		return strconv.Itoa(year) + "/annual.html"
	}
	return fmt.Sprintf("%d/q%d.html", year, q)
}

// BranchHref is the page of a branch.
func BranchHref(b *summary.Branch) string { return "branches/" + b.ID + "/index.html" }

func summaryHome(ru *summary.Rollup) *Page {
	v := &SummaryView{}
	failed := ru.Bundles - ru.Valid
	v.Facts = []Fact{
		{"收到备案包", fmt.Sprintf("%d 个（校验通过 %d 个，未通过 %d 个）", ru.Bundles, ru.Valid, failed)},
		{"涉及支部", fmt.Sprintf("%d 个", len(ru.Branches))},
	}
	for _, y := range ru.Years {
		sy := SumYear{Year: y.Year}
		for _, p := range y.Periods() {
			l := SumPeriodLink{Href: PeriodHref(p.Year, p.Quarter), Name: p.Name(), N: len(p.Rows),
				Filed: p.Count(summary.Filed), Missing: p.Count(summary.Missing), Failed: p.Count(summary.Failed)}
			for _, r := range p.Rows {
				if r.Status == summary.Filed && p.Quarter > 0 {
					if !r.OnTime() {
						l.Late++
					}
					if !r.LongEnough() {
						l.Short++
					}
				}
			}
			sy.Periods = append(sy.Periods, l)
		}
		v.Years = append(v.Years, sy)
	}
	for _, b := range ru.Branches {
		filed := 0
		for _, r := range b.Rows {
			if r.Status == summary.Filed {
				filed++
			}
		}
		v.Branches = append(v.Branches, SumLink{Href: BranchHref(b), Text: b.Name, Note: fmt.Sprintf("已报送 %d 期", filed)})
	}
	for _, f := range ru.Findings {
		v.Findings = append(v.Findings, FindingRow{Level: f.Level.Label(), Class: f.Level.String(), Pos: f.Pos.String(), Message: f.Message})
	}
	v.Counts = fmt.Sprintf("警告 %d 条，提示 %d 条", ru.Findings.Count(model.Warning), ru.Findings.Count(model.Info))
	return &Page{Template: "summary-home.html", Path: "index.html", Title: "积分备案汇总", Heading: "党员积分制管理备案汇总", Summary: v}
}

func summaryPeriod(p *summary.Period) *Page {
	sp := &SumPeriod{Name: p.Name(), Annual: p.Quarter == 0}
	root := "../"
	if p.Quarter > 0 {
		sp.Due = fmt.Sprintf("实施方案要求季度结束后次月 5 日前（%s前）开始公示，公示不少于 %d 天，并报党建办备案。",
			model.DateCN(model.PublicationDue(p.Year, p.Quarter)), model.MinPublicationDays)
	} else {
		sp.Due = "年度综合积分和确定等次报机关工委备案；优秀比例一般不超过各支部设置的优秀比例上限。"
	}
	var avgs []model.Points
	var status [4]int
	var grades [4]int
	members, filed := 0, 0
	for _, r := range p.Rows {
		row := sumRow(r, root)
		sp.Rows = append(sp.Rows, row)
		switch r.Status {
		case summary.Filed:
			filed++
			members += r.Digest.Members
			if avg := r.Digest.Average(); avg != nil {
				avgs = append(avgs, model.Round2(avg))
			}
			switch {
			case p.Quarter > 0 && (!r.OnTime() || !r.LongEnough()):
				status[1]++
			default:
				status[0]++
			}
			g := r.Digest.Grades
			grades[0] += g.Excellent
			grades[1] += g.Qualified
			grades[2] += g.Basic
			grades[3] += g.Unqualified
			for _, f := range r.Digest.FollowUps {
				sp.FollowUps = append(sp.FollowUps, SumFollowUp{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch),
					ID: f.ID, Name: f.Name, Category: f.Category, Group: f.Group, Grade: f.Grade, Total: f.Total,
					Actions: strings.Join(f.Actions, "；")})
			}
		case summary.Missing:
			status[2]++
		case summary.Failed:
			status[3]++
		}
	}
	sp.Totals = fmt.Sprintf("%d 个支部，已报送 %d 个，参加积分管理 %d 人", len(p.Rows), filed, members)
	v := &SummaryView{Period: sp}
	id := "p" + strconv.Itoa(p.Year) + "-" + strconv.Itoa(p.Quarter)
	if p.Quarter > 0 {
		v.Charts = append(v.Charts,
			columnChart(id+"-status", sp.Name+"报送情况（支部数）", []string{"按时公示", "逾期或不足3天", "未报送", "校验失败"}, status[:], "个"),
			branchDist(id+"-avg", sp.Name+"各支部平均季度积分分布（支部数）", avgs))
	} else {
		v.Charts = append(v.Charts,
			columnChart(id+"-status", sp.Name+"报送情况（支部数）", []string{"已报送", "未报送", "校验失败"}, []int{status[0], status[2], status[3]}, "个"),
			columnChart(id+"-grades", sp.Name+"确定等次分布（全部支部，人数）", model.Texts(model.Grades), grades[:], "人"))
	}
	return &Page{Template: "summary-period.html", Path: PeriodHref(p.Year, p.Quarter), Title: sp.Name + "积分备案汇总",
		Heading: sp.Name + "积分备案汇总", Crumbs: []Link{{Href: "index.html", Text: "备案汇总"}}, Summary: v}
}

// branchDist counts branches by their average 季度积分, in the ranges of
// the branches' own distribution charts.
func branchDist(id, title string, avgs []model.Points) *Chart {
	labels := make([]string, len(distBins))
	counts := make([]int, len(distBins))
	for i, b := range distBins {
		labels[i] = b.label
	}
	for _, a := range avgs {
		counts[binOf(a)]++
	}
	if len(avgs) == 0 {
		counts = nil
	}
	return columnChart(id, title, labels, counts, "个")
}

// sumRow is a period row as the period table and the branch page show it;
// root leads from the page to the site root.
func sumRow(r *summary.Row, root string) SumRow {
	row := SumRow{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch), Status: string(r.Status)}
	switch r.Status {
	case summary.Missing:
		row.Class = "missing"
		return row
	case summary.Failed:
		row.Class = "failed"
		row.Note = r.From.Path + "：" + r.From.Problem.Message
		return row
	}
	row.Class = "ok"
	d := r.Digest
	row.Start, row.End = d.Start, d.End
	row.Days = strconv.Itoa(r.Days())
	row.Long, row.Short = model.YesNo(r.LongEnough()), !r.LongEnough()
	if d.Quarter() > 0 {
		row.OnTime, row.Late = model.YesNo(r.OnTime()), !r.OnTime()
	}
	row.Members = strconv.Itoa(d.Members)
	row.Average = ratText(d.Average())
	row.Deducted = strconv.Itoa(d.Deducted)
	row.Received = strconv.Itoa(d.Objections.Received)
	row.Corrected = strconv.Itoa(d.Objections.Corrected)
	row.Open = strconv.Itoa(d.Objections.Open)
	row.AsOf = d.AsOf
	row.Notice = root + d.Notice
	if d.Register != "" {
		row.Register = root + d.Register
	}
	row.Note = r.Note()
	if d.Quarter() == 0 {
		g := d.Grades
		row.Graded = strconv.Itoa(d.Graded)
		row.Excellent, row.Qualified = strconv.Itoa(g.Excellent), strconv.Itoa(g.Qualified)
		row.Basic, row.Unqualified = strconv.Itoa(g.Basic), strconv.Itoa(g.Unqualified)
		if d.Graded > 0 {
			row.Share = model.RatString(big.NewRat(int64(100*g.Excellent), int64(d.Graded))) + "%"
		} else {
			row.Share = "—"
		}
		row.Cap = fractionPercent(d.Quota) + "，限 " + strconv.Itoa(g.ExcellentLimit) + " 人"
		row.Over = r.OverQuota()
	}
	return row
}

func summaryBranch(b *summary.Branch) *Page {
	const root = "../../"
	sb := &SumBranch{Name: b.Name, Superior: b.Superior}
	byYear := map[int]*SumBranchYear{}
	var order []int
	for _, r := range b.Rows {
		year, q := r.Period.Year, r.Period.Quarter
		by := byYear[year]
		if by == nil {
			by = &SumBranchYear{Year: year}
			byYear[year] = by
			order = append(order, year)
		}
		br := SumBranchRow{SumRow: sumRow(r, root), Period: r.Period.Name(), PeriodHref: root + PeriodHref(year, q)}
		for _, o := range r.Others {
			br.Versions = append(br.Versions, SumLink{Href: root + o.Notice, Text: "数据截至 " + o.AsOf + " 的版本", Note: o.ContentHash[:8]})
		}
		by.Rows = append(by.Rows, br)
	}
	for _, y := range order {
		sb.Years = append(sb.Years, *byYear[y])
	}
	for _, rc := range b.Received {
		l := SumLink{Text: rc.Path}
		if rc.Digest != nil {
			l.Note = "校验通过，数据截至 " + rc.Digest.AsOf
		} else {
			l.Note = "校验失败：" + rc.Problem.Error()
		}
		sb.Files = append(sb.Files, l)
	}
	return &Page{Template: "summary-branch.html", Path: BranchHref(b), Title: b.Name + " - 积分备案",
		Heading: b.Name, Crumbs: []Link{{Href: "index.html", Text: "备案汇总"}}, Summary: &SummaryView{Branch: sb}}
}

// fractionPercent writes a bundle's fraction such as 0.15 as 15%.
func fractionPercent(frac string) string {
	r, ok := new(big.Rat).SetString(frac)
	if !ok {
		return frac
	}
	return model.Percent(r)
}
