package score_test

import (
	"fmt"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

func TestProposedGradeBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name         string
		cat          model.Category
		base, reward float64 // every quarter
		ded          float64 // once, in Q1
		demo         string  // democratic points
		grade        model.Grade
		reason       string
	}{
		{"total exactly 60", model.Full, 55, 0, 0, "5", model.BasicQualify, "年度综合得分 60 < 70"},
		{"total just below 60", model.Full, 54.99, 0, 0, "5", model.Unqualified, "年度综合得分 59.99 < 60"},
		{"total exactly 70, base 60, reward 3", model.Full, 60, 3, 0, "7", model.Qualified,
			"年度综合得分 70 ≥ 70，基础平均 60 ≥ 60，奖励平均 3 ≥ 3"},
		{"total just below 70", model.Full, 59.99, 3, 0, "7", model.BasicQualify, "年度综合得分 69.99 < 70"},
		{"total exactly 90, reward exactly 5", model.Full, 75, 5, 0, "10", model.Excellent,
			"年度综合得分 90 ≥ 90，基础平均 75 ≥ 70，奖励平均 5 ≥ 5，在优秀比例内"},
		{"total 89.99", model.Full, 74.99, 5, 0, "10", model.Qualified,
			"年度综合得分 89.99 ≥ 70，基础平均 74.99 ≥ 60，奖励平均 5 ≥ 3"},
		{"total 89.995 shown as 90 but below 90", model.Full, 75, 5, 0, "9.995", model.Qualified,
			"年度综合得分 90 ≥ 70，基础平均 75 ≥ 60，奖励平均 5 ≥ 3；年度综合得分 89.995 < 90"},
		{"base exactly 70", model.Full, 70, 10, 0, "10", model.Excellent,
			"年度综合得分 90 ≥ 90，基础平均 70 ≥ 70，奖励平均 10 ≥ 5，在优秀比例内"},
		{"base just below 70", model.Full, 69.99, 15, 0, "10", model.Qualified,
			"年度综合得分 94.99 ≥ 70，基础平均 69.99 ≥ 60，奖励平均 15 ≥ 3；未达到优秀条件（基础平均 69.99 < 70）"},
		{"reward just below 5", model.Full, 80, 4.99, 0, "10", model.Qualified,
			"年度综合得分 94.99 ≥ 70，基础平均 80 ≥ 60，奖励平均 4.99 ≥ 3；未达到优秀条件（奖励平均 4.99 < 5）"},
		{"reward just below 3", model.Full, 70, 2.99, 0, "10", model.BasicQualify, "未达到合格条件（奖励平均 2.99 < 3）"},
		{"base just below 60", model.Full, 59.99, 10, 0, "10", model.BasicQualify, "未达到合格条件（基础平均 59.99 < 60）"},
		{"base and reward below 合格", model.Full, 59, 2.5, 0, "10", model.BasicQualify,
			"未达到合格条件（基础平均 59 < 60，奖励平均 2.5 < 3）"},
		{"deductions exactly 10", model.Full, 80, 10, 10, "10", model.BasicQualify, "年度违规扣分 10 ≥ 10"},
		{"deductions 9.99", model.Full, 80, 10, 9.99, "10", model.Excellent,
			"年度综合得分 97.5 ≥ 90，基础平均 80 ≥ 70，奖励平均 10 ≥ 5，在优秀比例内"},
		{"deductions exactly 20", model.Full, 80, 10, 20, "10", model.Unqualified, "年度违规扣分 20 ≥ 20"},
		{"deductions 19.99", model.Full, 80, 10, 19.99, "10", model.BasicQualify, "年度违规扣分 19.99 ≥ 10"},
		{"both 不合格 conditions", model.Full, 40, 0, 20, "10", model.Unqualified, "年度综合得分 45 < 60；年度违规扣分 20 ≥ 20"},
		{"both 基本合格 conditions", model.Full, 60, 0, 10, "5", model.BasicQualify, "年度综合得分 62.5 < 70；年度违规扣分 10 ≥ 10"},
		{"预备党员 graded", model.Probation, 75, 5, 0, "10", model.Excellent,
			"年度综合得分 90 ≥ 90，基础平均 75 ≥ 70，奖励平均 5 ≥ 5，在优秀比例内"},
		{"入党积极分子 not graded", model.Activist, 80, 10, 0, "10", "", "入党积极分子不参与评定等次"},
		{"发展对象 not graded", model.Candidate, 10, 0, 30, "0", "", "发展对象不参与评定等次"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newYB()
			b.y.Settings.ExcellentQuota = big.NewRat(1, 1) // the quota is tested on its own
			b.y.Settings.RewardMax = model.P(20)
			m := b.member("D001", "张三", tc.cat)
			b.steady(m, tc.base, tc.reward, tc.demo)
			if tc.ded != 0 {
				b.deduction(m, "D", day(time.February, 1), tc.ded)
			}
			res, fs := mustScore(t, b, closedAsOf)
			a := res.Members[0].Annual
			if a.Proposed != tc.grade || a.Final != tc.grade || a.Reason != tc.reason {
				t.Errorf("proposal = %q/%q %q, want %q %q", a.Proposed, a.Final, a.Reason, tc.grade, tc.reason)
			}
			if wantRank := map[bool]int{true: 1, false: 0}[tc.cat.Graded()]; a.Rank != wantRank {
				t.Errorf("annual rank = %d, want %d", a.Rank, wantRank)
			}
			if len(fs) != 0 {
				t.Errorf("findings: %q", findingStrings(fs))
			}
		})
	}
}

// gradedYear has n 正式党员 who all meet the 优秀 conditions, with the given
// composite totals (base = total − 20, reward 10, democratic 10).
func gradedYear(totals ...float64) *yb {
	b := newYB()
	for i, v := range totals {
		m := b.member(fmt.Sprintf("D%03d", i+1), fmt.Sprintf("党员%d", i+1), model.Full)
		b.steady(m, v-20, 10, "10")
	}
	return b
}

func TestExcellentQuota(t *testing.T) {
	desc := func(n int) []float64 { // n distinct totals 100, 99.5, 99, …
		var v []float64
		for i := 0; i < n; i++ {
			v = append(v, 100-float64(i)/2)
		}
		return v
	}
	rest := func(head []float64, n int) []float64 { // head, then distinct totals 95, 94.75, … up to n members
		for i := 0; len(head) < n; i++ {
			head = append(head, 95-float64(i)/4)
		}
		return head
	}
	for _, tc := range []struct {
		name      string
		totals    []float64
		excellent []string // IDs proposed 优秀
		tied      []string // IDs proposed 合格 with Tie
	}{
		{"13 graded: ⌊1.95⌋ = 1", desc(13), []string{"D001"}, nil},
		{"20 graded: ⌊3⌋ = 3", desc(20), []string{"D001", "D002", "D003"}, nil},
		{"6 graded: ⌊0.9⌋ = 0", desc(6), nil, nil},
		{"tie straddling the edge", rest([]float64{99, 98, 97, 97}, 20),
			[]string{"D001", "D002"}, []string{"D003", "D004"}},
		{"three-way tie straddling the edge, order free", rest([]float64{97, 99, 97, 98, 97}, 20),
			[]string{"D002", "D004"}, []string{"D001", "D003", "D005"}},
		{"tie fully inside the quota", rest([]float64{99, 97, 97, 96}, 20),
			[]string{"D001", "D002", "D003"}, nil},
		{"tie for the only place", rest([]float64{99, 99}, 13), nil, []string{"D001", "D002"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, fs := mustScore(t, gradedYear(tc.totals...), closedAsOf)
			var exc, tied []string
			for _, mr := range res.Members {
				a := mr.Annual
				switch {
				case a.Proposed == model.Excellent:
					exc = append(exc, mr.Member.ID)
				case a.Tie:
					tied = append(tied, mr.Member.ID)
					if a.Proposed != model.Qualified || !strings.Contains(a.Reason, "并列，待支部研究") {
						t.Errorf("%s tied: %q %q", mr.Member.ID, a.Proposed, a.Reason)
					}
				default:
					if a.Proposed != model.Qualified || !strings.Contains(a.Reason, "超出优秀比例") {
						t.Errorf("%s over the quota: %q %q", mr.Member.ID, a.Proposed, a.Reason)
					}
				}
			}
			if !reflect.DeepEqual(exc, tc.excellent) || !reflect.DeepEqual(tied, tc.tied) {
				t.Errorf("优秀 %v, tied %v; want %v, %v", exc, tied, tc.excellent, tc.tied)
			}
			if fs.Count(model.Warning) != len(tc.tied) || len(fs) != len(tc.tied) {
				t.Errorf("findings %q, want one warning per tied member", findingStrings(fs))
			}
		})
	}
}

func TestTieMessages(t *testing.T) {
	res, fs := mustScore(t, gradedYear(append([]float64{99, 98, 97, 97}, make([]float64, 16)...)...), closedAsOf)
	// The 16 zero-total members sit far below; only D003 and D004 tie.
	want := []string{
		"warning data/2025/登记.xlsx:党员名册!A4: 「党员3」（D003）与「党员4」（D004）年度综合得分并列 97，并列跨越优秀名额边缘（优秀比例上限 15%，参评 20 人，限 3 人），均暂列合格，并列，待支部研究",
		"warning data/2025/登记.xlsx:党员名册!A5: 「党员4」（D004）与「党员3」（D003）年度综合得分并列 97，并列跨越优秀名额边缘（优秀比例上限 15%，参评 20 人，限 3 人），均暂列合格，并列，待支部研究",
	}
	if got := findingStrings(besidesEmpty(fs)); !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantReason := "年度综合得分 97 ≥ 90，基础平均 77 ≥ 70，奖励平均 10 ≥ 5，但与「党员4」（D004）年度综合得分并列于优秀名额边缘（优秀比例上限 15%，参评 20 人，限 3 人），暂列合格；并列，待支部研究"
	if got := res.Members[2].Annual.Reason; got != wantReason {
		t.Errorf("reason = %q, want %q", got, wantReason)
	}
	over := res.Members[4].Annual // total 0: 不合格, not a quota matter
	if over.Proposed != model.Unqualified {
		t.Errorf("D005 = %q", over.Proposed)
	}
	// Annual ranks: 99, 98, 97, 97, then sixteen at 10 (0 + democratic 10).
	var ranks []int
	for _, mr := range res.Members[:6] {
		ranks = append(ranks, mr.Annual.Rank)
	}
	if !reflect.DeepEqual(ranks, []int{1, 2, 3, 3, 5, 5}) {
		t.Errorf("annual ranks = %v", ranks)
	}
}

func TestOverQuotaReason(t *testing.T) {
	res, _ := mustScore(t, gradedYear(100, 99, 98, 97, 96, 95, 94), closedAsOf) // ⌊1.05⌋ = 1
	want := "年度综合得分 99 ≥ 90，基础平均 79 ≥ 70，奖励平均 10 ≥ 5，但超出优秀比例（优秀比例上限 15%，参评 7 人，限 1 人），建议合格"
	if a := res.Members[1].Annual; a.Proposed != model.Qualified || a.Reason != want {
		t.Errorf("D002 = %q %q, want 合格 %q", a.Proposed, a.Reason, want)
	}
}

func TestParticipation(t *testing.T) {
	b := newYB()
	in := b.member("D001", "转入", model.Full)
	in.In = day(time.May, 10)
	out := b.member("D002", "转出", model.Full)
	out.Out = day(time.June, 30)
	ex := b.member("D003", "退休", model.Full)
	ex.Exempt = true
	none := b.member("D004", "年末转入", model.Full)
	none.In = model.NewDate(testYear+1, time.January, 1) // defensive: no quarter at all
	for _, m := range []*model.Member{in, out, ex} {
		b.entry(m, "B", day(time.June, 1), 60)
		b.entry(m, "R", day(time.June, 2), 6)
		b.eval(m, "100", "100")
	}
	b.entry(out, "B", day(time.March, 1), 30)
	b.claim(ex, "R", day(time.March, 1), 1, 2, model.Approved, model.Approved)
	b.deduction(ex, "D", day(time.March, 1), 2)
	b.eval(none, "100", "100")

	res, fs := mustScore(t, b, closedAsOf)
	for _, tc := range []struct {
		id            string
		participating [4]bool
		totals        [4]model.Points
		n             int
		avg, base     string
	}{
		{"D001", [4]bool{false, true, true, true}, [4]model.Points{0, pt(66), 0, 0}, 3, "22", "20"},
		{"D002", [4]bool{true, true, false, false}, [4]model.Points{pt(30), pt(66), 0, 0}, 2, "48", "45"},
		{"D003", [4]bool{}, [4]model.Points{}, 0, "", ""},
		{"D004", [4]bool{}, [4]model.Points{}, 0, "", ""},
	} {
		mr := res.Member(tc.id)
		for q, qs := range mr.Quarters {
			if qs.Participating != tc.participating[q] || qs.Total != tc.totals[q] || qs.Quarter != q+1 {
				t.Errorf("%s Q%d = %+v, want participating %v total %v", tc.id, q+1, qs, tc.participating[q], tc.totals[q])
			}
			if !qs.Participating && (len(qs.Lines) != 0 || qs.Rank != 0 || qs.Base != 0 || qs.Reward != 0 || qs.Deduction != 0) {
				t.Errorf("%s Q%d not participating but has figures: %+v", tc.id, q+1, qs)
			}
		}
		a := mr.Annual
		if tc.n == 0 {
			if a != nil {
				t.Errorf("%s annual = %+v, want nil", tc.id, a)
			}
			continue
		}
		if a.Quarters != tc.n || !ratEq(a.QuarterAvg, tc.avg) || !ratEq(a.BaseAvg, tc.base) {
			t.Errorf("%s annual |P| %d avg %v base %v, want %d %s %s", tc.id, a.Quarters, a.QuarterAvg, a.BaseAvg, tc.n, tc.avg, tc.base)
		}
	}
	want := []string{
		"warning data/2025/登记.xlsx:民主评议!A4: 「退休」（D003）不纳入积分管理，民主评议不计入",
		"warning data/2025/登记.xlsx:民主评议!A5: 「年末转入」（D004）本年度未参加积分管理，民主评议不计入",
	}
	if got := findingStrings(besidesEmpty(fs)); !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestClaimIntoQuarterNotParticipating(t *testing.T) {
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	m.Out = day(time.March, 27)
	b.claim(m, "R", day(time.March, 26), 2, 2, model.Approved, model.Approved) // after the 25th: counts in Q2
	res, fs := mustScore(t, b, day(time.July, 1))
	if q := res.Members[0].Quarters; q[0].Reward != 0 || q[1].Participating {
		t.Errorf("quarters = %+v", q)
	}
	want := []string{"warning data/2025/登记.xlsx:奖励申报!A2: 奖励申报计入第二季度，但「张三」（D001）该季度不参加积分管理，不计分"}
	if got := findingStrings(besidesEmpty(fs)); !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %q, want %q", got, want)
	}
}

func TestDemocratic(t *testing.T) {
	for _, tc := range []struct {
		name           string
		score, promise string // "" = nil
		votes          *[4]int
		settings       func(s *model.Settings)
		want           string // exact democratic points; "" = none
	}{
		{"weights 0.7/0.3", "86", "90", nil, nil, "8.72"},
		{"exact thirds from votes", "", "0", &[4]int{1, 0, 0, 2}, nil, "7/3"},
		{"direct rational score", "100/3", "0", nil, nil, "7/3"},
		{"votes all four kinds", "", "100", &[4]int{3, 5, 1, 1}, nil, "8.32"}, // 评议 76
		{"other weights and maximum", "80", "60", nil, func(s *model.Settings) {
			s.EvalWeight, s.PromiseWeight, s.DemocraticMax = big.NewRat(1, 2), big.NewRat(1, 2), model.P(15)
		}, "10.5"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newYB()
			if tc.settings != nil {
				tc.settings(&b.y.Settings)
			}
			m := b.member("D001", "张三", model.Full)
			b.steady(m, 80, 5, "")
			ev := &model.Evaluation{Pos: b.pos("民主评议"), Member: m, Votes: tc.votes}
			if tc.score != "" {
				ev.Score, _ = new(big.Rat).SetString(tc.score)
			} else {
				ev.Score = model.VoteScore(*tc.votes) // as the reader does
			}
			if tc.promise != "" {
				ev.Promise, _ = new(big.Rat).SetString(tc.promise)
			}
			b.y.Evaluations = append(b.y.Evaluations, ev)
			res, fs := mustScore(t, b, closedAsOf)
			a := res.Members[0].Annual
			if tc.want == "" {
				if a.Democratic != nil || a.Total != nil || a.Proposed != "" || len(fs) != 1 {
					t.Errorf("democratic %v total %v grade %q findings %q", a.Democratic, a.Total, a.Proposed, findingStrings(fs))
				}
				return
			}
			if !ratEq(a.Democratic, tc.want) {
				t.Errorf("democratic = %v, want %s", a.Democratic, tc.want)
			}
			if sum := new(big.Rat).Add(a.QuarterAvg, a.Democratic); a.Total.Cmp(sum) != 0 {
				t.Errorf("total = %v, want %v", a.Total, sum)
			}
		})
	}
}

func TestMissingEvaluation(t *testing.T) {
	b := newYB()
	m := b.member("D001", "张三", model.Full)
	b.steady(m, 80, 5, "")
	act := b.member("J001", "李四", model.Activist)
	b.steady(act, 70, 0, "")
	ok := b.member("D002", "王五", model.Full)
	b.steady(ok, 70, 4, "9")
	res, fs := mustScore(t, b, closedAsOf)
	a := res.Members[0].Annual
	if a.Democratic != nil || a.Total != nil || a.Proposed != "" || a.Final != "" || a.Rank != 0 ||
		a.Reason != "缺少民主评议数据，不评定等次" || !ratEq(a.QuarterAvg, "85") || !ratEq(a.RewardAvg, "5") {
		t.Errorf("annual = %+v", a)
	}
	if a := res.Members[2].Annual; a.Rank != 1 || a.Proposed != model.Qualified {
		t.Errorf("the only graded member: rank %d grade %q", a.Rank, a.Proposed)
	}
	want := []string{
		"warning data/2025/登记.xlsx:党员名册!A2: 「张三」（D001）缺少民主评议数据，不计算年度综合得分，不提出建议等次",
		"warning data/2025/登记.xlsx:党员名册!A3: 「李四」（J001）缺少民主评议数据，不计算年度综合得分",
	}
	if got := findingStrings(besidesEmpty(fs)); !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// An open year computes no annual figures and so warns about nothing.
	if res, fs := mustScore(t, b, day(time.December, 31)); res.Members[0].Annual != nil || len(fs) != 0 {
		t.Errorf("open year: annual %+v, findings %q", res.Members[0].Annual, findingStrings(fs))
	}
}

func TestDecisionsAndActions(t *testing.T) {
	b := newYB()
	b.y.Settings.ExcellentQuota = big.NewRat(1, 1)
	full := func(id string, base, reward float64, ded float64, cat model.Category) *model.Member {
		m := b.member(id, "党员"+id, cat)
		b.steady(m, base, reward, "10")
		if ded > 0 {
			b.deduction(m, "D", day(time.February, 1), ded)
		}
		return m
	}
	ok := full("A1", 70, 5, 0, model.Full)             // 合格
	basic := full("A2", 60, 0, 0, model.Full)          // 基本合格 (70 but reward 0)
	bad := full("A3", 80, 10, 20, model.Full)          // 不合格
	probBasic := full("A4", 50, 0, 0, model.Probation) // 基本合格
	probBad := full("A5", 40, 0, 0, model.Probation)   // 不合格
	probExt := full("A6", 40, 0, 0, model.Probation)   // 不合格, extended
	exc := full("A7", 80, 10, 0, model.Full)           // 优秀
	changed := full("A8", 70, 5, 0, model.Full)        // 合格 → 优秀 with 理由
	noReason := full("A9", 70, 5, 0, model.Full)       // 合格 → 基本合格 without 理由
	act := full("J1", 80, 10, 0, model.Activist)       // 不评定
	noEval := b.member("A10", "党员A10", model.Full)     // no 民主评议
	b.steady(noEval, 80, 10, "")
	probExt.ProbationExtended = true

	b.decision(basic, "", "", "李书记")
	b.decision(changed, model.Excellent, "抗洪抢险表现突出", "")
	b.decision(noReason, model.BasicQualify, "", "王委员")
	b.decision(exc, model.Excellent, "", "") // same as the proposal: no 理由 needed
	b.decision(act, model.Qualified, "", "")
	b.decision(noEval, model.Qualified, "已补评议", "")
	b.decision(ok, "", "", "")

	res, fs := mustScore(t, b, closedAsOf)
	for _, tc := range []struct {
		m         *model.Member
		proposed  model.Grade
		final     model.Grade
		actions   []string
		decisions bool
	}{
		{ok, model.Qualified, model.Qualified, nil, true},
		{basic, model.BasicQualify, model.BasicQualify, []string{"提醒谈话（谈话人：李书记）"}, true},
		{bad, model.Unqualified, model.Unqualified, []string{"报上级党组织审批处置"}, false},
		{probBasic, model.BasicQualify, model.BasicQualify, []string{"提醒谈话", "延长预备期或取消预备党员资格"}, false},
		{probBad, model.Unqualified, model.Unqualified, []string{"报上级党组织审批处置", "延长预备期或取消预备党员资格"}, false},
		{probExt, model.Unqualified, model.Unqualified, []string{"报上级党组织审批处置", "按程序取消预备党员资格"}, false},
		{exc, model.Excellent, model.Excellent, nil, true},
		{changed, model.Qualified, model.Excellent, nil, true},
		{noReason, model.Qualified, model.BasicQualify, []string{"提醒谈话（谈话人：王委员）"}, true},
		{act, "", "", nil, false},
		{noEval, "", "", nil, false},
	} {
		a := res.Member(tc.m.ID).Annual
		if a.Proposed != tc.proposed || a.Final != tc.final || !reflect.DeepEqual(a.Actions, tc.actions) || (a.Decision != nil) != tc.decisions {
			t.Errorf("%s: proposed %q final %q actions %q decision %v; want %q %q %q %v",
				tc.m.ID, a.Proposed, a.Final, a.Actions, a.Decision != nil, tc.proposed, tc.final, tc.actions, tc.decisions)
		}
	}
	want := []string{
		"error data/2025/登记.xlsx:等次确定!A4: 「党员A9」（A9）确定等次「基本合格」与建议等次「合格」不同，须填写理由",
		"error data/2025/登记.xlsx:等次确定!A6: 「党员J1」（J1）为入党积极分子，不参与评定等次",
		"error data/2025/登记.xlsx:等次确定!A7: 「党员A10」（A10）缺少民主评议数据，没有建议等次，不能确定等次「合格」",
		"warning data/2025/登记.xlsx:党员名册!A12: 「党员A10」（A10）缺少民主评议数据，不计算年度综合得分，不提出建议等次",
	}
	if got := findingStrings(besidesEmpty(fs)); !reflect.DeepEqual(got, want) {
		t.Errorf("findings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDecisionsBeyondQuotaAndOpenYear(t *testing.T) {
	b := gradedYear(100, 99, 98, 97, 96, 95, 94) // quota 1
	d := b.decision(b.y.Members[1], model.Excellent, "支委会研究决定", "")
	_, fs := mustScore(t, b, closedAsOf)
	want := []string{"warning " + d.Pos.String() + ": 确定为优秀的党员共 2 人，超过优秀比例上限 15%（参评 7 人，限 1 人）"}
	if got := findingStrings(fs); !reflect.DeepEqual(got, want) {
		t.Errorf("findings = %q, want %q", got, want)
	}
	res, fs := mustScore(t, b, day(time.November, 1))
	want = []string{"info " + d.Pos.String() + ": 2025年度尚未结束，「党员2」（D002）的等次确定暂不生效"}
	if got := findingStrings(fs); !reflect.DeepEqual(got, want) || res.Members[1].Annual != nil {
		t.Errorf("open year: findings = %q, want %q", got, want)
	}
}
