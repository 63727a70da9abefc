package score_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

func TestClosedPeriods(t *testing.T) {
	for _, tc := range []struct {
		asOf       time.Time
		closed     [4]bool
		yearClosed bool
	}{
		{model.NewDate(2025, 3, 31), [4]bool{}, false},
		{model.NewDate(2025, 4, 1), [4]bool{true}, false},
		{model.NewDate(2025, 6, 30), [4]bool{true}, false},
		{model.NewDate(2025, 7, 1), [4]bool{true, true}, false},
		{model.NewDate(2025, 12, 31), [4]bool{true, true, true}, false},
		{model.NewDate(2026, 1, 1), [4]bool{true, true, true, true}, true},
		// The time of day does not matter, only the civil date.
		{time.Date(2025, 7, 1, 23, 59, 0, 0, time.FixedZone("CST", 8*3600)), [4]bool{true, true}, false},
	} {
		b := newYB()
		b.member("D001", "张三", model.Full)
		res, _ := mustScore(t, b, tc.asOf)
		if res.Closed != tc.closed || res.YearClosed != tc.yearClosed {
			t.Errorf("Score(asOf %s): Closed %v YearClosed %v, want %v %v", tc.asOf, res.Closed, res.YearClosed, tc.closed, tc.yearClosed)
		}
		if res.YearClosed != (res.Members[0].Annual != nil) {
			t.Errorf("Score(asOf %s): annual %v with YearClosed %v", tc.asOf, res.Members[0].Annual, res.YearClosed)
		}
	}
}

// q1 scores one member's first quarter after add has filled the register.
func q1(t *testing.T, mode model.BaseMode, add func(b *yb, m *model.Member)) model.QuarterScore {
	t.Helper()
	b := newYB()
	b.y.Settings.BaseMode = mode
	m := b.member("D001", "张三", model.Full)
	add(b, m)
	res, _ := mustScore(t, b, closedAsOf)
	return res.Members[0].Quarters[0]
}

func TestQuarterFigures(t *testing.T) {
	jan := func(d int) time.Time { return day(time.January, d) }
	type figs struct{ base, reward, ded, total model.Points }
	for _, tc := range []struct {
		name   string
		mode   model.BaseMode
		add    func(b *yb, m *model.Member)
		want   figs
		capped []bool // Capped of each line, in date order
	}{
		{"accumulate empty is 0", model.Accumulate, func(b *yb, m *model.Member) {}, figs{}, nil},
		{"accumulate sums", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), 30)
			b.entry(m, "B", jan(3), 45.5)
		}, figs{base: pt(75.5), total: pt(75.5)}, []bool{false, false}},
		{"accumulate exactly at 基础分满分", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), 50)
			b.entry(m, "B", jan(3), 30)
		}, figs{base: pt(80), total: pt(80)}, []bool{false, false}},
		{"accumulate capped at 基础分满分", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(3), 30)
			b.entry(m, "B", jan(2), 50.01) // earlier date: counted first
			b.entry(m, "B", jan(4), 5)
		}, figs{base: pt(80), total: pt(80)}, []bool{false, true, true}},
		{"deduct starts at 基础分满分", model.Deduct, func(b *yb, m *model.Member) {}, figs{base: pt(80), total: pt(80)}, nil},
		{"deduct subtracts", model.Deduct, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), -5)
			b.entry(m, "B", jan(3), -2.5)
		}, figs{base: pt(72.5), total: pt(72.5)}, []bool{false, false}},
		{"deduct exactly to 0", model.Deduct, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), -80)
		}, figs{}, []bool{false}},
		{"deduct floors at 0", model.Deduct, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), -60)
			b.entry(m, "B", jan(3), -30)
			b.entry(m, "B", jan(4), -1)
		}, figs{}, []bool{false, true, true}},
		{"base item 季度上限", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "BC", jan(2), 10)
			b.entry(m, "BC", jan(3), 10)
			b.entry(m, "BC", jan(4), 10)
			b.entry(m, "B", jan(5), 1)
		}, figs{base: pt(21), total: pt(21)}, []bool{false, false, true, false}},
		{"deduct-mode item 季度上限 on the magnitude", model.Deduct, func(b *yb, m *model.Member) {
			b.entry(m, "BC", jan(2), -15)
			b.entry(m, "BC", jan(3), -15)
		}, figs{base: pt(60), total: pt(60)}, []bool{false, true}},
		{"reward sums entries and approved claims", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "R", jan(2), 2)
			b.claim(m, "R", jan(3), 1, 3.5, model.Approved, model.Approved)
		}, figs{reward: pt(5.5), total: pt(5.5)}, []bool{false, false}},
		{"reward exactly at 奖励分上限", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "R", jan(2), 6)
			b.entry(m, "R", jan(3), 4)
		}, figs{reward: pt(10), total: pt(10)}, []bool{false, false}},
		{"reward capped at 奖励分上限", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "R", jan(2), 6)
			b.claim(m, "R", jan(3), 1, 6, model.Approved, model.Approved)
		}, figs{reward: pt(10), total: pt(10)}, []bool{false, true}},
		{"reward item 季度上限 across entries and claims", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "RC", jan(2), 2)
			b.claim(m, "RC", jan(3), 1, 2, model.Approved, model.Approved)
		}, figs{reward: pt(3), total: pt(3)}, []bool{false, true}},
		{"claims not approved at both levels do not count", model.Accumulate, func(b *yb, m *model.Member) {
			b.claim(m, "R", jan(3), 1, 2, model.Approved, model.Pending)
			b.claim(m, "R", jan(4), 1, 2, model.Pending, model.Approved)
			b.claim(m, "R", jan(5), 1, 2, model.Rejected, model.Approved)
			b.claim(m, "R", jan(6), 1, 2, model.Approved, model.Rejected)
		}, figs{}, nil},
		{"claim counts in its Quarter, not its date", model.Accumulate, func(b *yb, m *model.Member) {
			b.claim(m, "R", day(time.March, 28), 2, 2, model.Approved, model.Approved) // after the 25th: Q2
			b.claim(m, "R", day(time.March, 20), 1, 1.5, model.Approved, model.Approved)
		}, figs{reward: pt(1.5), total: pt(1.5)}, []bool{false}},
		{"claim after the Q4 cut-off (Quarter 0) counts nowhere", model.Accumulate, func(b *yb, m *model.Member) {
			b.claim(m, "R", day(time.December, 28), 0, 2, model.Approved, model.Approved)
			b.claim(m, "R", day(time.January, 8), 1, 1, model.Approved, model.Approved)
		}, figs{reward: pt(1), total: pt(1)}, []bool{false}},
		{"deductions sum, no overall cap", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), 10)
			for i := 0; i < 20; i++ {
				b.deduction(m, "D", jan(3+i), 5)
			}
		}, figs{base: pt(10), ded: pt(100), total: pt(-90)}, make([]bool, 21)},
		{"deduction item 季度上限", model.Accumulate, func(b *yb, m *model.Member) {
			b.deduction(m, "DC", jan(2), 3)
			b.deduction(m, "DC", jan(3), 3)
			b.deduction(m, "D", jan(4), 1)
		}, figs{ded: pt(5), total: pt(-5)}, []bool{false, true, false}},
		{"negative quarter total is not floored", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", jan(2), 3)
			b.entry(m, "R", jan(2), 1)
			b.deduction(m, "D", jan(3), 5.25)
		}, figs{base: pt(3), reward: pt(1), ded: pt(5.25), total: pt(-1.25)}, []bool{false, false, false}},
		{"other quarters do not leak in", model.Accumulate, func(b *yb, m *model.Member) {
			b.entry(m, "B", day(time.April, 1), 10)
			b.deduction(m, "D", day(time.April, 1), 1)
			b.entry(m, "B", day(time.March, 31), 7)
		}, figs{base: pt(7), total: pt(7)}, []bool{false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			qs := q1(t, tc.mode, tc.add)
			got := figs{qs.Base, qs.Reward, qs.Deduction, qs.Total}
			if got != tc.want {
				t.Errorf("Q1 = %+v, want %+v", got, tc.want)
			}
			var capped []bool
			for _, l := range qs.Lines {
				capped = append(capped, l.Capped)
			}
			if !reflect.DeepEqual(capped, tc.capped) {
				t.Errorf("Q1 Capped = %v, want %v", capped, tc.capped)
			}
		})
	}
}

func TestLines(t *testing.T) {
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	d := b.deduction(m, "D", day(time.February, 1), 2)
	e2 := b.entry(m, "B", day(time.January, 5), 3)
	e1 := b.entry(m, "B", day(time.January, 5), 4) // same day, later row
	c := b.claim(m, "R", day(time.January, 2), 1, 1, model.Approved, model.Approved)
	res, _ := mustScore(t, b, closedAsOf)
	got := res.Members[0].Quarters[0].Lines
	want := []model.Line{
		{Pos: c.Pos, Date: c.Date, Kind: model.Reward, Item: c.Item, Points: pt(1), Reason: "申报R", Source: "奖励申报"},
		{Pos: e2.Pos, Date: e2.Date, Kind: model.Base, Item: e2.Item, Points: pt(3), Reason: "活动B", Source: "日常登记"},
		{Pos: e1.Pos, Date: e1.Date, Kind: model.Base, Item: e1.Item, Points: pt(4), Reason: "活动B", Source: "日常登记"},
		{Pos: d.Pos, Date: d.Date, Kind: model.Deduction, Item: d.Item, Points: pt(-2), Reason: "违规D", Source: "违规扣分"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lines =\n%+v\nwant\n%+v", got, want)
	}
}

func TestQuarterRanks(t *testing.T) {
	b := newYB()
	totals := []float64{50, 60, 60, 40, 70}
	for i, v := range totals {
		m := b.member(string(rune('A'+i))+"01", "党员"+string(rune('甲'+i)), model.Full)
		b.entry(m, "B", day(time.January, 2), v)
	}
	act := b.member("J01", "积极分子", model.Activist)
	b.entry(act, "B", day(time.January, 2), 79)
	cand := b.member("J02", "发展对象", model.Candidate)
	b.entry(cand, "B", day(time.January, 2), 100)
	prob := b.member("Y01", "预备", model.Probation)
	b.entry(prob, "B", day(time.January, 2), 55)
	out := b.member("T01", "转出", model.Full)
	out.Out = day(time.February, 1)
	b.entry(out, "B", day(time.January, 2), 65)

	res, _ := mustScore(t, b, closedAsOf)
	// Q1: 70, 65, 60, 60, 55, 50, 40 → 1, 2, 3, 3, 5, 6, 7. Q2–Q4: every
	// participating graded member has 0 and shares rank 1; T01 has left.
	want := map[string][4]int{
		"A01": {6, 1, 1, 1}, "B01": {3, 1, 1, 1}, "C01": {3, 1, 1, 1}, "D01": {7, 1, 1, 1}, "E01": {1, 1, 1, 1},
		"J01": {}, "J02": {}, "Y01": {5, 1, 1, 1}, "T01": {2, 0, 0, 0},
	}
	for _, mr := range res.Members {
		var got [4]int
		for q, qs := range mr.Quarters {
			got[q] = qs.Rank
		}
		if got != want[mr.Member.ID] {
			t.Errorf("ranks of %s = %v, want %v", mr.Member.ID, got, want[mr.Member.ID])
		}
	}
}

func TestClaimQuarterZeroNowhere(t *testing.T) {
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	b.claim(m, "R", day(time.December, 28), 0, 2, model.Approved, model.Approved)
	res, fs := mustScore(t, b, day(time.December, 31).AddDate(0, 0, 1))
	for _, qs := range res.Members[0].Quarters {
		if qs.Reward != 0 || len(qs.Lines) != 0 {
			t.Errorf("Q%d = %+v, want nothing from a claim after the Q4 cut-off", qs.Quarter, qs)
		}
	}
	if len(besidesEmpty(fs)) != 1 { // only the missing 民主评议; the reader warns about the cut-off
		t.Errorf("findings = %q", findingStrings(besidesEmpty(fs)))
	}
}
