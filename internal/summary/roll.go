package summary

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// MaxYears is how many years the roll-up covers, ending with the current
// one: 五(五) keeps closed years as the archive, and a superior looks back
// a few years at most. Older bundles are named and left out, which also
// bounds the periods (and pages and sheets) any folder of bundles can open.
const MaxYears = 10

// Options are what a roll-up needs besides the bundles.
type Options struct {
	// Today is the day summary runs: periods are due or not against it,
	// and no bundle can have been made after it.
	Today time.Time
	// List is 支部名单.xlsx; nil without one.
	List *List
	// In is the received folder as the user named it, slash form: findings
	// name a bundle as In/Path.
	In string
}

type periodKey struct {
	year int
	ord  int // 0 the 细则 (filed 「年初」), 1–4 the quarters, 5 the year (it closes after Q4)
}

func keyOf(year int, period string) periodKey {
	if period == filing.PeriodRules {
		return periodKey{year, 0}
	}
	q, _ := filing.ParsePeriod(period)
	if q == 0 {
		q = 5
	}
	return periodKey{year, q}
}

func parseDay(s string) (time.Time, error) { return time.Parse(time.DateOnly, s) }

func (k periodKey) before(o periodKey) bool {
	return k.year < o.year || (k.year == o.year && k.ord < o.ord)
}

type rowKey struct {
	branch string // BranchKey
	period periodKey
}

// Roll builds the roll-up of the received bundles (pure).
//
// Who must report: with a list, every listed branch in every period; else
// every branch from the first period it sent a valid bundle for, across
// years. A period has a table once it has ended; a branch with nothing
// valid is 未报送 once the period is due (Due), 待报送 before. Claims of a
// bundle that fails verification open nothing: the bundle is a finding,
// and marks its branch's row 校验失败 only where that row exists anyway.
// A bundle made after today, or of a year before the last MaxYears, is a
// finding and left out.
//
// Several valid bundles of one branch and period form a chain (see chain):
// the latest report counts, the first bundle decides 按时 or 逾期.
// Branches are listed in pinyin order.
func Roll(recv []*Received, opt Options) *Rollup {
	recv = append([]*Received{}, recv...)
	sort.Slice(recv, func(i, j int) bool { return recv[i].Path < recv[j].Path })
	today := model.NewDate(opt.Today.Year(), opt.Today.Month(), opt.Today.Day())
	r := &Rollup{Bundles: len(recv), Today: today, List: opt.List}
	ix := &rollIndex{opt: opt, today: today, ru: r, branches: map[string]*Branch{},
		valid: map[rowKey][]*Received{}, failed: map[rowKey][]*Received{}, superiors: map[string]int{}}
	if opt.List != nil {
		for _, l := range opt.List.Branches {
			b := ix.branch(l.Name)
			b.Contact, b.listed = l.Contact, true
			b.first = periodKey{} // expected in every period
		}
	}
	for _, rc := range recv {
		ix.add(rc)
	}
	r.Superior = mostCommon(ix.superiors)
	names := newByName()
	for _, b := range ix.branches {
		r.Branches = append(r.Branches, b)
	}
	sort.Slice(r.Branches, func(i, j int) bool { return names.less(r.Branches[i].Name, r.Branches[j].Name) })
	for _, y := range ix.years() {
		if yr := ix.year(y); len(yr.Periods()) > 0 || yr.Rules != nil {
			r.Years = append(r.Years, yr)
		}
	}
	for _, b := range r.Branches {
		byYear := map[int][]*Row{}
		var years []int
		for _, row := range b.Rows {
			if row.Period.Rules || len(row.Reports) == 0 {
				continue
			}
			if byYear[row.Period.Year] == nil {
				years = append(years, row.Period.Year)
			}
			byYear[row.Period.Year] = append(byYear[row.Period.Year], row)
		}
		for _, y := range years {
			ix.checkChains(b, y, byYear[y])
		}
	}
	for _, b := range r.Branches {
		sort.SliceStable(b.Received, func(i, j int) bool { return b.Received[i].Path < b.Received[j].Path })
	}
	r.Findings.Sort()
	return r
}

// rollIndex is what Roll learns from the bundles before it draws a table.
type rollIndex struct {
	opt           Options
	today         time.Time
	ru            *Rollup
	branches      map[string]*Branch // by BranchKey
	valid, failed map[rowKey][]*Received
	superiors     map[string]int
	minYear       int  // of the counted bundles; 0 without any
	rulesAhead    bool // a 细则 of next year arrived (a register set up in December)
}

func (ix *rollIndex) pos(rc *Received) model.Pos {
	return model.Pos{File: path.Join(ix.opt.In, rc.Path)}
}

// branch returns the branch of name, made on first sight.
func (ix *rollIndex) branch(name string) *Branch {
	k := BranchKey(name)
	b := ix.branches[k]
	if b == nil {
		b = &Branch{Name: name, Key: k, Folder: BranchFolder(name), first: periodKey{1 << 30, 0}}
		ix.branches[k] = b
	}
	return b
}

// add files one received bundle: a valid one under what it is, unless it
// cannot be true; a failed one as a finding, remembered under what it
// claims to be for rows that exist anyway.
func (ix *rollIndex) add(rc *Received) {
	fs := &ix.ru.Findings
	at := ix.pos(rc)
	d := rc.Digest
	if d == nil {
		p := rc.Problem
		at.Sheet = p.File
		if p.Foreign {
			fs.Warnf(at, "不是 jifen 备案包，已忽略：%s", p.Message)
		} else {
			fs.Warnf(at, "备案包校验失败，未计入汇总：%s", p.Message)
		}
		if c := p.Claimed; c != nil {
			k := rowKey{BranchKey(c.Branch), keyOf(c.Year, c.Period)}
			ix.failed[k] = append(ix.failed[k], rc)
		}
		return
	}
	asOf, _ := time.Parse(time.DateOnly, d.AsOf) // checked by filing.Open
	first := ix.today.Year() - MaxYears + 1
	switch {
	case asOf.After(ix.today):
		fs.Warnf(at, "备案包的数据截至日期 %s 晚于今天（%s），不可能已经生成，未计入汇总：请支部核对电脑日期后重新生成并报送", d.AsOf, model.DateString(ix.today))
		return
	case d.Year < first:
		fs.Warnf(at, "%d 年度的备案包未计入汇总：汇总只包括最近 %d 个年度（%d–%d）", d.Year, MaxYears, first, ix.today.Year())
		return
	case d.Year > ix.today.Year()+1:
		// Only a 细则 can come before its year, and by a year at most
		// (filing.Open holds its as-of to that).
		fs.Warnf(at, "%d 年度的备案包未计入汇总：该年度尚未开始", d.Year)
		return
	}
	for _, s := range rc.Skipped {
		fs.Warnf(at, "%s", s)
	}
	ix.ru.Valid++
	b := ix.branch(d.Branch)
	if b.Superior == "" {
		b.Superior = d.Superior
	}
	if ix.opt.List != nil && !b.listed && !b.OffList {
		b.OffList = true
		fs.Warnf(at, "支部「%s」不在%s中（名单外）：请核对支部名称，或把它加入名单", d.Branch, ListFile)
	}
	pk := keyOf(d.Year, d.Period)
	if pk.before(b.first) {
		b.first = pk
	}
	if ix.minYear == 0 || d.Year < ix.minYear {
		ix.minYear = d.Year
	}
	if d.Period == filing.PeriodRules && d.Year > ix.today.Year() {
		ix.rulesAhead = true
	}
	k := rowKey{b.Key, pk}
	ix.valid[k] = append(ix.valid[k], rc)
	b.Received = append(b.Received, rc)
	ix.superiors[d.Superior]++
}

// years are the years the roll-up shows: from the first year of a counted
// bundle (with a list and none, the current one) to the newest year with
// an ended period, within the last MaxYears.
func (ix *rollIndex) years() []int {
	if ix.minYear == 0 && ix.opt.List == nil {
		return nil
	}
	// The current year has its 细则 table from its first day; next year's
	// once a 细则 for it arrived.
	last := ix.today.Year()
	if ix.rulesAhead {
		last++
	}
	from := ix.minYear
	if from == 0 {
		from = last
	}
	var ys []int
	for y := max(from, ix.today.Year()-MaxYears+1); y <= last; y++ {
		ys = append(ys, y)
	}
	return ys
}

// year draws year y's tables: each ended period, a row per branch
// expected in it.
func (ix *rollIndex) year(y int) *Year {
	yr := &Year{Year: y}
	for _, q := range []int{1, 2, 3, 4, 0} {
		end := model.NewDate(y, time.December, 31)
		if q > 0 {
			end = model.QuarterEnd(y, q)
		}
		if !ix.today.After(end) {
			continue
		}
		per := &Period{Year: y, Quarter: q, Due: Due(y, q)}
		pk := keyOf(y, filing.PeriodName(q))
		for _, b := range ix.ru.Branches {
			if pk.before(b.first) {
				continue
			}
			row := ix.row(b, per, ix.valid[rowKey{b.Key, pk}], ix.failed[rowKey{b.Key, pk}])
			per.Rows = append(per.Rows, row)
			b.Rows = append(b.Rows, row)
		}
		switch {
		case len(per.Rows) == 0: // before any branch was expected
		case q == 0:
			yr.Annual = per
		default:
			yr.Quarters = append(yr.Quarters, per)
		}
	}
	yr.Rules = ix.rules(y)
	return yr
}

// rules draws year y's 细则 table: a row per branch expected in the year
// (from its first period on; with a list, every listed branch), each with
// its 细则 chain and the comparison with its previous year's 细则. A year
// not begun yet has rows only for branches that already filed.
func (ix *rollIndex) rules(y int) *Period {
	per := &Period{Year: y, Rules: true, Due: filing.RulesDueDate(y)}
	pk := periodKey{y, 0}
	started := y <= ix.today.Year()
	for _, b := range ix.ru.Branches {
		k := rowKey{b.Key, pk}
		valid, failed := ix.valid[k], ix.failed[k]
		if pk.before(b.first) || (!started && len(valid)+len(failed) == 0) {
			continue
		}
		row := &Row{Period: per, Branch: b, Failed: failed}
		b.Received = append(b.Received, failed...)
		switch {
		case len(valid) > 0:
			row.Reports, row.Undecided = chain(valid)
			latest := row.Reports[len(row.Reports)-1]
			row.Digest, row.From = latest.Digest(), latest.Bundles[0]
			row.Latest = latest.Bundles[len(latest.Bundles)-1]
			row.Submitted = row.Reports[0].Digest().AsOf
			row.BundleLate = row.Submitted > model.DateString(per.Due)
			row.Status = OnTime
			if row.BundleLate {
				row.Status = Late
			}
			ix.chainFindings(row)
			if prev := ix.valid[rowKey{b.Key, periodKey{y - 1, 0}}]; len(prev) > 0 {
				reps, _ := chain(prev)
				row.Diff = diffRules(reps[len(reps)-1].Digest().Rules, row.Digest.Rules, y-1, y)
			}
		case len(failed) > 0:
			row.Status, row.From = Failed, failed[len(failed)-1]
		case ix.today.After(per.Due):
			row.Status = Missing
		default:
			row.Status = Pending
		}
		per.Rows = append(per.Rows, row)
		b.Rows = append(b.Rows, row)
	}
	if len(per.Rows) == 0 {
		return nil
	}
	return per
}

// row decides one branch's row of one period.
func (ix *rollIndex) row(b *Branch, per *Period, valid, failed []*Received) *Row {
	row := &Row{Period: per, Branch: b, Failed: failed}
	b.Received = append(b.Received, failed...)
	switch {
	case len(valid) > 0:
		row.Reports, row.Undecided = chain(valid)
		latest := row.Reports[len(row.Reports)-1]
		row.Digest, row.From = latest.Digest(), latest.Bundles[0]
		row.Submitted = row.Reports[0].Digest().AsOf
		var bundles []*Received
		for _, rep := range row.Reports {
			bundles = append(bundles, rep.Bundles...)
		}
		row.posting(bundles) // 按时, 逾期 or 未记录张贴
		ix.chainFindings(row)
	case len(failed) > 0:
		row.Status, row.From = Failed, failed[len(failed)-1]
	case ix.today.After(per.Due):
		row.Status = Missing
	default:
		row.Status = Pending
	}
	return row
}

// chain orders the valid bundles of one branch and period into reports.
//
// A bundle's as-of is the day it was made, so the later as-of is the later
// report. Bundles with equal figures (Digest.Figures: everything but the
// as-of) are one report: a rebuild of unchanged figures on a later day is
// not a correction, and a report keeps its first bundle's day. On one
// as-of day, two different sets of figures are ordered by what they say:
// figures equal to the report before that day come first (they are the
// state a correction changed: a rebuild made the same morning); then the
// set recording fewer corrected objections (a correction of a posted 公示
// is recorded in 异议处理 as 更正, SPEC §11, so the later bundle counts
// more); then fewer objections received. Sets still tied cannot be told
// apart from their content: undecided is set, and they are taken in the
// order of their content hashes, which does not depend on file names or
// the order they were found in.
func chain(valid []*Received) (reports []*Report, undecided bool) {
	bs := append([]*Received{}, valid...)
	sort.SliceStable(bs, func(i, j int) bool {
		a, b := bs[i].Digest, bs[j].Digest
		if a.AsOf != b.AsOf {
			return a.AsOf < b.AsOf
		}
		return bs[i].Path < bs[j].Path
	})
	for i := 0; i < len(bs); {
		j := i
		for j < len(bs) && bs[j].Digest.AsOf == bs[i].Digest.AsOf {
			j++
		}
		day := bs[i:j]
		prev := ""
		if len(reports) > 0 {
			prev = reports[len(reports)-1].Digest().Figures
		}
		// Group the day's bundles by figures, each group in path order.
		var sets [][]*Received
		at := map[string]int{}
		for _, b := range day {
			f := b.Digest.Figures
			if k, ok := at[f]; ok {
				sets[k] = append(sets[k], b)
				continue
			}
			at[f] = len(sets)
			sets = append(sets, []*Received{b})
		}
		rank := func(s []*Received) (bool, int, int, string) {
			d := s[0].Digest
			return d.Figures != prev, d.Objections.Corrected, d.Objections.Received, d.Figures
		}
		sort.SliceStable(sets, func(a, b int) bool {
			ra1, ra2, ra3, ra4 := rank(sets[a])
			rb1, rb2, rb3, rb4 := rank(sets[b])
			switch {
			case ra1 != rb1:
				return !ra1
			case ra2 != rb2:
				return ra2 < rb2
			case ra3 != rb3:
				return ra3 < rb3
			}
			return ra4 < rb4
		})
		for k := 1; k < len(sets); k++ {
			a1, a2, a3, _ := rank(sets[k-1])
			b1, b2, b3, _ := rank(sets[k])
			if a1 && b1 && a2 == b2 && a3 == b3 {
				undecided = true
			}
		}
		for _, s := range sets {
			if len(reports) > 0 && reports[len(reports)-1].Digest().Figures == s[0].Digest.Figures {
				last := reports[len(reports)-1]
				last.Bundles = append(last.Bundles, s...)
				continue
			}
			rep := &Report{Bundles: s}
			if len(reports) > 0 {
				rep.Changes = changes(reports[len(reports)-1].Digest(), s[0].Digest)
			}
			reports = append(reports, rep)
		}
		i = j
	}
	return reports, undecided
}

// chainFindings tells the superior about every bundle of a chain that does
// not count on its own: copies, rebuilds and superseded reports.
func (ix *rollIndex) chainFindings(row *Row) {
	fs := &ix.ru.Findings
	name, per := row.Branch.Name, row.Period.Name()
	latest := row.Reports[len(row.Reports)-1]
	for i, rep := range row.Reports {
		first := rep.Bundles[0]
		for _, b := range rep.Bundles[1:] {
			if b.Digest.ContentHash == first.Digest.ContentHash {
				fs.Warnf(ix.pos(b), "与 %s 内容完全相同（重复报送），只计一次", first.Path)
			} else {
				fs.Infof(ix.pos(b), "与 %s 的数据相同（数据截至 %s 重新生成），是同一次报送，不是更正", first.Path, b.Digest.AsOf)
			}
		}
		if i == len(row.Reports)-1 {
			continue
		}
		next := row.Reports[i+1].Bundles[0]
		switch {
		case row.Undecided && next.Digest.AsOf == first.Digest.AsOf:
			fs.Warnf(ix.pos(first), "%s %s 收到两个内容不同、数据截至日期相同（%s）的备案包，无法判断哪个是更正件，暂以 %s 为准，请与支部核实",
				name, per, first.Digest.AsOf, latest.Bundles[0].Path)
		case next.Digest.AsOf == first.Digest.AsOf:
			fs.Warnf(ix.pos(first), "%s %s 已由同日生成的 %s 更正（记录的异议更正更多，或本包是更正前的数据），以 %s 为准，本包未计入汇总",
				name, per, next.Path, latest.Bundles[0].Path)
		default:
			fs.Warnf(ix.pos(first), "%s %s 另有内容不同的备案包 %s（数据截至 %s，晚于本包的 %s），以较晚者为准，本包未计入汇总",
				name, per, next.Path, next.Digest.AsOf, first.Digest.AsOf)
		}
	}
}

// maxChangeLines bounds what one report says changed.
const maxChangeLines = 40

// changes says which figures of a period's table differ between two
// reports, old → new. The members whose figures changed, and why, are in
// the 更正公示 records the bundles will carry (SPEC §11).
func changes(a, b *Digest) []string {
	if a.Rules != nil && b.Rules != nil {
		// A 细则 filed again: what its rubric and settings changed.
		lines := diffRules(a.Rules, b.Rules, a.Year, b.Year).Lines()
		if len(lines) > maxChangeLines {
			lines = append(lines[:maxChangeLines], fmt.Sprintf("……另有 %d 处", len(lines)-maxChangeLines))
		}
		if len(lines) == 0 {
			lines = []string{"考核项目和设置未变（名册或不纳入积分管理人员有变化）"}
		}
		return lines
	}
	var out []string
	add := func(label, x, y string) {
		if x != y {
			out = append(out, label+" "+x+" → "+y)
		}
	}
	add("公示期", a.Start+"至"+a.End, b.Start+"至"+b.End)
	add("参加人数", fmt.Sprint(a.Members), fmt.Sprint(b.Members))
	if a.Quarter() > 0 {
		add("平均季度积分", ratText(a), ratText(b))
	} else {
		ga, gb := a.Grades, b.Grades
		add("确定等次（优秀/合格/基本合格/不合格）", fmt.Sprintf("%d/%d/%d/%d", ga.Excellent, ga.Qualified, ga.Basic, ga.Unqualified),
			fmt.Sprintf("%d/%d/%d/%d", gb.Excellent, gb.Qualified, gb.Basic, gb.Unqualified))
	}
	add("有扣分人数", fmt.Sprint(a.Deducted), fmt.Sprint(b.Deducted))
	oa, ob := a.Objections, b.Objections
	add("异议（受理/更正/未结）", fmt.Sprintf("%d/%d/%d", oa.Received, oa.Corrected, oa.Open), fmt.Sprintf("%d/%d/%d", ob.Received, ob.Corrected, ob.Open))
	if len(out) == 0 {
		out = append(out, "汇总数字未变（成员或个人积分有变化）")
	}
	return out
}

func ratText(d *Digest) string {
	if avg := d.Average(); avg != nil {
		return model.RatString(model.Round2(avg).Rat())
	}
	return "—"
}

func mostCommon(counts map[string]int) string {
	best, n, tie := "", 0, false
	for s, c := range counts {
		switch {
		case c > n:
			best, n, tie = s, c, false
		case c == n:
			tie = true
		}
	}
	if tie {
		return ""
	}
	return strings.TrimSpace(best)
}
