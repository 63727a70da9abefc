package render

import (
	"fmt"
	"html/template"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
)

// Page is what every template receives. Exactly one of the view pointers is
// set; it names the kind of page. Only publishable fields are copied into
// the public views (see the package doc).
type Page struct {
	Template string // template file, e.g. quarter.html
	Path     string // slash path inside the tree, e.g. 2026/q1/index.html
	Title    string // <title>
	Heading  string // <h1>
	Branch   string // 支部名称
	Crumbs   []Link // breadcrumbs before the heading, root first
	Draft    bool   // watermark 「未公示草稿」

	Root      string // "../" repeated to reach the tree root from Path
	BuildID   string
	Generated string
	InlineCSS template.CSS // committee pages carry their stylesheet inline

	Home    *HomeView
	Year    *YearView
	Quarter *QuarterView
	Member  *MemberView
	Annual  *AnnualView
	Rules   *RulesView
	Commit  *CommitView
	Report  *ReportView
	Summary *SummaryView // the superior's site (jifen summary)
}

// BodyClass is the class of <body>: committee and/or draft.
func (p *Page) BodyClass() string {
	var c []string
	if p.Report != nil {
		c = append(c, "committee")
	}
	if p.Draft {
		c = append(c, "draft")
	}
	return strings.Join(c, " ")
}

// Link is a link inside the tree; Href is relative to the tree root and
// templates prefix it with Page.Root.
type Link struct {
	Href string
	Text string
	Note string
}

func hasCommitments(y *model.Year) bool {
	for _, c := range y.Commitments {
		if c.Member == nil || !c.Member.Exempt {
			return true
		}
	}
	return false
}

func quarterHref(y, q int) string { return plan.QuarterPath(y, q, "index.html") }
func memberHref(y int, id string) string {
	return plan.YearPath(y, "members", id, "index.html")
}

func branchName(in *Input) string {
	for i := len(in.Results) - 1; i >= 0; i-- {
		if b := in.Results[i].Year.Settings.Branch; b != "" {
			return b
		}
	}
	return "党支部"
}

func rankText(r int) string {
	if r <= 0 {
		return "—"
	}
	return strconv.Itoa(r)
}

func ratText(r *big.Rat) string {
	if r == nil {
		return "—"
	}
	return model.RatString(r)
}

// ratFigures formats one table column of rationals, rounded for display,
// with the same number of decimals on every row; nil prints —.
func ratFigures(rs []*big.Rat) []string {
	var ps []model.Points
	for _, r := range rs {
		if r != nil {
			ps = append(ps, model.Round2(r))
		}
	}
	n := model.Places(ps...)
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = "—"
		if r != nil {
			out[i] = model.Round2(r).Format(n)
		}
	}
	return out
}

func searchKey(m *model.Member) string {
	return strings.Join([]string{m.ID, m.Name, m.Group, string(m.Category), m.Role}, " ")
}

// groupsOf lists the 党小组 names in roster order of first appearance.
func groupsOf(ms []*model.MemberResult) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range ms {
		g := m.Member.Group
		if g != "" && !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out
}

// publishable reports whether a member has a public page in the year.
func publishable(m *model.MemberResult, qs []int) bool {
	if m.Member.Exempt {
		return false
	}
	for _, q := range qs {
		if m.Quarters[q-1].Participating {
			return true
		}
	}
	return false
}

// publicPages assembles every page of the public tree.
func publicPages(in *Input) ([]pageJob, error) {
	branch := branchName(in)
	pages := []pageJob{func() (*Page, error) {
		return &Page{Template: "home.html", Path: "index.html", Title: branch + " 党员积分公示",
			Heading: "党员积分管理公示", Branch: branch, Home: homeView(in)}, nil
	}}
	for _, res := range in.Results {
		ps, err := yearPages(in, res, branch)
		if err != nil {
			return nil, err
		}
		pages = append(pages, ps...)
	}
	return pages, nil
}

// pageJob makes one page when it is written, so that a year of 20,000
// member pages (their views hold every entry) is never in memory at once.
type pageJob func() (*Page, error)

func homeView(in *Input) *HomeView {
	hv := &HomeView{}
	for i := len(in.Results) - 1; i >= 0; i-- {
		res := in.Results[i]
		y := res.Year.Year
		p := in.plan(res)
		yl := YearLink{Year: y, Href: plan.YearPath(y, "index.html"), Rules: plan.YearPath(y, "rules", "index.html")}
		for _, q := range p.Quarters {
			yl.Quarters = append(yl.Quarters, Link{Href: quarterHref(y, q), Text: model.QuarterLabel(q)})
		}
		// The latest publication is the newest year's last: its annual
		// results once published (they start after Q4's 公示 unless the
		// branch decided earlier), else its last closed quarter.
		if q := res.LatestClosed(); q > 0 && hv.Latest == nil {
			start, end := res.Year.Settings.Publication(q)
			hv.Latest = &Link{Href: quarterHref(y, q), Text: fmt.Sprintf("%d年%s党员积分公示", y, model.QuarterLabel(q))}
			if as, ae := res.Year.AnnualPublication(); p.AnnualPublic && !as.Before(start) {
				hv.Latest = &Link{Href: plan.AnnualPath(y, "index.html"), Text: fmt.Sprintf("%d年度党员积分综合评定结果公示", y)}
				start, end = as, ae
			}
			hv.Latest.Note = fmt.Sprintf("公示期：%s至%s", model.DateCN(start), model.DateCN(end))
		}
		if p.AnnualPublic {
			yl.Annual = plan.AnnualPath(y, "index.html")
		}
		if hasCommitments(res.Year) {
			yl.Commitments = plan.YearPath(y, "commitments", "index.html")
		}
		hv.Years = append(hv.Years, yl)
	}
	return hv
}

// HomeView is the branch home page.
type HomeView struct {
	Latest *Link
	Years  []YearLink // newest first
}

// YearLink lists one year's pages on the home page.
type YearLink struct {
	Year        int
	Href        string
	Quarters    []Link
	Annual      string
	Rules       string
	Commitments string
}

func yearPages(in *Input, res *model.Result, branch string) ([]pageJob, error) {
	y := res.Year.Year
	ys := strconv.Itoa(y)
	p := in.plan(res)
	qs := p.Quarters
	home := Link{Href: "index.html", Text: "首页"}
	yearLink := Link{Href: plan.YearPath(y, "index.html"), Text: ys + "年度"}
	var pages []pageJob

	pages = append(pages, func() (*Page, error) {
		return &Page{Template: "year.html", Path: plan.YearPath(y, "index.html"),
			Title: ys + "年度党员积分 - " + branch, Heading: ys + "年度党员积分", Branch: branch,
			Crumbs: []Link{home}, Year: yearView(in, res, qs)}, nil
	})
	for _, q := range qs {
		pages = append(pages, func() (*Page, error) {
			return quarterPage(in, res, q, branch, false, []Link{home, yearLink}), nil
		})
	}
	for _, m := range res.Members {
		if !publishable(m, qs) {
			continue
		}
		pages = append(pages, func() (*Page, error) {
			return &Page{Template: "member.html", Path: memberHref(y, m.Member.ID),
				Title:   fmt.Sprintf("%s %d年度积分 - %s", m.Member.Name, y, branch),
				Heading: fmt.Sprintf("%s同志%d年度积分明细", m.Member.Name, y), Branch: branch,
				Crumbs: []Link{home, yearLink}, Member: memberView(in, res, m, qs)}, nil
		})
	}
	if p.AnnualPublic {
		pages = append(pages, func() (*Page, error) {
			return &Page{Template: "annual.html", Path: plan.AnnualPath(y, "index.html"),
				Title: ys + "年度党员积分综合评定结果 - " + branch, Heading: ys + "年度党员积分综合评定结果公示",
				Branch: branch, Crumbs: []Link{home, yearLink}, Annual: annualView(in, res)}, nil
		})
	}
	pages = append(pages, func() (*Page, error) {
		rv, err := rulesView(in, res)
		if err != nil {
			return nil, err
		}
		return &Page{Template: "rules.html", Path: plan.YearPath(y, "rules", "index.html"),
			Title: ys + "年度积分办法 - " + branch, Heading: ys + "年度积分办法与设置", Branch: branch,
			Crumbs: []Link{home, yearLink}, Rules: rv}, nil
	})
	if hasCommitments(res.Year) {
		pages = append(pages, func() (*Page, error) {
			return &Page{Template: "commitments.html", Path: plan.YearPath(y, "commitments", "index.html"),
				Title: ys + "年度党员个人承诺书 - " + branch, Heading: ys + "年度党员个人承诺书", Branch: branch,
				Crumbs: []Link{home, yearLink}, Commit: commitView(res)}, nil
		})
	}
	return pages, nil
}

// YearView is the year overview.
type YearView struct {
	Year        int
	Quarters    []Link // shown quarters (Note 「草稿」 for the draft)
	Rows        []YearRow
	Groups      []string
	ShowAnnual  bool
	Pending     bool // the year is closed but its grades are not yet decided
	ShowRanks   bool
	Exempt      []string // names of members 不纳入积分管理
	Rules       string
	Annual      string
	Commitments string
	Dist        *Chart // distribution of the latest shown quarter
	DistLabel   string
}

// YearRow is one member on the year overview.
type YearRow struct {
	ID, Name, Category, Group, Role string
	Href                            string
	Search                          string
	Cells                           []string // 季度积分 per shown quarter, — when not participating
	Total, Grade, Rank              string   // annual, only when ShowAnnual
}

func yearView(in *Input, res *model.Result, qs []int) *YearView {
	y := res.Year.Year
	s := res.Year.Settings
	yv := &YearView{Year: y, ShowAnnual: in.plan(res).AnnualPublic, Pending: res.YearClosed && !s.GradesDecided, ShowRanks: s.ShowRanks,
		Groups: groupsOf(res.Members), Rules: plan.YearPath(y, "rules", "index.html")}
	if yv.ShowAnnual {
		yv.Annual = plan.AnnualPath(y, "index.html")
	}
	if hasCommitments(res.Year) {
		yv.Commitments = plan.YearPath(y, "commitments", "index.html")
	}
	for _, q := range qs {
		yv.Quarters = append(yv.Quarters, Link{Href: quarterHref(y, q), Text: model.QuarterLabel(q)})
	}
	var shown []*model.MemberResult
	for _, m := range res.Members {
		if m.Member.Exempt {
			yv.Exempt = append(yv.Exempt, m.Member.Name)
			continue
		}
		if !publishable(m, qs) {
			continue
		}
		row := YearRow{ID: m.Member.ID, Name: m.Member.Name, Category: string(m.Member.Category),
			Group: m.Member.Group, Role: m.Member.Role, Href: memberHref(y, m.Member.ID), Search: searchKey(m.Member)}
		row.Cells = make([]string, len(qs))
		if yv.ShowAnnual {
			row.Grade = m.PublicLabel()
			row.Rank = "—"
			if m.Annual != nil && res.Year.Settings.ShowRanks {
				row.Rank = rankText(m.Annual.Rank)
			}
		}
		yv.Rows = append(yv.Rows, row)
		shown = append(shown, m)
	}
	// Each column of figures is formatted as the year's 季度积分 are on
	// every page (formats).
	f := in.formats(res)
	for i, q := range qs {
		var ps []model.Points
		for _, m := range shown {
			if sc := m.Quarters[q-1]; sc.Participating {
				ps = append(ps, sc.Total)
			}
		}
		col := column(f.quarter[fTotal], ps)
		for j, m := range shown {
			yv.Rows[j].Cells[i] = "—"
			if m.Quarters[q-1].Participating {
				yv.Rows[j].Cells[i], col = col[0], col[1:]
			}
		}
	}
	if yv.ShowAnnual {
		totals := make([]*big.Rat, len(shown))
		for j, m := range shown {
			if m.Annual != nil {
				totals[j] = m.Annual.Total
			}
		}
		for j, t := range ratColumn(f.annual[aTotal], totals) {
			yv.Rows[j].Total = t
		}
	}
	if n := len(qs); n > 0 {
		q := qs[n-1]
		yv.DistLabel = model.QuarterLabel(q)
		yv.Dist = distChart("dist-year", fmt.Sprintf("%d年%s积分分布", y, model.QuarterLabel(q)), totals(res, q))
	}
	return yv
}

// totals lists the quarter totals of the participating members.
func totals(res *model.Result, q int) []model.Points {
	var ps []model.Points
	for _, m := range res.Members {
		if qs := m.Quarters[q-1]; qs.Participating && !m.Member.Exempt {
			ps = append(ps, qs.Total)
		}
	}
	return ps
}

// QuarterView is a quarterly publication (公示).
type QuarterView struct {
	Year       int
	Label      string // 第一季度
	Draft      bool
	PubStart   string
	PubEnd     string
	PubDays    int
	Contact    string
	Scheme     string // 方案名称, in 《》
	Committee  string // 落款 「中共…支部委员会」, dated PubStart
	ShowRanks  bool
	Rows       []QuarterRow
	Groups     []string
	Objections []ObjectionRow
	Notice     string // notice.pdf, root-relative; "" when not linked
	NoticeNote string // 「2026年4月3日张贴的原件」 once posted
	// Postings and Corrections are the period's publication record
	// (SPEC §11): each posting with its PDF as posted, and every 更正公示.
	Postings    []PostingLink
	Corrections []CorrectionView
	Dist        *Chart
	GroupAvg    *Chart
	Count       int
	Average     string
}

// QuarterRow is one member's figures in a quarter, as published. It holds
// exported text only, so whatever a template prints of it is public.
type QuarterRow struct {
	Rank, ID, Name, Category, Group, Role string
	Href, Search                          string
	Base, Reward, Deduction, Total        string
	Corrected                             bool // changed by a 更正公示 since the 公示 (SPEC §11): 「已更正」
}

// ObjectionRow is one objection as published: never who raised it.
type ObjectionRow struct {
	Received, Member, Matter, Investigation, Outcome, Status, Feedback string
}

// quarterRows are the rows of quarter q's participating members, their
// figures formatted with at least the decimals of places
// (yearFormats.quarter), and each one's 季度积分 (for the committee page's
// order and marks).
func quarterRows(res *model.Result, q int, ranks bool, href bool, places [4]int) ([]QuarterRow, []model.Points) {
	var rows []QuarterRow
	var scores []model.QuarterScore
	for _, m := range res.Members {
		qs := m.Quarters[q-1]
		if m.Member.Exempt || !qs.Participating {
			continue
		}
		row := QuarterRow{ID: m.Member.ID, Name: m.Member.Name, Category: string(m.Member.Category),
			Group: m.Member.Group, Role: m.Member.Role, Search: searchKey(m.Member)}
		if ranks {
			row.Rank = rankText(qs.Rank)
		}
		if href {
			row.Href = memberHref(res.Year.Year, m.Member.ID)
		}
		rows = append(rows, row)
		scores = append(scores, qs)
	}
	// One number of decimals per column, the year's.
	col := func(k int, get func(model.QuarterScore) model.Points, set func(*QuarterRow, string)) {
		ps := make([]model.Points, len(rows))
		for i := range rows {
			ps[i] = get(scores[i])
		}
		for i, s := range column(places[k], ps) {
			set(&rows[i], s)
		}
	}
	col(fBase, func(s model.QuarterScore) model.Points { return s.Base }, func(r *QuarterRow, s string) { r.Base = s })
	col(fReward, func(s model.QuarterScore) model.Points { return s.Reward }, func(r *QuarterRow, s string) { r.Reward = s })
	col(fDeduction, func(s model.QuarterScore) model.Points { return s.Deduction }, func(r *QuarterRow, s string) { r.Deduction = s })
	col(fTotal, func(s model.QuarterScore) model.Points { return s.Total }, func(r *QuarterRow, s string) { r.Total = s })
	totals := make([]model.Points, len(scores))
	for i, s := range scores {
		totals[i] = s.Total
	}
	return rows, totals
}

func objectionRows(y *model.Year, q int) []ObjectionRow {
	var os []*model.Objection
	for _, o := range y.Objections {
		if o.Quarter == q {
			os = append(os, o)
		}
	}
	sort.SliceStable(os, func(i, j int) bool {
		if !os[i].Received.Equal(os[j].Received) {
			return os[i].Received.Before(os[j].Received)
		}
		return os[i].Pos.Less(os[j].Pos)
	})
	var rows []ObjectionRow
	for _, o := range os {
		row := ObjectionRow{Received: model.DateString(o.Received), Matter: o.Matter,
			Investigation: o.Investigation, Outcome: o.Outcome, Status: o.Status, Feedback: model.DateString(o.Feedback)}
		if o.Member != nil {
			row.Member = o.Member.Name
		}
		rows = append(rows, row)
	}
	return rows
}

// quarterPage is the publication page of quarter q: in the public tree
// for a published quarter, or, for the open quarter with --drafts, a
// watermarked preview in the committee tree (plan.DraftPage), whose member
// names link nowhere: member pages are public and show closed quarters only.
func quarterPage(in *Input, res *model.Result, q int, branch string, draft bool, crumbs []Link) *Page {
	y := res.Year.Year
	pg := &Page{Template: "quarter.html", Path: quarterHref(y, q),
		Title:   fmt.Sprintf("%d年%s党员积分公示 - %s", y, model.QuarterLabel(q), branch),
		Heading: fmt.Sprintf("%d年%s党员积分公示", y, model.QuarterLabel(q)), Branch: branch,
		Crumbs: crumbs, Draft: draft, Quarter: quarterView(in, res, q, draft)}
	if draft {
		pg.Path = in.plan(res).Find(plan.DraftPage, plan.Committee, q, true).Path
	}
	return pg
}

func quarterView(in *Input, res *model.Result, q int, draft bool) *QuarterView {
	y := res.Year.Year
	s := res.Year.Settings
	start, end := s.Publication(q)
	qv := &QuarterView{Year: y, Label: model.QuarterLabel(q), Draft: draft, PubStart: model.DateCN(start),
		PubEnd: model.DateCN(end), PubDays: s.PublicationDays, Contact: s.ObjectionContact, Scheme: s.Scheme, Committee: model.CommitteeName(s.Branch), ShowRanks: s.ShowRanks,
		Groups: groupsOf(res.Members), Objections: objectionRows(res.Year, q)}
	qv.Rows, _ = quarterRows(res, q, s.ShowRanks, !draft, in.formats(res).quarter)
	tree := plan.Public
	if draft {
		tree = plan.Committee
	}
	if d := in.plan(res).Find(plan.QuarterNotice, tree, q, draft); d != nil && in.PDFs {
		qv.Notice = d.Path
		if d.Copy != nil {
			qv.NoticeNote = model.DateCN(d.Copy.Posted) + "张贴的原件"
		}
	}
	if !draft {
		qv.Postings, qv.Corrections = postings(in, res, q)
		for i := range qv.Rows {
			qv.Rows[i].Corrected = res.Pub(q).Corrected(qv.Rows[i].ID)
		}
	}
	ts := totals(res, q)
	qv.Count = len(ts)
	qv.Average = ratText(mean(ts))
	qv.Dist = distChart("dist", fmt.Sprintf("%d年%s积分分布", y, model.QuarterLabel(q)), ts)
	qv.GroupAvg = groupChart("groups", fmt.Sprintf("%d年%s各党小组平均季度积分", y, model.QuarterLabel(q)),
		groupAverages(res, q), s.BaseMax+s.RewardMax)
	return qv
}

func mean(ps []model.Points) *big.Rat {
	if len(ps) == 0 {
		return nil
	}
	var sum int64
	for _, p := range ps {
		sum += int64(p)
	}
	return big.NewRat(sum, int64(len(ps))*100)
}

// groupAvg is one 党小组's average quarter total.
type groupAvg struct {
	Group string
	Avg   *big.Rat
	N     int
}

const noGroup = "未分组"

func groupAverages(res *model.Result, q int) []groupAvg {
	byGroup := map[string][]model.Points{}
	for _, m := range res.Members {
		if qs := m.Quarters[q-1]; qs.Participating && !m.Member.Exempt {
			g := m.Member.Group
			if g == "" {
				g = noGroup
			}
			byGroup[g] = append(byGroup[g], qs.Total)
		}
	}
	var out []groupAvg
	for _, g := range append(groupsOf(res.Members), noGroup) {
		if ps, ok := byGroup[g]; ok {
			out = append(out, groupAvg{Group: g, Avg: mean(ps), N: len(ps)})
		}
	}
	return out
}

// MemberView is one member's page.
type MemberView struct {
	ID, Name, Category, Group, Role string
	Chart                           *Chart
	Quarters                        []MemberQuarter
	Annual                          *MemberAnnual
	ShowRanks                       bool
}

// MemberQuarter is one shown quarter of a member.
type MemberQuarter struct {
	Label, Href                          string
	Draft, Participating                 bool
	Base, Reward, Deduction, Total, Rank string
	Lines                                []MemberLine
	Attendance                           []AttendanceLine
}

// MemberLine is one registered row as published. Deductions carry the
// rubric item only: Reason is always empty for them. Mark is 缺席 for a
// line a 签到表 absence counted (扣减制, 缺席扣分项目), else "".
type MemberLine struct {
	Date, Kind, Item, Points, Reason, Mark string
	Deduction, Capped                      bool
}

// AttendanceLine is one 签到表 mark on the member's own page: 请假 and 缺席
// appear nowhere else in the public tree (SPEC §2.11).
type AttendanceLine struct {
	Date, Activity, Item, Mark, Counted string
	Absent                              bool
}

// attendanceLines lists a member-quarter's marks with what they counted.
func attendanceLines(as []*model.Attendance) []AttendanceLine {
	var out []AttendanceLine
	for _, a := range as {
		out = append(out, AttendanceLine{Date: model.DateString(a.Activity.Date), Activity: a.Activity.Name,
			Item: a.Activity.Item.Name, Mark: a.Mark.String(), Counted: a.Counted(), Absent: a.Mark == model.Absent})
	}
	return out
}

// MemberAnnual is the published annual result of a member: the figures a
// 公示 needs to explain the grade, never the reasons.
type MemberAnnual struct {
	QuarterAvg, BaseAvg, RewardAvg, Deduction, Democratic, Total, Grade, Rank string
}

func memberView(in *Input, res *model.Result, m *model.MemberResult, qs []int) *MemberView {
	y := res.Year.Year
	s := res.Year.Settings
	mv := &MemberView{ID: m.Member.ID, Name: m.Member.Name, Category: string(m.Member.Category),
		Group: m.Member.Group, Role: m.Member.Role, ShowRanks: s.ShowRanks}
	var bars []memberBar
	f := in.formats(res)
	for _, q := range qs {
		sc := m.Quarters[q-1]
		mq := MemberQuarter{Label: model.QuarterLabel(q), Href: quarterHref(y, q), Participating: sc.Participating}
		if sc.Participating {
			// As in every table of the site (formats).
			mq.Base, mq.Reward = column(f.quarter[fBase], []model.Points{sc.Base})[0], column(f.quarter[fReward], []model.Points{sc.Reward})[0]
			mq.Deduction, mq.Total = column(f.quarter[fDeduction], []model.Points{sc.Deduction})[0], column(f.quarter[fTotal], []model.Points{sc.Total})[0]
			if s.ShowRanks { // views carry only what may be shown, whatever a template prints
				mq.Rank = rankText(sc.Rank)
			}
			pts := make([]model.Points, len(sc.Lines))
			for i, l := range sc.Lines {
				pts[i] = l.Points
			}
			col := column(f.item, pts)
			for i, l := range sc.Lines {
				ml := MemberLine{Date: model.DateString(l.Date), Kind: l.Kind.String(), Points: col[i],
					Capped: l.Capped, Deduction: l.Kind == model.Deduction}
				if l.Mark != model.Present { // an attendance is plain from the 签到 table below
					ml.Mark = l.Mark.String()
				}
				if l.Item != nil {
					ml.Item = l.Item.Name
				}
				if l.Kind != model.Deduction {
					ml.Reason = l.Reason
				}
				mq.Lines = append(mq.Lines, ml)
			}
			mq.Attendance = attendanceLines(sc.Attendance)
			bars = append(bars, memberBar{Label: model.QuarterCN(q) + "季度", Value: sc.Total})
		} else {
			bars = append(bars, memberBar{Label: model.QuarterCN(q) + "季度", Absent: true})
		}
		mv.Quarters = append(mv.Quarters, mq)
	}
	mv.Chart = memberChart(fmt.Sprintf("%s同志%d年各季度积分", m.Member.Name, y), bars, s.BaseMax+s.RewardMax)
	if in.plan(res).AnnualPublic && m.Annual != nil {
		a := m.Annual
		// Each figure as in the annual tables (formats).
		var t [6]string
		for i, r := range annualRats(a) {
			t[i] = ratColumn(f.annual[i], []*big.Rat{r})[0]
		}
		mv.Annual = &MemberAnnual{QuarterAvg: t[aQuarterAvg], BaseAvg: t[aBaseAvg], RewardAvg: t[aRewardAvg], Deduction: t[aDeduction],
			Democratic: t[aDemocratic], Total: t[aTotal], Grade: m.PublicLabel()}
		if s.ShowRanks {
			mv.Annual.Rank = rankText(a.Rank)
		}
	}
	return mv
}

// AnnualView is the annual result publication (年度评定结果公示): like a
// quarter's, it states its period, how to object and who signs it.
type AnnualView struct {
	Year      int
	PubStart  string
	PubEnd    string
	PubDays   int
	Contact   string
	Scheme    string // 方案名称, in 《》
	Committee string // 落款, dated PubStart
	Count     int    // members with an annual result
	Graded    int    // of whom were graded
	ShowRanks bool
	Rows      []AnnualRow
	Groups    []string
	Grades    []GradeCount
	Notice    string
	// NoticeNote, Postings and Corrections: the annual 公示's record, as
	// on the quarter pages (SPEC §11).
	NoticeNote  string
	Postings    []PostingLink
	Corrections []CorrectionView
	Objections  []ObjectionRow // to the annual 公示 (异议处理, 季度 年度)
	Held        bool           // a grade shows 待定: an objection to it is 受理中
}

// AnnualRow is one member's published annual result: the figures that
// explain the grade (averages, 年度扣分, 民主评议分), never the reasons.
type AnnualRow struct {
	Rank, ID, Name, Category, Group, Href, Search string
	Quarters                                      string
	AnnualFigures
	Grade     string
	Corrected bool // changed by a 更正公示 since the annual 公示
}

// AnnualFigures are a member's annual figures as every annual table prints
// them, public or committee: one number of decimals per column.
type AnnualFigures struct {
	QuarterAvg, BaseAvg, RewardAvg, Deduction, Democratic, Total string
}

// annualFigures formats the figures of as column by column, with at least
// the decimals of places (yearFormats.annual).
func annualFigures(as []*model.Annual, places [6]int) []AnnualFigures {
	out := make([]AnnualFigures, len(as))
	var cols [6][]string
	for k := range cols {
		rs := make([]*big.Rat, len(as))
		for i, a := range as {
			rs[i] = annualRats(a)[k]
		}
		cols[k] = ratColumn(places[k], rs)
	}
	for i := range out {
		out[i] = AnnualFigures{QuarterAvg: cols[aQuarterAvg][i], BaseAvg: cols[aBaseAvg][i], RewardAvg: cols[aRewardAvg][i],
			Deduction: cols[aDeduction][i], Democratic: cols[aDemocratic][i], Total: cols[aTotal][i]}
	}
	return out
}

// GradeCount is how many members got a grade.
type GradeCount struct {
	Grade string
	Count int
}

func annualView(in *Input, res *model.Result) *AnnualView {
	y := res.Year.Year
	s := res.Year.Settings
	start, end := res.Year.AnnualPublication()
	av := &AnnualView{Year: y, PubStart: model.DateCN(start), PubEnd: model.DateCN(end), PubDays: s.PublicationDays,
		Contact: s.ObjectionContact, Scheme: s.Scheme, Committee: model.CommitteeName(s.Branch),
		ShowRanks: s.ShowRanks, Groups: groupsOf(res.Members)}
	if d := in.plan(res).Find(plan.AnnualNotice, plan.Public, 0, false); d != nil && in.PDFs {
		av.Notice = d.Path
		if d.Copy != nil {
			av.NoticeNote = model.DateCN(d.Copy.Posted) + "张贴的原件"
		}
	}
	av.Postings, av.Corrections = postings(in, res, 0)
	av.Objections = objectionRows(res.Year, 0)
	count := map[string]int{}
	var as []*model.Annual
	for _, m := range res.Members {
		if m.Member.Exempt || m.Annual == nil {
			continue
		}
		a := m.Annual
		row := AnnualRow{ID: m.Member.ID, Name: m.Member.Name, Category: string(m.Member.Category),
			Group: m.Member.Group, Href: memberHref(y, m.Member.ID), Search: searchKey(m.Member),
			Quarters: strconv.Itoa(a.Quarters), Grade: m.PublicLabel(), Corrected: res.Pub(0).Corrected(m.Member.ID)}
		if s.ShowRanks {
			row.Rank = rankText(a.Rank)
		}
		count[row.Grade]++
		av.Held = av.Held || row.Grade == model.LabelPending
		av.Rows = append(av.Rows, row)
		as = append(as, a)
	}
	av.Count = len(av.Rows)
	for i, f := range annualFigures(as, in.formats(res).annual) {
		av.Rows[i].AnnualFigures = f
	}
	for _, g := range model.Grades {
		av.Grades = append(av.Grades, GradeCount{Grade: string(g), Count: count[string(g)]})
		av.Graded += count[string(g)]
	}
	if n := count[model.LabelPending]; n > 0 {
		av.Grades = append(av.Grades, GradeCount{Grade: model.LabelPending, Count: n})
		av.Graded += n
	}
	return av
}

// RulesView is the rules page: rubric, settings and Markdown pages.
type RulesView struct {
	Items    []ItemRow
	Settings []Link // Text = 项目, Note = 值
	Pages    []MarkdownPage
}

// ItemRow is one rubric item.
type ItemRow struct {
	Code, Kind, Name, Points, Cap, Proof, Note string
}

// MarkdownPage is a rendered data/pages/*.md page.
type MarkdownPage struct {
	Anchor, Title string
	HTML          template.HTML
}

func rulesView(in *Input, res *model.Result) (*RulesView, error) {
	y := res.Year
	s := y.Settings
	rv := &RulesView{}
	var pts, caps []model.Points
	for _, it := range y.Items {
		p := it.Points
		if it.Kind == model.Deduction {
			p = -p.Abs()
		}
		pts = append(pts, p)
		if it.QuarterCap > 0 {
			caps = append(caps, it.QuarterCap)
		}
	}
	f := in.formats(res)
	ptsCol, capCol := column(f.item, pts), column(f.item, caps)
	for i, it := range y.Items {
		row := ItemRow{Code: it.Code, Kind: it.Kind.String(), Name: it.Name, Points: ptsCol[i],
			Cap: "—", Proof: model.YesNo(it.NeedsProof), Note: it.Note}
		if it.QuarterCap > 0 {
			row.Cap, capCol = capCol[0], capCol[1:]
		}
		rv.Items = append(rv.Items, row)
	}
	add := func(k, v string) { rv.Settings = append(rv.Settings, Link{Text: k, Note: v}) }
	add(model.SettingBranch, s.Branch)
	add(model.SettingYear, strconv.Itoa(y.Year))
	if s.Superior != "" {
		add(model.SettingSuperior, s.Superior)
	}
	add(model.SettingBaseMax, s.BaseMax.String())
	add(model.SettingRewardMax, s.RewardMax.String())
	add(model.SettingDemocraticMax, s.DemocraticMax.String())
	add(model.SettingBaseMode, s.BaseMode.String())
	add(model.SettingPublicationDays, strconv.Itoa(s.PublicationDays))
	add(model.SettingLateDays, strconv.Itoa(s.LateDays)+"天")
	add(model.SettingClaimCutoff, "每季度末月"+strconv.Itoa(s.ClaimCutoffDay)+"日")
	add(model.SettingExcellentQuota, s.QuotaPercent())
	add(model.SettingEvalWeight, ratText(s.EvalWeight))
	add(model.SettingPromiseWeight, ratText(s.PromiseWeight))
	for q := 1; q <= 4; q++ {
		start, end := s.Publication(q)
		add(model.QuarterLabel(q)+"公示", model.DateCN(start)+"至"+model.DateCN(end))
	}
	start, end := y.AnnualPublication()
	add("年度评定结果公示", model.DateCN(start)+"至"+model.DateCN(end))
	add(model.SettingScheme, s.Scheme)
	add(model.SettingShowRanks, model.YesNo(s.ShowRanks))
	add(model.SettingGradesDecided, model.YesNo(s.GradesDecided))
	if it := s.AbsenceItem; it != nil {
		add(model.SettingAbsenceItem, it.Code+" "+it.Name+"（签到表中每次缺席另扣 "+it.Points.Abs().String()+" 分）")
	}
	if s.ObjectionContact != "" {
		add(model.SettingObjections, s.ObjectionContact)
	}
	for _, p := range in.Register.Pages {
		title := p.Title
		if title == "" {
			title = p.Name
		}
		h, err := Markdown(p.Source, title)
		if err != nil {
			return rv, err
		}
		rv.Pages = append(rv.Pages, MarkdownPage{Anchor: PageAnchor(p.Name), Title: title, HTML: h})
	}
	return rv, nil
}

// CommitView is the 《党员个人承诺书》 page.
type CommitView struct {
	Rows   []CommitRow
	Groups []string
}

// CommitRow is one commitment.
type CommitRow struct {
	ID, Name, Group, Search, Content, Reviewer, Signed string
}

func commitView(res *model.Result) *CommitView {
	cv := &CommitView{Groups: groupsOf(res.Members)}
	for _, c := range res.Year.Commitments {
		row := CommitRow{Content: c.Content, Reviewer: c.Reviewer, Signed: model.DateString(c.Signed)}
		if m := c.Member; m != nil {
			if m.Exempt {
				continue
			}
			row.ID, row.Name, row.Group, row.Search = m.ID, m.Name, m.Group, searchKey(m)
		}
		cv.Rows = append(cv.Rows, row)
	}
	return cv
}
