package render

import (
	"fmt"
	"io/fs"
	"math/big"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
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
	Overview *SumOverview
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
	Href, Name                                       string
	OnTime, Late, Missing, Pending, Failed, Short, N int
}

// SumOverview is the home page's table of branches × the periods of the
// latest year: where each branch stands (七(三) 督查).
type SumOverview struct {
	Year    int
	Periods []SumLink
	Rows    []SumOverviewRow
}

// SumOverviewRow is one branch of SumOverview.
type SumOverviewRow struct {
	Branch, BranchHref, Contact string
	OffList                     bool
	Cells                       []SumCell
}

// SumCell is a status with its class; empty where the branch was not expected.
type SumCell struct{ Status, Class string }

// SumPeriod is one period's table of branches.
type SumPeriod struct {
	Name      string
	Annual    bool
	Due       string // the rules in words
	Rows      []SumRow
	FollowUps []SumFollowUp
	More      string // follow-ups left out, in words
	Totals    string
}

// SumRow is one branch in a period.
type SumRow struct {
	Branch, BranchHref string
	OffList            bool
	Status, Class      string // 按时/逾期/未报送/待报送/校验失败; ontime/late/missing/pending/failed
	Filed              bool
	Submitted          string // as-of of the first bundle
	Start, End         string
	OnTime, Long       string // 是/否: the 公示 as the branch's settings say
	Late, Short        bool
	Days               string
	Members, Average   string
	Deducted           string
	Received           string
	Corrected, Open    string
	AsOf               string
	Note               string
	Notice, Register   string // hrefs from the site root; "" when not extracted
	// The year.
	Graded, Excellent, Qualified, Basic, Unqualified string
	Share, Cap                                       string
	Over                                             bool
}

// SumFollowUp is a member graded 基本合格/不合格 with his follow-up action.
type SumFollowUp struct {
	Branch, BranchHref, ID, Name, Category, Group, Grade, Total, Actions string
}

// SumBranch is a branch's own page: every period it was expected in, with
// every bundle received and the notices as received.
type SumBranch struct {
	Name, Superior, Contact string
	OffList                 bool
	Years                   []SumBranchYear
	Files                   []SumLink // every bundle file of the branch and what became of it
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
	Reports            []SumReport // the chain, oldest first, when more than one bundle arrived
}

// SumReport is one report of a chain: its date, what it is, its notice,
// the files that carried it and what changed against the one before.
type SumReport struct {
	AsOf, Label, Notice string
	Files               []string
	Changes             []string
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
func BranchHref(b *summary.Branch) string { return "branches/" + b.Folder + "/index.html" }

// statusClass is the CSS class of a status.
func statusClass(s summary.Status) string {
	return map[summary.Status]string{summary.OnTime: "ontime", summary.Late: "late", summary.Missing: "missing",
		summary.Pending: "pending", summary.Failed: "failed"}[s]
}

func summaryHome(ru *summary.Rollup) *Page {
	v := &SummaryView{}
	failed := ru.Bundles - ru.Valid
	v.Facts = []Fact{
		{"收到备案包", fmt.Sprintf("%d 个（计入汇总 %d 个，未计入 %d 个）", ru.Bundles, ru.Valid, failed)},
		{"涉及支部", fmt.Sprintf("%d 个", len(ru.Branches))},
	}
	if ru.List != nil {
		v.Facts = append(v.Facts, Fact{"支部名单", fmt.Sprintf("%s，%d 个支部", ru.List.File, len(ru.List.Branches))})
	} else {
		v.Facts = append(v.Facts, Fact{"支部名单", "未提供（各支部自第一次报送起计入应报送）"})
	}
	for _, y := range ru.Years {
		sy := SumYear{Year: y.Year}
		for _, p := range y.Periods() {
			l := SumPeriodLink{Href: PeriodHref(p.Year, p.Quarter), Name: p.Name(), N: len(p.Rows),
				OnTime: p.Count(summary.OnTime), Late: p.Count(summary.Late), Missing: p.Count(summary.Missing),
				Pending: p.Count(summary.Pending), Failed: p.Count(summary.Failed)}
			for _, r := range p.Rows {
				if r.Status.Filed() && !r.LongEnough() {
					l.Short++
				}
			}
			sy.Periods = append(sy.Periods, l)
		}
		v.Years = append(v.Years, sy)
	}
	if n := len(ru.Years); n > 0 {
		y := ru.Years[n-1]
		ov := &SumOverview{Year: y.Year}
		ps := y.Periods()
		for _, p := range ps {
			ov.Periods = append(ov.Periods, SumLink{Href: PeriodHref(p.Year, p.Quarter), Text: p.Name()})
		}
		for _, b := range ru.Branches {
			at := map[*summary.Period]*summary.Row{}
			for _, r := range b.Rows {
				at[r.Period] = r
			}
			row := SumOverviewRow{Branch: b.Name, BranchHref: BranchHref(b), Contact: b.Contact, OffList: b.OffList}
			any := false
			for _, p := range ps {
				var c SumCell
				if r := at[p]; r != nil {
					c, any = SumCell{string(r.Status), statusClass(r.Status)}, true
				}
				row.Cells = append(row.Cells, c)
			}
			if any {
				ov.Rows = append(ov.Rows, row)
			}
		}
		v.Overview = ov
	}
	for _, b := range ru.Branches {
		filed := 0
		for _, r := range b.Rows {
			if r.Status.Filed() {
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
	due := model.DateCN(p.Due)
	if p.Quarter > 0 {
		sp.Due = fmt.Sprintf("实施方案要求%s（%s前）开始公示，公示不少于 %d 天，并报%s备案。「按时」「逾期」看支部首次报送的备案包的数据截至日期（即生成日期）是否在%s之前。",
			filing.QuarterDuty.When, due, model.MinPublicationDays, filing.QuarterDuty.To, due)
	} else {
		sp.Due = fmt.Sprintf("年度综合积分和确定等次报%s备案，期限为%s；优秀比例一般不超过各支部设置的优秀比例上限。「按时」「逾期」看支部首次报送的年度备案包的数据截至日期。",
			filing.YearDuty.To, due)
	}
	var avgs []model.Points
	var status [5]int
	var grades [4]int
	members, filed, listed, more := 0, 0, 0, 0
	for _, r := range p.Rows {
		row := sumRow(r, root)
		sp.Rows = append(sp.Rows, row)
		switch r.Status {
		case summary.OnTime, summary.Late:
			filed++
			members += r.Digest.Members
			if avg := r.Digest.Average(); avg != nil {
				avgs = append(avgs, model.Round2(avg))
			}
			if r.Status == summary.OnTime {
				status[0]++
			} else {
				status[1]++
			}
			g := r.Digest.Grades
			grades[0] += g.Excellent
			grades[1] += g.Qualified
			grades[2] += g.Basic
			grades[3] += g.Unqualified
			for _, f := range r.Digest.FollowUps {
				if listed == summary.MaxFollowUpRow {
					more++
					continue
				}
				listed++
				sp.FollowUps = append(sp.FollowUps, SumFollowUp{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch),
					ID: f.ID, Name: f.Name, Category: f.Category, Group: f.Group, Grade: f.Grade, Total: f.Total,
					Actions: strings.Join(f.Actions, "；")})
			}
			if n := r.Digest.MoreFollowUps; n > 0 {
				if listed == summary.MaxFollowUpRow {
					more += n
					continue
				}
				listed++
				sp.FollowUps = append(sp.FollowUps, SumFollowUp{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch),
					Name: summary.MoreFollowUpsText(n)})
			}
		case summary.Missing:
			status[2]++
		case summary.Failed:
			status[3]++
		case summary.Pending:
			status[4]++
		}
	}
	if more > 0 {
		sp.More = fmt.Sprintf("另有 %d 人未列出（本表最多列出 %d 行），见各支部年度备案包中的登记表。", more, summary.MaxFollowUpRow)
	}
	sp.Totals = fmt.Sprintf("应报送 %d 个支部，已报送 %d 个（按时 %d 个，逾期 %d 个），参加积分管理 %d 人", len(p.Rows), filed, status[0], status[1], members)
	v := &SummaryView{Period: sp}
	id := "p" + strconv.Itoa(p.Year) + "-" + strconv.Itoa(p.Quarter)
	labels := []string{"按时", "逾期", "未报送", "校验失败", "待报送"}
	v.Charts = append(v.Charts, columnChart(id+"-status", sp.Name+"报送情况（支部数）", labels, status[:], "个"))
	if p.Quarter > 0 {
		v.Charts = append(v.Charts, branchDist(id+"-avg", sp.Name+"各支部平均季度积分分布（支部数）", avgs))
	} else {
		v.Charts = append(v.Charts, columnChart(id+"-grades", sp.Name+"确定等次分布（全部支部，人数）", model.Texts(model.Grades), grades[:], "人"))
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
	row := SumRow{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch), OffList: r.Branch.OffList,
		Status: string(r.Status), Class: statusClass(r.Status), Filed: r.Status.Filed(), Note: r.Note()}
	if !row.Filed {
		if r.Status == summary.Failed {
			row.Note = model.Printable(r.From.Path) + "：" + r.From.Problem.Error()
		}
		return row
	}
	d := r.Digest
	row.Submitted = r.Submitted
	row.Start, row.End = d.Start, d.End
	row.Days = strconv.Itoa(r.Days())
	row.Long, row.Short = model.YesNo(r.LongEnough()), !r.LongEnough()
	if d.Quarter() > 0 {
		row.OnTime, row.Late = model.YesNo(r.PublishedOnTime()), !r.PublishedOnTime()
	}
	row.Members = strconv.Itoa(d.Members)
	row.Average = ratText(d.Average())
	row.Deducted = strconv.Itoa(d.Deducted)
	row.Received = strconv.Itoa(d.Objections.Received)
	row.Corrected = strconv.Itoa(d.Objections.Corrected)
	row.Open = strconv.Itoa(d.Objections.Open)
	row.AsOf = d.AsOf
	if d.Notice != "" {
		row.Notice = root + d.Notice
	}
	if d.Register != "" {
		row.Register = root + d.Register
	}
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
	sb := &SumBranch{Name: b.Name, Superior: b.Superior, Contact: b.Contact, OffList: b.OffList}
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
		bundles := 0
		for _, rep := range r.Reports {
			bundles += len(rep.Bundles)
		}
		if bundles > 1 {
			for i, rep := range r.Reports {
				d := rep.Digest()
				sr := SumReport{AsOf: d.AsOf, Label: "原报", Changes: rep.Changes}
				if i > 0 {
					sr.Label = fmt.Sprintf("更正（第 %d 次）", i)
				}
				if i == len(r.Reports)-1 && i > 0 {
					sr.Label += "，以此为准"
				}
				if d.Notice != "" {
					sr.Notice = root + d.Notice
				}
				for _, f := range rep.Bundles {
					sr.Files = append(sr.Files, model.Printable(f.Path)+"（数据截至 "+f.Digest.AsOf+"）")
				}
				br.Reports = append(br.Reports, sr)
			}
		}
		by.Rows = append(by.Rows, br)
	}
	for _, y := range order {
		sb.Years = append(sb.Years, *byYear[y])
	}
	for _, rc := range b.Received {
		l := SumLink{Text: model.Printable(rc.Path)}
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
