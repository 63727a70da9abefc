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
	Waiting  *SumWaiting // the home page's first section: measures awaiting the superior's 批复
	Years    []SumYear
	Findings []FindingRow
	Counts   string
	Overview *SumOverview
	Branches []SumLink
	Charts   []*Chart
	Period   *SumPeriod
	Branch   *SumBranch
	Rules    *SumRules
}

// SumWaiting is the superior's own to-do list (SPEC §2.12, §10): every
// measure of every branch's 处置跟踪 awaiting its 批复.
type SumWaiting struct {
	Rows []SumAwaiting
	More string // measures left out, in words
}

// SumAwaiting is one measure awaiting the 批复.
type SumAwaiting struct {
	Year                                        int
	Branch, BranchHref                          string
	ID, Name, Category, Grade, Measure, Waiting string
	Submitted                                   string // "" when not submitted yet
}

// SumRules is a year's 细则 page: who filed the 细则 and when, how it
// changed against the branch's year before, and the exempted members with
// their reasons (superior only, never public).
type SumRules struct {
	Name, Due string
	Totals    string
	Rows      []SumRulesRow
	Exempt    []SumExempt
	More      string // exempted members left out
}

// SumRulesRow is one branch's 细则 of a year.
type SumRulesRow struct {
	Branch, BranchHref  string
	OffList             bool
	Status, Class       string
	Filed               bool
	Submitted, AsOf     string
	Items, Roster       string
	ExemptN             string
	Compare             string   // 「与2025年相比 3 处变化」, 「无上年细则可比」, 「与2025年相同」
	Changes             []string // the differences, at most maxDiffLines and a count
	Note                string
	PeriodName, PageRef string // the year's 细则 page, on a branch's page
}

// SumExempt is an exempted member with his reason (三).
type SumExempt struct {
	Branch, BranchHref, ID, Name, Category, Group, Reason, Filing string
}

// maxDiffLines bounds the changes a 细则 row lists.
const maxDiffLines = 40

// Fact is one label and value of a summary line.
type Fact struct{ Label, Value string }

// SumLink is a link with a note.
type SumLink struct{ Href, Text, Note string }

// SumYear lists a year's periods on the home page, its 细则 first.
type SumYear struct {
	Year    int
	Periods []SumPeriodLink
}

// SumPeriodLink is one period on the home page with its head counts.
type SumPeriodLink struct {
	Href, Name                                                   string
	OnTime, Late, Unrecorded, Missing, Pending, Failed, Short, N int
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
	Posted             string // the day the 公示 went up, from its record; 未记录张贴 without one
	Unrecorded         bool
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
	Year   int
	Rules  *SumRulesRow // the year's 细则; nil when not expected
	Exempt []SumExempt  // its exempted members with their reasons
	More   string
	Rows   []SumBranchRow
	Broken bool // the records of the year do not form one chain
}

// SumBranchRow is one period of a branch's page.
type SumBranchRow struct {
	SumRow
	Period, PeriodHref string
	Reports            []SumReport // the chain of bundles, oldest first
	Records            []SumRecord // the 公示 and each 更正公示 posted, from the records
	Awaiting           []string    // a 更正公示 made and not yet posted: its changes
	Broken             string      // 公示记录不连续: why
}

// SumReport is one report of a chain: its date, what it is, its notice,
// the files that carried it and what changed against the one before.
type SumReport struct {
	AsOf, Label, Notice string
	Files               []string
	Changes             []string
}

// SumRecord is one posting of the period's notice, as its record says.
type SumRecord struct {
	Kind, Posted, Span string
	Changes            []string // a 更正公示's: member, figure, old → new, 调查结果
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
		if y.Rules != nil {
			pages = append(pages, summaryRules(y.Rules))
		}
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

// RulesHref is the page of a year's 细则: 2026/rules.html.
func RulesHref(year int) string { return strconv.Itoa(year) + "/rules.html" }

// periodHref is the page of any table: a period's or the 细则's.
func periodHref(p *summary.Period) string {
	if p.Rules {
		return RulesHref(p.Year)
	}
	return PeriodHref(p.Year, p.Quarter)
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
		summary.Pending: "pending", summary.Failed: "failed", summary.Unrecorded: "unrecorded"}[s]
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
	v.Waiting = summaryWaiting(ru)
	for _, y := range ru.Years {
		sy := SumYear{Year: y.Year}
		ps := y.Periods()
		if y.Rules != nil {
			ps = append([]*summary.Period{y.Rules}, ps...)
		}
		for _, p := range ps {
			l := SumPeriodLink{Href: periodHref(p), Name: p.Name(), N: len(p.Rows),
				OnTime: p.Count(summary.OnTime), Late: p.Count(summary.Late), Unrecorded: p.Count(summary.Unrecorded),
				Missing: p.Count(summary.Missing), Pending: p.Count(summary.Pending), Failed: p.Count(summary.Failed)}
			for _, r := range p.Rows {
				if !p.Rules && r.Status.Filed() && !r.LongEnough() {
					l.Short++
				}
			}
			sy.Periods = append(sy.Periods, l)
		}
		v.Years = append(v.Years, sy)
	}
	// The overview shows the latest year that has a period, with its 细则.
	var latest *summary.Year
	for _, y := range ru.Years {
		if len(y.Periods()) > 0 {
			latest = y
		}
	}
	if latest != nil {
		y := latest
		ov := &SumOverview{Year: y.Year}
		ps := y.Periods()
		if y.Rules != nil {
			ps = append([]*summary.Period{y.Rules}, ps...)
		}
		for _, p := range ps {
			ov.Periods = append(ov.Periods, SumLink{Href: periodHref(p), Text: p.Name()})
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
		sp.Due = fmt.Sprintf("实施方案要求%s（%s前）开始公示，公示不少于 %d 天，并报%s备案。「按时」：支部首次报送的备案包的生成日期（数据截至）和公示的张贴日期（支部用 jifen post 记录，随备案包报送）都不晚于%s；否则为「逾期」；备案包中没有张贴记录的为「未记录张贴」。公示天数从张贴之日算起。",
			filing.QuarterDuty.When, due, model.MinPublicationDays, filing.QuarterDuty.To, due)
	} else {
		sp.Due = fmt.Sprintf("年度综合积分和确定等次报%s备案，期限为%s；优秀比例一般不超过各支部设置的优秀比例上限。「按时」：首次报送的年度备案包的生成日期和年度评定结果公示的张贴日期都不晚于%s；备案包中没有张贴记录的为「未记录张贴」。",
			filing.YearDuty.To, due, due)
	}
	var avgs []model.Points
	var status [6]int
	var grades [4]int
	members, filed, listed, more := 0, 0, 0, 0
	for _, r := range p.Rows {
		row := sumRow(r, root)
		sp.Rows = append(sp.Rows, row)
		switch r.Status {
		case summary.OnTime, summary.Late, summary.Unrecorded:
			filed++
			members += r.Digest.Members
			if avg := r.Digest.Average(); avg != nil {
				avgs = append(avgs, model.Round2(avg))
			}
			switch r.Status {
			case summary.OnTime:
				status[0]++
			case summary.Late:
				status[1]++
			default:
				status[5]++
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
	sp.Totals = fmt.Sprintf("应报送 %d 个支部，已报送 %d 个（按时 %d 个，逾期 %d 个，未记录张贴 %d 个），参加积分管理 %d 人", len(p.Rows), filed, status[0], status[1], status[5], members)
	v := &SummaryView{Period: sp}
	id := "p" + strconv.Itoa(p.Year) + "-" + strconv.Itoa(p.Quarter)
	labels := []string{"按时", "逾期", "未报送", "校验失败", "待报送", "未记录张贴"}
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
	for _, rec := range r.Records {
		if rec.Kind == string(model.PostNotice) {
			row.Start, row.End = rec.Start, rec.End
		}
	}
	row.Posted, row.Unrecorded = r.Posted, r.Posted == ""
	if row.Unrecorded {
		row.Posted = string(summary.Unrecorded)
	}
	row.Days = strconv.Itoa(r.Days())
	row.Long, row.Short = model.YesNo(r.LongEnough()), !r.LongEnough()
	row.OnTime, row.Late = r.OnTimeText(), !r.PublishedOnTime()
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
		if r.Period.Rules {
			rr := rulesRow(r, root)
			rr.PeriodName, rr.PageRef = r.Period.Name(), root+RulesHref(year)
			by.Rules = &rr
			by.Exempt, by.More = exemptRows(r, root)
			continue
		}
		br := SumBranchRow{SumRow: sumRow(r, root), Period: r.Period.Name(), PeriodHref: root + PeriodHref(year, q), Broken: r.Broken}
		by.Broken = by.Broken || r.Broken != ""
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
			for j, f := range rep.Bundles {
				what := "数据截至 " + f.Digest.AsOf
				switch {
				case j == 0:
				case f.Digest.ContentHash == d.ContentHash:
					what += "，重复收到"
				default:
					what += "，数据相同，重新生成"
				}
				sr.Files = append(sr.Files, model.Printable(f.Path)+"（"+what+"）")
			}
			br.Reports = append(br.Reports, sr)
		}
		for _, rec := range r.Records {
			sr := SumRecord{Kind: rec.Kind, Posted: rec.Posted, Span: rec.Start + " 至 " + rec.End}
			for _, c := range rec.Changes {
				sr.Changes = append(sr.Changes, c.Text())
			}
			if rec.MoreChanges > 0 {
				sr.Changes = append(sr.Changes, fmt.Sprintf("……另有 %d 人，见备案包中的更正公示", rec.MoreChanges))
			}
			br.Records = append(br.Records, sr)
		}
		for _, c := range r.Awaiting {
			br.Awaiting = append(br.Awaiting, c.Text())
		}
		if r.MoreAwaiting > 0 {
			br.Awaiting = append(br.Awaiting, fmt.Sprintf("……另有 %d 人", r.MoreAwaiting))
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

// summaryWaiting is the superior's to-do list of the home page.
func summaryWaiting(ru *summary.Rollup) *SumWaiting {
	rows, more := ru.Waiting()
	w := &SumWaiting{}
	today := model.DateString(ru.Today)
	for _, a := range rows {
		r := SumAwaiting{Year: a.Year, Branch: a.Branch.Name, BranchHref: BranchHref(a.Branch), ID: a.ID, Name: a.Name,
			Category: a.Category, Grade: a.Grade, Measure: a.Measure, Submitted: a.Submitted, Waiting: "尚未报批"}
		if n := a.Days(today); n >= 0 {
			r.Waiting = fmt.Sprintf("已等待 %d 天", n)
		}
		w.Rows = append(w.Rows, r)
	}
	if more > 0 {
		w.More = fmt.Sprintf("另有 %d 项未列出（最多列出 %d 项；每个支部的年度备案包最多列出 %d 项），见各支部年度备案包。", more, summary.MaxPendingRows, summary.MaxPending)
	}
	return w
}

// rulesRow is a 细则 row as the 细则 page and the branch page show it.
func rulesRow(r *summary.Row, root string) SumRulesRow {
	row := SumRulesRow{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch), OffList: r.Branch.OffList,
		Status: string(r.Status), Class: statusClass(r.Status), Filed: r.Status.Filed(), Note: r.Note()}
	if !row.Filed {
		if r.Status == summary.Failed {
			row.Note = model.Printable(r.From.Path) + "：" + r.From.Problem.Error()
		}
		return row
	}
	d := r.Digest
	row.Submitted, row.AsOf = r.Submitted, d.AsOf
	row.Items, row.Roster, row.ExemptN = strconv.Itoa(len(d.Rules.Items)), strconv.Itoa(d.Rules.Roster), strconv.Itoa(d.Exempt)
	switch df := r.Diff; {
	case df == nil:
		row.Compare = "无上年细则可比"
	case df.Count() == 0:
		row.Compare = fmt.Sprintf("与%d年相同", df.PrevYear)
	default:
		row.Compare = fmt.Sprintf("与%d年相比 %d 处变化", df.PrevYear, df.Count())
		row.Changes = df.Lines()
		if len(row.Changes) > maxDiffLines {
			row.Changes = append(row.Changes[:maxDiffLines], fmt.Sprintf("……另有 %d 处", len(row.Changes)-maxDiffLines))
		}
	}
	return row
}

// exemptRows are the exempted members of a 细则 row, with their reasons.
func exemptRows(r *summary.Row, root string) ([]SumExempt, string) {
	if !r.Status.Filed() {
		return nil, ""
	}
	var out []SumExempt
	rd := r.Digest.Rules
	for _, m := range rd.Exempt {
		out = append(out, SumExempt{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch), ID: m.ID, Name: m.Name,
			Category: m.Category, Group: m.Group, Reason: m.Reason, Filing: m.Filing})
	}
	more := ""
	if rd.MoreExempt > 0 {
		more = summary.ExemptText(rd.MoreExempt)
	}
	return out, more
}

// summaryRules is a year's 细则 page.
func summaryRules(p *summary.Period) *Page {
	const root = "../"
	sr := &SumRules{Name: p.Name()}
	sr.Due = fmt.Sprintf("实施方案 六 第一阶段：支部每年年初修订完善年度积分评定细则，报%s备案；实施方案 三：不纳入积分管理的党员报上级党组织备案。"+
		"「每年年初」以第一季度的报送期限（%s）为限：第一季度的积分按这份细则计算。「按时」「逾期」看支部首次报送的细则备案包的生成日期。",
		filing.RulesDuty.To, model.DateCN(p.Due))
	filed, exempt := 0, 0
	for _, r := range p.Rows {
		sr.Rows = append(sr.Rows, rulesRow(r, root))
		if !r.Status.Filed() {
			continue
		}
		filed++
		ex, more := exemptRows(r, root)
		if len(sr.Exempt)+len(ex) > summary.MaxExemptRow {
			sr.More = fmt.Sprintf("不纳入积分管理人员最多列出 %d 人，其余见各支部页面和细则备案包。", summary.MaxExemptRow)
			continue
		}
		sr.Exempt = append(sr.Exempt, ex...)
		exempt += r.Digest.Exempt
		if more != "" {
			sr.Exempt = append(sr.Exempt, SumExempt{Branch: r.Branch.Name, BranchHref: root + BranchHref(r.Branch), Name: more})
		}
	}
	sr.Totals = fmt.Sprintf("应报送 %d 个支部，已报送 %d 个（按时 %d 个，逾期 %d 个），不纳入积分管理 %d 人",
		len(p.Rows), filed, p.Count(summary.OnTime), p.Count(summary.Late), exempt)
	return &Page{Template: "summary-rules.html", Path: RulesHref(p.Year), Title: sr.Name + "备案汇总",
		Heading: sr.Name + "备案汇总", Crumbs: []Link{{Href: "index.html", Text: "备案汇总"}}, Summary: &SummaryView{Rules: sr}}
}
