package render

import (
	"path"
	"strconv"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/plan"
)

// The publication record on the pages (SPEC §11): the public quarter and
// annual pages list each posting with its PDF as posted, mark the rows a
// 更正公示 changed 「已更正」 and show the corrections; the committee page
// says where every period stands and what to record next.

// PostingLink is one posting of a period as the public page lists it.
type PostingLink struct {
	Date     string // 2026年4月3日
	Kind     string // 公示 / 更正公示
	Href     string // the PDF as posted, root-relative: 2026/q1/公示-20260403.pdf
	PubStart string
	PubEnd   string
}

// CorrectionView is one 更正公示: posted, or awaiting posting.
type CorrectionView struct {
	Title    string // 2026年4月10日张贴的更正公示 / 更正公示（待张贴）
	Pending  bool
	Href     string // its PDF, root-relative; "" when not linked
	PubStart string
	PubEnd   string
	Rows     []CorrectionRow
}

// CorrectionRow is one corrected member: never who raised the objection.
type CorrectionRow struct {
	Name, Group, Changes, Investigation string
}

// postings lists period q's records with the public copies the plan made
// of them, oldest first, and its corrections (posted, then the pending
// one) for the public page of the period in dir.
func postings(in *Input, res *model.Result, q int) ([]PostingLink, []CorrectionView) {
	p := in.plan(res)
	pub := res.Pub(q)
	href := func(k plan.Kind, r *model.Record) string {
		for _, d := range p.Docs {
			if d.Kind == k && d.Quarter == q && d.Tree == plan.Public && d.Copy == r && in.PDFs {
				return d.Path
			}
		}
		return ""
	}
	groups := map[string]string{}
	for _, m := range res.Year.Members {
		groups[m.ID] = m.Group
	}
	var links []PostingLink
	var corrs []CorrectionView
	for _, r := range pub.Records {
		links = append(links, PostingLink{Date: model.DateCN(r.Posted), Kind: string(r.Kind), Href: href(plan.Posted, r),
			PubStart: model.DateCN(r.Start), PubEnd: model.DateCN(r.End)})
		if r.Kind == model.PostCorrection {
			corrs = append(corrs, CorrectionView{Title: model.DateCN(r.Posted) + "张贴的更正公示", Href: href(plan.Posted, r),
				PubStart: model.DateCN(r.Start), PubEnd: model.DateCN(r.End), Rows: correctionRows(r.Changes, groups)})
		}
	}
	if len(pub.Pending) > 0 {
		cv := CorrectionView{Title: "更正公示（待张贴）", Pending: true, PubStart: model.DateCN(pub.CorrectionStart),
			PubEnd: model.DateCN(pub.CorrectionEnd), Rows: correctionRows(pub.Pending, groups)}
		if d := p.Find(plan.Correction, plan.Public, q, false); d != nil && in.PDFs {
			cv.Href = d.Path
		}
		corrs = append(corrs, cv)
	}
	return links, corrs
}

func correctionRows(cs []model.Change, groups map[string]string) []CorrectionRow {
	var rows []CorrectionRow
	for _, c := range cs {
		var parts []string
		for _, f := range c.Figures {
			old, new := f.Old, f.New
			if c.Kind == model.MemberAdded {
				old = "未列出"
			}
			if c.Kind == model.MemberRemoved {
				new = "不再列出"
			}
			parts = append(parts, f.Figure.Label()+" "+old+" → "+new)
		}
		rows = append(rows, CorrectionRow{Name: c.Name, Group: groups[c.ID], Changes: strings.Join(parts, "；"),
			Investigation: c.Investigation})
	}
	return rows
}

// PeriodRow is one period on the committee page's 张贴与公示 table.
type PeriodRow struct {
	Label    string // 第一季度 / 年度评定结果
	State    string
	Class    string // due (待张贴 past its day), open, done
	PubStart string
	PubEnd   string
	Posted   []string // 「2026年4月3日 公示（data/2026/公示存档/2026-Q1-公示-20260403.pdf）」
	Pending  []string // the changes of a 更正公示 awaiting posting
	// Post is what `jifen post` takes for the period when it has something
	// to record (not posted, or a correction awaits posting); "" otherwise.
	Post string
	// From and To bound the day the period can have been posted: after
	// it ended, and not after the build's as-of day. The page carries
	// Post, From and To in an empty element where the preview puts its
	// 「记录张贴」 form (preview's slot); on disk it shows nothing.
	From, To string
}

// periodRows says where each period of the year stands.
func periodRows(res *model.Result) []PeriodRow {
	var rows []PeriodRow
	y := res.Year
	for _, q := range []int{1, 2, 3, 4, 0} {
		pub := res.Pub(q)
		if pub.State == "" {
			continue
		}
		row := PeriodRow{Label: "年度评定结果", State: string(pub.State), Class: "open"}
		start, end := y.AnnualPublication()
		closing := model.QuarterEnd(y.Year, 4)
		if q > 0 {
			row.Label = model.QuarterLabel(q)
			start, end = y.Settings.Publication(q)
			closing = model.QuarterEnd(y.Year, q)
		}
		row.PubStart, row.PubEnd = model.DateCN(start), model.DateCN(end)
		switch pub.State {
		case model.StateDue:
			if !res.AsOf.Before(pub.Due) {
				row.Class = "due"
			}
		case model.StateFinal:
			row.Class = "done"
		}
		for _, r := range pub.Records {
			row.Posted = append(row.Posted, model.DateCN(r.Posted)+" "+string(r.Kind)+"（"+path.Base(r.PDF)+"）")
		}
		if l := pub.Latest(); l != nil {
			row.PubStart, row.PubEnd = model.DateCN(l.Start), model.DateCN(l.End)
		}
		for _, c := range pub.Pending {
			row.Pending = append(row.Pending, changeLine(c))
		}
		if pub.Postable() {
			row.Post = periodArg(y.Year, q)
			row.From = model.DateString(closing.AddDate(0, 0, 1))
			row.To = model.DateString(res.AsOf)
		}
		rows = append(rows, row)
	}
	return rows
}

// changeLine says how a member's line changed, for the committee.
func changeLine(c model.Change) string {
	var parts []string
	for _, f := range c.Figures {
		parts = append(parts, f.Figure.Label()+" "+dashed(f.Old)+" → "+dashed(f.New))
	}
	s := c.Name + "（" + c.ID + "）" + strings.Join(parts, "，")
	if c.Investigation != "" {
		s += "；调查结果：" + c.Investigation
	}
	return s
}

func dashed(v string) string {
	if v == "" {
		return "—"
	}
	return v
}

// periodArg is a period as `jifen post` takes it: 2026Q1, or 2026.
func periodArg(year, q int) string {
	if q == 0 {
		return strconv.Itoa(year)
	}
	return strconv.Itoa(year) + "Q" + strconv.Itoa(q)
}
