package render

import (
	"math/big"

	"github.com/jifen-dev/jifen/internal/model"
)

// A kind of figure has one number of decimals on every page of a year
// (issue 22: a member page showed 10.0 and -5.0 in one quarter's table and
// 10 and -5 in the next). The count is the fewest that show every value of
// that kind published in the year exactly (model.Places); a table of
// unpublished values (the draft quarter, the committee's deductions) may
// need more, never fewer.

// yearFormats are the decimals of each kind of figure of one year.
type yearFormats struct {
	item    int    // 分值 and 季度上限 of the rubric, 分值 of the registered lines
	quarter [4]int // 基础积分, 奖励积分, 违规扣分, 季度积分 of the published quarters
	annual  [6]int // 季度平均, 基础平均, 奖励平均, 年度扣分, 民主评议分, 综合得分
}

// Indexes of yearFormats.quarter and .annual.
const (
	fBase = iota
	fReward
	fDeduction
	fTotal
)

const (
	aQuarterAvg = iota
	aBaseAvg
	aRewardAvg
	aDeduction
	aDemocratic
	aTotal
)

// formats returns the year's formats, computed once per Input.
func (in *Input) formats(res *model.Result) *yearFormats {
	if f, ok := in.yearFormats.Load(res); ok {
		return f.(*yearFormats)
	}
	f := newYearFormats(res, in.plan(res).Quarters)
	in.yearFormats.Store(res, f)
	return f
}

// newYearFormats measures the figures of res published in the quarters qs
// (the closed ones) and its annual results.
func newYearFormats(res *model.Result, qs []int) *yearFormats {
	f := &yearFormats{}
	var items []model.Points
	for _, it := range res.Year.Items {
		items = append(items, it.Points, it.QuarterCap)
	}
	var quarter [4][]model.Points
	var annual [6][]model.Points
	for _, m := range res.Members {
		if m.Member.Exempt {
			continue
		}
		for _, q := range qs {
			sc := m.Quarters[q-1]
			if !sc.Participating {
				continue
			}
			quarter[fBase] = append(quarter[fBase], sc.Base)
			quarter[fReward] = append(quarter[fReward], sc.Reward)
			quarter[fDeduction] = append(quarter[fDeduction], sc.Deduction)
			quarter[fTotal] = append(quarter[fTotal], sc.Total)
			for _, l := range sc.Lines {
				items = append(items, l.Points)
			}
		}
		if a := m.Annual; a != nil {
			for i, r := range annualRats(a) {
				if r != nil {
					annual[i] = append(annual[i], model.Round2(r))
				}
			}
		}
	}
	f.item = model.Places(items...)
	for i := range quarter {
		f.quarter[i] = model.Places(quarter[i]...)
	}
	for i := range annual {
		f.annual[i] = model.Places(annual[i]...)
	}
	return f
}

// annualRats are a's figures in the order of yearFormats.annual.
func annualRats(a *model.Annual) [6]*big.Rat {
	return [6]*big.Rat{a.QuarterAvg, a.BaseAvg, a.RewardAvg, a.DeductionSum.Rat(), a.Democratic, a.Total}
}

// column formats exact values with at least places decimals, more when a
// value needs them.
func column(places int, ps []model.Points) []string {
	n := max(places, model.Places(ps...))
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Format(n)
	}
	return out
}

// ratColumn is column for rationals rounded for display; nil prints —.
func ratColumn(places int, rs []*big.Rat) []string {
	var ps []model.Points
	for _, r := range rs {
		if r != nil {
			ps = append(ps, model.Round2(r))
		}
	}
	n := max(places, model.Places(ps...))
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = "—"
		if r != nil {
			out[i] = model.Round2(r).Format(n)
		}
	}
	return out
}
