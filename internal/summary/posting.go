package summary

import (
	"fmt"
	"sort"
	"strings"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// Posting is a bundle's 公示 as its records show it (SPEC §11), quoted
// and bounded like every string of a Digest.
type Posting struct {
	State   string    // 待张贴 / 公示中 / 核实中 / 已定稿, as the branch's build saw it
	Records []*Record // at most filing.MaxRecords, chain order
	// Awaiting is a 更正公示 the branch has made and not yet posted.
	Awaiting     []Change
	MoreAwaiting int
}

// Record is one posting of a period's notice: its 公示 or a 更正公示.
type Record struct {
	Kind       string // 公示 / 更正公示
	Posted     string // the day it went up
	Start, End string // the 公示期 its notice states
	SHA256     string // of the record file: the chain's link
	Previous   string // the year's record before it; "" for the first
	// Changes are what a 更正公示 corrected, as its record says; at most
	// MaxChanges, the rest counted.
	Changes     []Change
	MoreChanges int
}

// Change is one member corrected after posting.
type Change struct {
	ID, Name      string
	Change        string // 更正 / 增加 / 删除
	Figures       []FigureChange
	Investigation string // 调查结果
}

// FigureChange is one figure as posted and as corrected.
type FigureChange struct{ Label, Old, New string }

// Text is the change in one line: 「张三（D003）季度积分 80 → 82；调查结果：…」.
func (c Change) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s）", c.Name, c.ID)
	switch c.Change {
	case "增加":
		b.WriteString("补列入公示")
	case "删除":
		b.WriteString("从公示中删除")
	}
	var figs []string
	for _, f := range c.Figures {
		if c.Change == "更正" {
			figs = append(figs, f.Label+" "+dash(f.Old)+" → "+dash(f.New))
		}
	}
	if len(figs) > 0 {
		b.WriteString(strings.Join(figs, "，"))
	}
	if c.Investigation != "" {
		b.WriteString("；调查结果：" + c.Investigation)
	}
	return b.String()
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// newPosting keeps a bundle's posting block, each posted 更正公示's
// changes read from its record file (filing.Bundle.Records); nil for a
// bundle without one.
func newPosting(s *filing.Summary, heads []filing.RecordHead) *Posting {
	if s.Posting.State == "" {
		return nil
	}
	p := &Posting{State: s.Posting.State}
	for _, h := range heads {
		r := &Record{Kind: h.Kind, Posted: h.Posted, Start: h.Start, End: h.End, SHA256: h.SHA256, Previous: h.Previous}
		r.Changes, r.MoreChanges = changesOf(h.Changes)
		p.Records = append(p.Records, r)
	}
	var awaiting []filing.Correction
	for _, c := range s.Posting.Corrections {
		if c.Posted == nil {
			awaiting = append(awaiting, c)
		}
	}
	p.Awaiting, p.MoreAwaiting = changesOf(awaiting)
	return p
}

func changesOf(cs []filing.Correction) ([]Change, int) {
	q := model.Quote
	var out []Change
	more := 0
	for _, c := range cs {
		if len(out) == MaxChanges {
			more++
			continue
		}
		ch := Change{ID: q(c.ID), Name: q(c.Name), Change: c.Change, Investigation: q(c.Investigation)}
		for _, f := range c.Figures {
			ch.Figures = append(ch.Figures, FigureChange{Label: q(f.Label), Old: q(f.Old), New: q(f.New)})
		}
		out = append(out, ch)
	}
	return out, more
}

// posting decides when the row's period was reported and posted, from its
// valid bundles in chain order (bundles): its records, each once (a later
// bundle repeats the earlier ones and adds what was posted since), the
// day its 公示 went up, and the correction the latest bundle says awaits
// posting.
func (row *Row) posting(bundles []*Received) {
	seen := map[string]bool{}
	for _, b := range bundles {
		p := b.Digest.Posting
		if p == nil {
			continue
		}
		for _, r := range p.Records {
			if !seen[r.SHA256] {
				seen[r.SHA256] = true
				row.Records = append(row.Records, r)
			}
		}
	}
	row.Latest = bundles[len(bundles)-1]
	if last := row.Latest.Digest.Posting; last != nil {
		row.Awaiting, row.MoreAwaiting = last.Awaiting, last.MoreAwaiting
	}
	due := model.DateString(row.Period.Due)
	row.BundleLate = row.Submitted > due
	if n := row.notice(); n != nil {
		row.Posted = n.Posted
		row.PostedLate = n.Posted > due
	}
	switch {
	case row.Posted == "":
		row.Status = Unrecorded
	case row.BundleLate || row.PostedLate:
		row.Status = Late
	default:
		row.Status = OnTime
	}
}

// checkChains holds the records of each branch's bundles of a year to one
// chain (SPEC §11, docs/archive.md): every record names the SHA-256 of the
// year's record before it. The superior never sees the branch's archive,
// only what its bundles carry, so two things show a record removed or
// rewritten:
//
//   - a later bundle of a period whose records do not begin with those of
//     an earlier bundle of the same period (one is missing, or has other
//     bytes);
//   - two different records that follow the same record, or two that
//     follow none (a rewritten record and its original).
//
// A record whose predecessor arrived in no bundle is no break by itself:
// the bundle carrying it may not have been sent. Each break is a warning at
// the bundle that shows it, naming the branch (公示记录不连续), and marks
// the rows of the year it concerns.
func (ix *rollIndex) checkChains(b *Branch, year int, rows []*Row) {
	var all []*Received
	for _, r := range rows {
		for _, rep := range r.Reports {
			all = append(all, rep.Bundles...)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if a, b := all[i].Digest.AsOf, all[j].Digest.AsOf; a != b {
			return a < b
		}
		return all[i].Path < all[j].Path
	})
	type origin struct {
		rec *Record
		rc  *Received
	}
	after := map[string]origin{} // previous → the first record seen after it ("" = the year's first)
	known := map[string]bool{}
	lastOf := map[string]*Received{} // period → its latest bundle so far
	breaks := map[*Row]string{}
	rowOf := map[string]*Row{}
	for _, r := range rows {
		rowOf[r.Period.Name()] = r
	}
	why := map[*Received][]string{}
	var order []*Received
	report := func(rc *Received, reason string) {
		if why[rc] == nil {
			order = append(order, rc)
		}
		why[rc] = append(why[rc], reason)
		per := model.PeriodLabel(rc.Digest.Year, rc.Digest.Quarter())
		if r := rowOf[per]; r != nil && breaks[r] == "" {
			breaks[r] = reason
		}
	}
	for _, rc := range all {
		p := rc.Digest.Posting
		if p == nil {
			continue
		}
		per := model.PeriodLabel(rc.Digest.Year, rc.Digest.Quarter())
		if prev := lastOf[per]; prev != nil && prev.Digest.Posting != nil {
			old := prev.Digest.Posting.Records
			for i, r := range old {
				if i >= len(p.Records) || p.Records[i].SHA256 != r.SHA256 {
					report(rc, fmt.Sprintf("%s先前收到的 %s 中有%s张贴的%s记录，本包中却没有或已不同", per, prev.Path, r.Posted, r.Kind))
					break
				}
			}
		}
		lastOf[per] = rc
		for _, r := range p.Records {
			if known[r.SHA256] {
				continue
			}
			known[r.SHA256] = true
			if o, ok := after[r.Previous]; ok && o.rec.SHA256 != r.SHA256 {
				what := "接在同一份记录之后"
				if r.Previous == "" {
					what = "都是本年度的第一份记录"
				}
				report(rc, fmt.Sprintf("本包中%s张贴的%s记录与 %s 中%s张贴的%s记录%s", r.Posted, r.Kind, o.rc.Path, o.rec.Posted, o.rec.Kind, what))
				continue
			}
			after[r.Previous] = origin{r, rc}
		}
	}
	for _, rc := range order {
		ix.ru.Findings.Warnf(ix.pos(rc), "%s %d年的公示记录不连续：%s。张贴记录被删除或改写过，请与支部核实，并请支部从备份恢复公示存档",
			b.Name, year, strings.Join(why[rc], "；"))
	}
	for r, reason := range breaks {
		r.Broken = reason
	}
}
