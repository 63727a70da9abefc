package summary

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// BranchID is the folder name of a branch's page: stable across runs and
// ASCII, whatever the 支部名称 holds.
func BranchID(name string) string {
	h := sha256.Sum256([]byte(name))
	return hex.EncodeToString(h[:5])
}

type key struct {
	branch string
	year   int
	period string
}

// Roll builds the roll-up of the received bundles (pure). A failed bundle
// is a warning naming it and is left out; its branch's row says 校验失败
// unless a valid bundle of that branch and period arrived too. Of two
// different valid bundles of one branch and period the one made with the
// later as-of date counts (a correction sent after the first), with a
// warning; identical copies count once, with a warning too, since the
// superior may want to tidy the folder. Branches are listed in pinyin
// order.
func Roll(recv []*Received) *Rollup {
	recv = append([]*Received{}, recv...)
	sort.Slice(recv, func(i, j int) bool { return recv[i].Path < recv[j].Path })
	r := &Rollup{Bundles: len(recv)}
	ix := newRollIndex()
	for _, rc := range recv {
		ix.add(r, rc)
	}
	r.Superior = mostCommon(ix.superiors)
	names := newByName()

	var years []int
	for y := range ix.periods {
		years = append(years, y)
	}
	sort.Ints(years)
	for _, y := range years {
		r.Years = append(r.Years, r.year(ix, y, names))
	}
	for _, b := range ix.branches {
		r.Branches = append(r.Branches, b)
	}
	sort.Slice(r.Branches, func(i, j int) bool { return names.less(r.Branches[i].Name, r.Branches[j].Name) })
	r.Findings.Sort()
	return r
}

// rollIndex is what Roll learns from the bundles before it draws a table.
type rollIndex struct {
	branches      map[string]*Branch
	valid, failed map[key][]*Received
	periods       map[int]map[string]bool // year → periods with a bundle
	seen          map[int]map[string]bool // year → branches
	superiors     map[string]int
	// A year is closed once a branch built after its 31 December: its
	// annual table then lists every branch, 未报送 until its year's bundle
	// arrives, since the 机关工委 needs to see who has not filed yet.
	closed map[int]bool
	// Likewise a quarter is closed once a branch built after its last day
	// (SPEC §4): its table then lists every branch of the year, even when
	// no bundle of that quarter has arrived from any of them.
	latest map[int]string // year → the latest as-of of its bundles
}

func newRollIndex() *rollIndex {
	return &rollIndex{branches: map[string]*Branch{}, valid: map[key][]*Received{}, failed: map[key][]*Received{},
		periods: map[int]map[string]bool{}, seen: map[int]map[string]bool{}, superiors: map[string]int{},
		closed: map[int]bool{}, latest: map[int]string{}}
}

func (ix *rollIndex) branchOf(name, superior string) *Branch {
	b := ix.branches[name]
	if b == nil {
		b = &Branch{Name: name, ID: BranchID(name)}
		ix.branches[name] = b
	}
	if b.Superior == "" {
		b.Superior = superior
	}
	return b
}

func (ix *rollIndex) note(k key) {
	if ix.periods[k.year] == nil {
		ix.periods[k.year] = map[string]bool{}
		ix.seen[k.year] = map[string]bool{}
	}
	ix.periods[k.year][k.period] = true
	ix.seen[k.year][k.branch] = true
}

// add files one received bundle: a valid one under what it is, a failed
// one under what it claims to be (if anything), with a finding.
func (ix *rollIndex) add(r *Rollup, rc *Received) {
	if d := rc.Digest; d != nil {
		r.Valid++
		if d.AsOf > quarterEnd(d.Year, 4) {
			ix.closed[d.Year] = true
		}
		ix.latest[d.Year] = max(ix.latest[d.Year], d.AsOf)
		k := key{d.Branch, d.Year, d.Period}
		ix.valid[k] = append(ix.valid[k], rc)
		ix.note(k)
		b := ix.branchOf(d.Branch, d.Superior)
		b.Received = append(b.Received, rc)
		ix.superiors[d.Superior]++
		return
	}
	p := rc.Problem
	pos := model.Pos{File: rc.Path, Sheet: p.File}
	if p.Foreign {
		r.Findings.Warnf(pos, "不是 jifen 备案包，已忽略：%s", p.Message)
	} else {
		r.Findings.Warnf(pos, "备案包校验失败，未计入汇总：%s", p.Message)
	}
	if c := p.Claimed; c != nil {
		k := key{c.Branch, c.Year, c.Period}
		ix.failed[k] = append(ix.failed[k], rc)
		ix.note(k)
		b := ix.branchOf(c.Branch, "")
		b.Received = append(b.Received, rc)
	}
}

// year draws year y's tables: a quarter's once a bundle of it arrived or
// it is closed, the year's once a bundle of it arrived or the year is
// closed; each lists every branch seen in the year.
func (r *Rollup) year(ix *rollIndex, y int, names byName) *Year {
	yr := &Year{Year: y}
	var branchNames []string
	for n := range ix.seen[y] {
		branchNames = append(branchNames, n)
	}
	sort.Slice(branchNames, func(i, j int) bool { return names.less(branchNames[i], branchNames[j]) })
	for _, q := range []int{1, 2, 3, 4, 0} {
		pn := filing.PeriodName(q)
		if !ix.periods[y][pn] && (q != 0 || !ix.closed[y]) && (q == 0 || ix.latest[y] <= quarterEnd(y, q)) {
			continue
		}
		per := &Period{Year: y, Quarter: q}
		for _, n := range branchNames {
			k := key{n, y, pn}
			row := r.row(ix.branches[n], ix.valid[k], ix.failed[k])
			row.Period = per
			per.Rows = append(per.Rows, row)
			ix.branches[n].Rows = append(ix.branches[n].Rows, row)
		}
		if q == 0 {
			yr.Annual = per
		} else {
			yr.Quarters = append(yr.Quarters, per)
		}
	}
	return yr
}

// row decides one branch's row of one period.
func (r *Rollup) row(b *Branch, valid, failed []*Received) *Row {
	row := &Row{Branch: b, Failed: failed}
	switch {
	case len(valid) > 0:
		w := valid[0]
		for _, v := range valid[1:] {
			// The later as-of wins; on a tie the later path, so that the
			// choice does not depend on the order files were found in.
			if v.Digest.AsOf > w.Digest.AsOf || (v.Digest.AsOf == w.Digest.AsOf && v.Path > w.Path) {
				w = v
			}
		}
		row.Status, row.Digest, row.From = Filed, w.Digest, w
		for _, v := range valid {
			if v == w {
				continue
			}
			pos := model.Pos{File: v.Path}
			if v.Digest.ContentHash == w.Digest.ContentHash {
				row.Copies++
				r.Findings.Warnf(pos, "与 %s 内容完全相同（重复报送），只计一次", w.Path)
				continue
			}
			row.Others = append(row.Others, v.Digest)
			switch {
			case v.Digest.AsOf == w.Digest.AsOf:
				r.Findings.Warnf(pos, "%s %s 收到两个内容不同、数据截至日期相同（%s）的备案包，无法判断哪个是更正件，暂以 %s 为准，请与支部核实",
					b.Name, periodText(w.Digest), w.Digest.AsOf, w.Path)
			default:
				r.Findings.Warnf(pos, "%s %s 另有内容不同的备案包 %s（数据截至 %s，晚于本包的 %s），以较晚者为准，本包未计入汇总",
					b.Name, periodText(w.Digest), w.Path, w.Digest.AsOf, v.Digest.AsOf)
			}
		}
	case len(failed) > 0:
		row.Status, row.From = Failed, failed[len(failed)-1]
	default:
		row.Status = Missing
	}
	return row
}

// quarterEnd is the last day of quarter q of year y, as an ISO date.
func quarterEnd(y, q int) string { return model.DateString(model.QuarterEnd(y, q)) }

func periodText(d *Digest) string {
	p := &Period{Year: d.Year, Quarter: d.Quarter()}
	return p.Name()
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
