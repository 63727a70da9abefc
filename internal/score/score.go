// Package score computes a year's points exactly as SPEC §4 fixes them:
// quarterly 基础/奖励/扣分 figures with item and quarter caps, quarterly
// ranks, the annual composite (五(五)), proposed grades with their reasons,
// the branch's decisions and the follow-up actions (五(六)5–6).
//
// Everything is exact: sums are model.Points (hundredths, exact because
// inputs have at most two decimals), averages and democratic points are
// *big.Rat, and every threshold is compared on the exact value. Rounding
// happens only when a figure is written out (JSON, reasons in words).
//
// The package is pure: Score reads a validated *model.Year and returns a
// *model.Result plus the findings only scoring can see (a tie at the edge
// of the 优秀 quota, a missing 民主评议, a decision that contradicts the
// proposal without 理由 …). It never re-reports what validation reports.
package score

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// Sources of a Line, as the committee reads them.
const (
	SourceEntry     = string(model.KindEntries)
	SourceClaim     = string(model.KindClaims)
	SourceDeduction = string(model.KindDeductions)
	SourceGrid      = string(model.KindGrid) // an entry or 缺席扣分项目 deduction typed as a mark (SPEC §2.11)
)

// Score computes one year's results as of a day (civil date; the time of
// day and location are ignored). It is pure: no I/O.
func Score(y *model.Year, asOf time.Time) (*model.Result, model.Findings) {
	yy, mm, dd := asOf.Date()
	asOf = model.NewDate(yy, mm, dd)
	res := &model.Result{
		Year:       y,
		AsOf:       asOf,
		YearClosed: model.NewDate(y.Year, time.December, 31).Before(asOf),
		Members:    make([]*model.MemberResult, len(y.Members)),
	}
	for q := 1; q <= 4; q++ {
		res.Closed[q-1] = model.QuarterEnd(y.Year, q).Before(asOf)
	}
	var fs model.Findings

	rows := collect(y, &fs)
	for i, m := range y.Members {
		mr := &model.MemberResult{Member: m}
		for q := 1; q <= 4; q++ {
			qs := &mr.Quarters[q-1]
			qs.Quarter = q
			if !m.Participates(y.Year, q) {
				continue
			}
			qs.Participating = true
			quarterFigures(&y.Settings, qs, rows[i][q-1])
		}
		res.Members[i] = mr
	}
	attendance(y, res)
	for q := 1; q <= 4; q++ {
		rankQuarter(res, q)
	}
	res.Absences = Absences(y)
	for _, r := range res.Absences {
		fs.Warnf(r.Pos, "党员%s%d年%d月至%d月的签到有 %d 次缺席、没有出席或请假：连续六个月不参加党的组织生活（党章第九条），请支部了解情况并按规定处理",
			who(r.Member), y.Year, r.From, r.To, r.Absences)
	}
	if res.YearClosed {
		annual(res, &fs)
	}
	decide(res, &fs)
	hold(res)
	emptyQuarters(res, &fs)
	fs.Sort()
	return res, fs
}

// collect groups every row that can count by member and quarter, as
// Lines sorted by date, then place, indexed like y.Members. Rows of exempt
// or non-participating members are dropped (validation reports them); rows
// the reader should already have rejected (no member or item, an item of
// the wrong kind, a date outside the year) are skipped. Rows are counted
// first so that all Lines share one exactly sized array: growing thousands
// of slices by append dominated the run time.
func collect(y *model.Year, fs *model.Findings) [][4][]model.Line {
	rs := rows{y: y, nEntries: len(y.Entries), nClaims: len(y.Claims)}
	where, counts, total := rs.place(fs)
	return rs.lines(where, counts, total)
}

// rows numbers a year's countable rows: its entries, then its claims,
// then its deductions.
type rows struct {
	y                 *model.Year
	nEntries, nClaims int
}

// place is the first pass: where each row goes (member·4 + quarter−1, or
// −1), and how many rows each member-quarter gets.
func (rs rows) place(fs *model.Findings) (where []int32, counts []int, total int) {
	y := rs.y
	index := make(map[*model.Member]int, len(y.Members))
	for i, m := range y.Members {
		index[m] = i
	}
	where = make([]int32, 0, len(y.Entries)+len(y.Claims)+len(y.Deductions))
	counts = make([]int, 4*len(y.Members))
	put := func(ok bool, m *model.Member, q int) {
		at := int32(-1)
		if i, known := index[m]; ok && known && q >= 1 && q <= 4 && m.Participates(y.Year, q) {
			at = int32(4*i + q - 1)
			counts[at]++
			total++
		}
		where = append(where, at)
	}
	for _, e := range y.Entries {
		ok := e.Item != nil && (e.Item.Kind == model.Base || e.Item.Kind == model.Reward) && e.Date.Year() == y.Year
		put(ok, e.Member, model.QuarterOf(e.Date))
	}
	for _, c := range y.Claims {
		ok := c.Item != nil && c.Item.Kind == model.Reward && c.Counts() && c.Quarter >= 1 && c.Quarter <= 4
		if m := c.Member; ok && m != nil && !m.Exempt && !m.Participates(y.Year, c.Quarter) {
			// Only scoring knows the claim moved past the cut-off into a
			// quarter the member no longer (or not yet) takes part in.
			fs.Warnf(c.Pos, "奖励申报计入第%s季度，但%s该季度不参加积分管理，不计分",
				model.QuarterCN(c.Quarter), who(m))
		}
		put(ok, c.Member, c.Quarter)
	}
	for _, d := range y.Deductions {
		ok := d.Item != nil && d.Item.Kind == model.Deduction && d.Date.Year() == y.Year
		put(ok, d.Member, model.QuarterOf(d.Date))
	}
	return where, counts, total
}

// lines is the second pass: it sorts each member-quarter's rows by date,
// then place, through small pointer-free keys (moving 130-byte Lines with
// write barriers cost more than the rest of scoring), then builds the
// Lines once, in order, into one exactly sized array.
func (rs rows) lines(where []int32, counts []int, total int) [][4][]model.Line {
	type key struct{ day, row int32 }
	keys := make([]key, total)
	slotKeys := make([][]key, len(counts))
	for at, n := range counts {
		slotKeys[at] = keys[:0:n]
		keys = keys[n:]
	}
	for row, at := range where {
		if at >= 0 {
			slotKeys[at] = append(slotKeys[at], key{int32(rs.date(row).Unix() / 86400), int32(row)})
		}
	}
	backing := make([]model.Line, total)
	out := make([][4][]model.Line, len(rs.y.Members))
	for at, ks := range slotKeys {
		slices.SortFunc(ks, func(a, b key) int {
			if a.day != b.day {
				return int(a.day - b.day)
			}
			pa, pb := rs.pos(int(a.row)), rs.pos(int(b.row))
			if pa.Less(*pb) {
				return -1
			}
			if pb.Less(*pa) {
				return 1
			}
			return int(a.row - b.row)
		})
		lines := backing[:len(ks):len(ks)]
		backing = backing[len(ks):]
		for i, k := range ks {
			lines[i] = rs.line(int(k.row))
		}
		out[at/4][at%4] = lines
	}
	return out
}

func (rs rows) date(r int) time.Time {
	switch {
	case r < rs.nEntries:
		return rs.y.Entries[r].Date
	case r < rs.nEntries+rs.nClaims:
		return rs.y.Claims[r-rs.nEntries].Date
	}
	return rs.y.Deductions[r-rs.nEntries-rs.nClaims].Date
}

func (rs rows) pos(r int) *model.Pos {
	switch {
	case r < rs.nEntries:
		return &rs.y.Entries[r].Pos
	case r < rs.nEntries+rs.nClaims:
		return &rs.y.Claims[r-rs.nEntries].Pos
	}
	return &rs.y.Deductions[r-rs.nEntries-rs.nClaims].Pos
}

func (rs rows) line(r int) model.Line {
	switch {
	case r < rs.nEntries:
		e := rs.y.Entries[r]
		return model.Line{Pos: e.Pos, Date: e.Date, Kind: e.Item.Kind, Item: e.Item,
			Points: e.Points, Reason: e.Reason, Source: source(e.Mark, SourceEntry), Mark: e.Mark}
	case r < rs.nEntries+rs.nClaims:
		c := rs.y.Claims[r-rs.nEntries]
		return model.Line{Pos: c.Pos, Date: c.Date, Kind: model.Reward, Item: c.Item,
			Points: c.Awarded, Reason: c.Reason, Source: SourceClaim}
	}
	d := rs.y.Deductions[r-rs.nEntries-rs.nClaims]
	return model.Line{Pos: d.Pos, Date: d.Date, Kind: model.Deduction, Item: d.Item,
		Points: -d.Points.Abs(), Reason: d.Reason, Source: source(d.Mark, SourceDeduction), Mark: d.Mark}
}

// quarterFigures fills one participating quarter from its rows, which
// collect has sorted by date, then place. Rows are taken in that order so that Capped marks the rows a cap actually cut:
// the item cap (季度上限) applies to the item's running magnitude first, then
// the quarter's base range [0, 基础分满分] or 奖励分上限 applies to the running
// sum. Because every row of one item has one sign, the final figures equal
// the order-free definition in SPEC §4.
func quarterFigures(s *model.Settings, qs *model.QuarterScore, lines []model.Line) {
	var baseStart model.Points
	if s.BaseMode == model.Deduct {
		baseStart = s.BaseMax
	}
	baseVal := func(run model.Points) model.Points { return clamp(baseStart+run, 0, s.BaseMax) }
	rewardVal := func(run model.Points) model.Points { return clamp(run, 0, s.RewardMax) }

	itemRun := make(map[*model.Item]model.Points, 8)
	var baseRun, rewardRun, ded model.Points
	for i := range lines {
		l := &lines[i]
		mag := l.Points.Abs()
		prev := itemRun[l.Item]
		itemRun[l.Item] = prev + mag
		contrib := capTo(prev+mag, l.Item.QuarterCap) - capTo(prev, l.Item.QuarterCap)
		l.Capped = contrib < mag
		signed := contrib
		if l.Points < 0 {
			signed = -contrib
		}
		switch l.Kind {
		case model.Base:
			before := baseVal(baseRun)
			baseRun += signed
			if baseVal(baseRun)-before != signed {
				l.Capped = true
			}
		case model.Reward:
			before := rewardVal(rewardRun)
			rewardRun += signed
			if rewardVal(rewardRun)-before != signed {
				l.Capped = true
			}
		case model.Deduction:
			ded += contrib
		}
	}
	qs.Base = baseVal(baseRun)
	qs.Reward = rewardVal(rewardRun)
	qs.Deduction = ded
	qs.Total = qs.Base + qs.Reward - qs.Deduction
	qs.Lines = lines
}

// attendance hands each participating member-quarter its 签到表 marks,
// by date then place (y.Attendance is in place order).
func attendance(y *model.Year, res *model.Result) {
	index := make(map[*model.Member]int, len(y.Members))
	for i, m := range y.Members {
		index[m] = i
	}
	for _, a := range y.Attendance {
		i, ok := index[a.Member]
		if !ok || a.Activity.Date.Year() != y.Year {
			continue
		}
		qs := &res.Members[i].Quarters[model.QuarterOf(a.Activity.Date)-1]
		if qs.Participating {
			qs.Attendance = append(qs.Attendance, a)
		}
	}
	for _, m := range res.Members {
		for q := range m.Quarters {
			slices.SortStableFunc(m.Quarters[q].Attendance, func(a, b *model.Attendance) int {
				return a.Activity.Date.Compare(b.Activity.Date)
			})
		}
	}
}

// source names where a line was typed: a 签到表 mark, or the row's sheet kind.
func source(m model.Mark, kind string) string {
	if m != model.NoMark {
		return SourceGrid
	}
	return kind
}

// capTo applies an item's 季度上限 (0 = none) to a magnitude.
func capTo(v, limit model.Points) model.Points {
	if limit > 0 && v > limit {
		return limit
	}
	return v
}

func clamp(v, lo, hi model.Points) model.Points {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// rankQuarter gives competition ranks (1, 2, 2, 4) by 季度积分 among the
// participating 正式/预备党员 of quarter q.
func rankQuarter(res *model.Result, q int) {
	var ranked []*model.QuarterScore
	for _, mr := range res.Members {
		qs := &mr.Quarters[q-1]
		if qs.Participating && mr.Member.Category.Graded() {
			ranked = append(ranked, qs)
		}
	}
	sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].Total > ranked[j].Total })
	for i, qs := range ranked {
		if i > 0 && qs.Total == ranked[i-1].Total {
			qs.Rank = ranked[i-1].Rank
		} else {
			qs.Rank = i + 1
		}
	}
}

// who names a member in messages: 「张三」（D001）.
func who(m *model.Member) string { return fmt.Sprintf("「%s」（%s）", m.Name, m.ID) }
