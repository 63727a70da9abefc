package score

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/jifen-dev/jifen/internal/model"
)

// Thresholds of 五(六)1–4 in whole points.
const (
	failTotal      = 60 // 不合格 below
	failDeduction  = 20 // 不合格 at or above
	basicTotal     = 70 // 基本合格 below
	basicDeduction = 10 // 基本合格 at or above
	excTotal       = 90
	excBase        = 70
	excReward      = 5
	okTotal        = 70
	okBase         = 60
	okReward       = 3
)

// Fixed phrases the committee reads and the tests look for.
const (
	TiePhrase       = model.TiePhrase
	NotQualified    = "未达到合格条件"
	NoEvaluation    = "缺少民主评议数据，不评定等次"
	ActionTalk      = "提醒谈话"
	ActionReport    = "报上级党组织审批处置"
	ActionProbation = "延长预备期或取消预备党员资格"
	ActionCancel    = "按程序取消预备党员资格"
)

// annual computes every member's yearly composite and proposed grade; it
// runs only for a closed year.
func annual(res *model.Result, fs *model.Findings) {
	y := res.Year
	s := &y.Settings
	// One row per member: the reader refuses a second one.
	evals := map[*model.Member]*model.Evaluation{}
	for _, ev := range y.Evaluations {
		evals[ev.Member] = ev
	}

	for _, mr := range res.Members {
		m := mr.Member
		if m.Exempt {
			if ev := evals[m]; ev != nil {
				fs.Warnf(ev.Pos, "%s不纳入积分管理，民主评议不计入", who(m))
			}
			continue
		}
		a := &model.Annual{}
		var total, base, reward model.Points
		for _, qs := range mr.Quarters {
			if !qs.Participating {
				continue
			}
			a.Quarters++
			total += qs.Total
			base += qs.Base
			reward += qs.Reward
			a.DeductionSum += qs.Deduction
		}
		if a.Quarters == 0 {
			if ev := evals[m]; ev != nil {
				fs.Warnf(ev.Pos, "%s本年度未参加积分管理，民主评议不计入", who(m))
			}
			continue
		}
		n := int64(a.Quarters)
		a.QuarterAvg = big.NewRat(int64(total), 100*n)
		a.BaseAvg = big.NewRat(int64(base), 100*n)
		a.RewardAvg = big.NewRat(int64(reward), 100*n)
		mr.Annual = a

		ev := evals[m]
		switch {
		case ev == nil:
			if m.Category.Graded() {
				fs.Warnf(m.Pos, "%s缺少民主评议数据，不计算年度综合得分，不提出建议等次", who(m))
			} else {
				fs.Warnf(m.Pos, "%s缺少民主评议数据，不计算年度综合得分", who(m))
			}
		default:
			a.Democratic = democratic(s, ev)
			a.Total = new(big.Rat).Add(a.QuarterAvg, a.Democratic)
		}
		switch {
		case !m.Category.Graded():
			a.Reason = string(m.Category) + "不参与评定等次"
		case a.Total == nil:
			a.Reason = NoEvaluation
		}
	}
	propose(res, fs)
}

// democratic computes 民主评议分 = 满分 × (评议权重·评议得分 + 践诺权重·承诺践诺得分)/100
// exactly (SPEC §2.7). The reader has checked the row: both scores are
// there (评议得分 from the votes when they were given instead).
func democratic(s *model.Settings, ev *model.Evaluation) *big.Rat {
	r := new(big.Rat).Mul(s.EvalWeight, ev.Score)
	r.Add(r, new(big.Rat).Mul(s.PromiseWeight, ev.Promise))
	r.Mul(r, s.DemocraticMax.Rat())
	return r.Quo(r, big.NewRat(100, 1))
}

// propose applies 五(六)1–4 in the SPEC §4 order to every graded member (a
// 正式/预备党员 with a composite), including the 优秀 quota and its ties,
// then ranks them.
func propose(res *model.Result, fs *model.Findings) {
	s := &res.Year.Settings
	var graded []*model.MemberResult
	for _, mr := range res.Members {
		if a := mr.Annual; a != nil && a.Total != nil && mr.Member.Category.Graded() {
			graded = append(graded, mr)
		}
	}
	var cands []*model.MemberResult
	for _, mr := range graded {
		if notExcellent(mr.Annual) {
			continue
		}
		if excellentMet(mr.Annual) {
			cands = append(cands, mr)
			continue
		}
		qualifiedOrBasic(mr.Annual)
	}
	excellentQuota(cands, s.ExcellentPlaces(len(graded)), s.QuotaText(len(graded)), fs)

	sort.SliceStable(graded, func(i, j int) bool { return graded[i].Annual.Total.Cmp(graded[j].Annual.Total) > 0 })
	for i, mr := range graded {
		if i > 0 && mr.Annual.Total.Cmp(graded[i-1].Annual.Total) == 0 {
			mr.Annual.Rank = graded[i-1].Annual.Rank
		} else {
			mr.Annual.Rank = i + 1
		}
	}
}

// lowGrades are steps 1 and 2 (不合格, 基本合格), in order: a composite
// below total or a 年度违规扣分 at or above deduction decides the grade.
var lowGrades = []struct {
	grade            model.Grade
	total, deduction int64
}{
	{model.Unqualified, failTotal, failDeduction},
	{model.BasicQualify, basicTotal, basicDeduction},
}

// notExcellent applies steps 1 and 2 and reports whether one of them
// decided the proposal.
func notExcellent(a *model.Annual) bool {
	for _, g := range lowGrades {
		var why []string
		if a.Total.Cmp(rat(g.total)) < 0 {
			why = append(why, cmpText("年度综合得分", a.Total, g.total))
		}
		if a.DeductionSum >= model.P(g.deduction) {
			why = append(why, cmpText("年度违规扣分", a.DeductionSum.Rat(), g.deduction))
		}
		if len(why) > 0 {
			a.Proposed, a.Reason = g.grade, strings.Join(why, "；")
			return true
		}
	}
	return false
}

// excellentQuota applies step 3's quota to the members who meet the 优秀
// conditions: it is taken by 综合得分 descending, and a tied group that
// straddles its edge is left wholly to the branch (合格, TiePhrase, a
// warning).
func excellentQuota(cands []*model.MemberResult, quota int, quotaText string, fs *model.Findings) {
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].Annual.Total.Cmp(cands[j].Annual.Total) > 0 })
	var edge *big.Rat
	if quota > 0 && len(cands) > quota && cands[quota].Annual.Total.Cmp(cands[quota-1].Annual.Total) == 0 {
		edge = cands[quota-1].Annual.Total
	}
	var tied []*model.MemberResult
	for i, mr := range cands {
		a := mr.Annual
		met := excellentText(a)
		switch {
		case edge != nil && a.Total.Cmp(edge) == 0:
			a.Proposed, a.Tie = model.Qualified, true
			tied = append(tied, mr)
		case i < quota:
			a.Proposed, a.Reason = model.Excellent, met+"，在优秀比例内"
		default:
			a.Proposed = model.Qualified
			a.Reason = fmt.Sprintf("%s，但超出优秀比例（%s），建议合格", met, quotaText)
		}
	}
	for _, mr := range tied {
		a := mr.Annual
		var others []string
		for _, o := range tied {
			if o != mr {
				others = append(others, who(o.Member))
			}
		}
		a.Reason = fmt.Sprintf("%s，但与%s年度综合得分并列于优秀名额边缘（%s），暂列合格；%s",
			excellentText(a), strings.Join(others, "、"), quotaText, TiePhrase)
		fs.Warnf(mr.Member.Pos, "%s与%s年度综合得分并列 %s，并列跨越优秀名额边缘（%s），均暂列合格，%s",
			who(mr.Member), strings.Join(others, "、"), model.RatString(a.Total), quotaText, TiePhrase)
	}
}

func excellentMet(a *model.Annual) bool {
	return a.Total.Cmp(rat(excTotal)) >= 0 && a.BaseAvg.Cmp(rat(excBase)) >= 0 && a.RewardAvg.Cmp(rat(excReward)) >= 0
}

func excellentText(a *model.Annual) string {
	return strings.Join([]string{cmpText("年度综合得分", a.Total, excTotal),
		cmpText("基础平均", a.BaseAvg, excBase), cmpText("奖励平均", a.RewardAvg, excReward)}, "，")
}

// qualifiedOrBasic applies steps 4 and 5 to a member past steps 1–3.
func qualifiedOrBasic(a *model.Annual) {
	conds := []string{cmpText("年度综合得分", a.Total, okTotal),
		cmpText("基础平均", a.BaseAvg, okBase), cmpText("奖励平均", a.RewardAvg, okReward)}
	var failed []string
	for i, c := range []struct {
		v   *big.Rat
		thr int64
	}{{a.Total, okTotal}, {a.BaseAvg, okBase}, {a.RewardAvg, okReward}} {
		if c.v.Cmp(rat(c.thr)) < 0 {
			failed = append(failed, conds[i])
		}
	}
	if len(failed) > 0 {
		a.Proposed = model.BasicQualify
		a.Reason = NotQualified + "（" + strings.Join(failed, "，") + "）"
		return
	}
	a.Proposed = model.Qualified
	a.Reason = strings.Join(conds, "，")
	if a.Total.Cmp(rat(excTotal)) < 0 && model.Round2(a.Total) >= model.P(excTotal) {
		// 89.995 is shown as 90; say it is below 90 on the exact value.
		a.Reason += "；" + cmpText("年度综合得分", a.Total, excTotal)
	}
	if a.Total.Cmp(rat(excTotal)) >= 0 {
		// Say why a high score is not 优秀, so nobody has to work it out.
		var miss []string
		if a.BaseAvg.Cmp(rat(excBase)) < 0 {
			miss = append(miss, cmpText("基础平均", a.BaseAvg, excBase))
		}
		if a.RewardAvg.Cmp(rat(excReward)) < 0 {
			miss = append(miss, cmpText("奖励平均", a.RewardAvg, excReward))
		}
		a.Reason += "；未达到优秀条件（" + strings.Join(miss, "，") + "）"
	}
}

func rat(whole int64) *big.Rat { return big.NewRat(whole, 1) }

// cmpText writes a comparison in words with its figures: 「年度综合得分 91.7 ≥ 90」.
// The relation is decided on the exact value; the figure shown is rounded
// to two decimals unless rounding would contradict the relation (89.996
// shown as 90 next to "< 90"), in which case it is cut down at four
// decimals (89.9966).
func cmpText(label string, v *big.Rat, thr int64) string {
	t := rat(thr)
	op, shown := "≥", model.RatString(v)
	if v.Cmp(t) < 0 {
		op = "<"
		if model.Round2(v).Rat().Cmp(t) >= 0 {
			shown = floor4(v)
		}
	}
	return fmt.Sprintf("%s %s %s %d", label, shown, op, thr)
}

// floor4 formats v rounded down at four decimals, trailing zeros dropped.
func floor4(v *big.Rat) string {
	const scale = 10000
	x := new(big.Rat).Mul(v, big.NewRat(scale, 1))
	q := new(big.Int).Div(x.Num(), x.Denom()) // Euclidean division: floor for a positive divisor
	s := new(big.Rat).SetFrac(q, big.NewInt(scale)).FloatString(4)
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}
