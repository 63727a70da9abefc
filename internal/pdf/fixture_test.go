package pdf

import (
	"fmt"
	"math/big"
	"sort"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

var testNow = time.Date(2027, 1, 10, 9, 30, 0, 0, time.UTC)

// testNames include the rare given-name characters rosters really contain.
var testNames = []string{
	"王建国", "李晓燕", "张堃", "刘喆", "陈昇", "杨赟", "赵犇", "黄淼", "周珺", "吴玥",
	"徐旻", "孙燊", "马丽娟", "朱志强", "胡海燕", "郭子豪", "何欣怡", "高明", "林雨桐", "罗振华",
	"郑秀英", "梁晨", "谢婷婷", "宋佳", "唐伟", "许诺", "韩冰", "冯国栋", "邓小平安", "曹雪芹然",
	"欧阳明月", "司马光辉",
}

var testGroups = []string{"第一党小组", "第二党小组", "机关第三党小组（后勤服务中心）"}

// testResult builds a scored year of n members (n ≤ len(testNames)) with
// lines in every quarter, enough for notices of two or three pages. The
// figures are plausible, not a re-implementation of the scoring rules.
func testResult(n int) *model.Result {
	s := model.DefaultSettings(2026)
	s.Branch = "中共示例市示例局机关党支部"
	s.Superior = "中共示例市直属机关工作委员会"
	s.Secretary = "王建国"
	s.Administrator = "李晓燕"
	s.ObjectionContact = "局党建办公室（办公楼三楼305室，电话0000-12345678）"
	s.Pos = map[string]model.Pos{
		"支部名称": {File: "data/2026/设置.xlsx", Sheet: "设置", Row: 2, Col: 2},
	}
	item := func(row int, code string, k model.ItemKind, name string, p int64) *model.Item {
		return &model.Item{Pos: model.Pos{File: "data/2026/设置.xlsx", Sheet: "考核项目", Row: row}, Code: code, Kind: k, Name: name, Points: model.P(p)}
	}
	items := []*model.Item{
		item(2, "B01", model.Base, "参加支部党员大会", 10),
		item(3, "B02", model.Base, "参加党小组会", 5),
		item(4, "B03", model.Base, "按时足额交纳党费", 5),
		item(5, "B04", model.Base, "参加党课和集中学习培训（含线上学习“学习强国”专题）", 5),
		item(6, "R01", model.Reward, "参加志愿服务活动", 2),
		item(7, "R02", model.Reward, "获得市级以上表彰", 5),
		item(8, "D01", model.Deduction, "无故缺席组织生活", -5),
	}
	y := &model.Year{Year: 2026, Dir: "data/2026", Settings: s, Items: items}
	res := &model.Result{Year: y, AsOf: model.NewDate(2027, 1, 10), Closed: [4]bool{true, true, true, true}, YearClosed: true}
	reasons := []string{
		"参加第一季度支部党员大会，学习贯彻全会精神",
		"",
		"到社区开展“学雷锋”志愿服务，清理楼道小广告。",
		"按时交纳",
		"参加局机关“青年理论学习小组”第3期专题学习（Excel 数据分析与 WPS 办公技能培训，2.5学时）",
	}
	for i := 0; i < n; i++ {
		row := i + 2
		m := &model.Member{
			Pos:      model.Pos{File: "data/2026/名册.xlsx", Sheet: "党员名册", Row: row},
			ID:       fmt.Sprintf("D%03d", i+1),
			Name:     testNames[i%len(testNames)],
			Category: model.Full,
			Group:    testGroups[i%len(testGroups)],
		}
		switch i % 11 {
		case 5:
			m.Category = model.Probation
		case 9:
			m.Category = model.Activist
		}
		if i == 0 {
			m.Role = "支部书记"
		}
		if i == n-1 && n > 3 {
			m.Exempt, m.ExemptReason, m.Filing = true, "年老体弱，长期外地居住", "已报机关工委备案"
		}
		if i == 7 {
			m.In = model.NewDate(2026, 5, 12)
		}
		y.Members = append(y.Members, m)
		mr := &model.MemberResult{Member: m}
		var sum, base, reward, ded int64
		for q := 1; q <= 4; q++ {
			qs := model.QuarterScore{Quarter: q, Participating: m.Participates(2026, q)}
			if qs.Participating {
				k := 6 + (i+q)%5
				for j := 0; j < k; j++ {
					it := items[(i+j+q)%len(items)]
					l := model.Line{
						Pos:    model.Pos{File: "data/2026/登记.xlsx", Sheet: "日常登记", Row: 2 + i*40 + q*10 + j},
						Date:   model.QuarterStart(2026, q).AddDate(0, 0, 3+j*8),
						Kind:   it.Kind,
						Item:   it,
						Points: it.Points,
						Reason: reasons[(i+j)%len(reasons)],
						Source: "日常登记",
					}
					switch it.Kind {
					case model.Base:
						qs.Base += it.Points
					case model.Reward:
						qs.Reward += it.Points
						l.Source = "奖励申报"
					case model.Deduction:
						l.Reason = fmt.Sprintf("无故缺席%d月主题党日活动，经支委会研究扣分（纪要第%d号）", 3*q-1, i+q)
						l.Source = "违规扣分"
						qs.Deduction += it.Points.Abs()
					}
					qs.Lines = append(qs.Lines, l)
				}
				qs.Base = min(qs.Base+model.P(40), s.BaseMax) - model.Points(25*(i%4))
				if i == 4 {
					qs.Base -= model.P(12) // one 基本合格 in the year
				}
				if qs.Reward > s.RewardMax {
					qs.Reward = s.RewardMax
					qs.Lines[len(qs.Lines)-1].Capped = true
				}
				qs.Total = qs.Base + qs.Reward - qs.Deduction
				sum += int64(qs.Total)
				base += int64(qs.Base)
				reward += int64(qs.Reward)
				ded += int64(qs.Deduction)
			}
			mr.Quarters[q-1] = qs
		}
		if !m.Exempt {
			np := 0
			for _, qs := range mr.Quarters {
				if qs.Participating {
					np++
				}
			}
			a := &model.Annual{
				Quarters:     np,
				QuarterAvg:   big.NewRat(sum, int64(100*np)),
				BaseAvg:      big.NewRat(base, int64(100*np)),
				RewardAvg:    big.NewRat(reward, int64(100*np)),
				DeductionSum: model.Points(ded),
			}
			if i != 12 {
				a.Democratic = big.NewRat(int64(70+i%30), 10)
				a.Total = new(big.Rat).Add(a.QuarterAvg, a.Democratic)
			}
			mr.Annual = a
		}
		res.Members = append(res.Members, mr)
	}
	rankResult(res)
	return res
}

// rankResult fills ranks and grades the way the scorer would, closely
// enough for documents.
func rankResult(res *model.Result) {
	for q := 0; q < 4; q++ {
		var ms []*model.MemberResult
		for _, m := range res.Members {
			if m.Quarters[q].Participating && m.Member.Category.Graded() {
				ms = append(ms, m)
			}
		}
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Quarters[q].Total > ms[j].Quarters[q].Total })
		for i, m := range ms {
			m.Quarters[q].Rank = i + 1
			if i > 0 && ms[i-1].Quarters[q].Total == m.Quarters[q].Total {
				m.Quarters[q].Rank = ms[i-1].Quarters[q].Rank
			}
		}
	}
	var ms []*model.MemberResult
	for _, m := range res.Members {
		if a := m.Annual; a != nil && a.Total != nil && m.Member.Category.Graded() {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Annual.Total.Cmp(ms[j].Annual.Total) > 0 })
	for i, m := range ms {
		a := m.Annual
		a.Rank = i + 1
		switch {
		case model.Cmp(a.Total, 60) < 0:
			a.Proposed, a.Reason = model.Unqualified, "综合得分低于60分"
			a.Actions = []string{"报上级党组织审批处置"}
		case model.Cmp(a.Total, 70) < 0:
			a.Proposed, a.Reason = model.BasicQualify, "综合得分低于70分"
			a.Actions = []string{"提醒谈话（谈话人：王建国）"}
		case i < 2:
			a.Proposed, a.Reason = model.Excellent, "综合得分不低于90分，基础平均不低于70分，奖励平均不低于5分，在优秀比例内"
		default:
			a.Proposed, a.Reason = model.Qualified, "综合得分不低于70分，基础平均不低于60分，奖励平均不低于3分"
		}
		a.Final = a.Proposed
		if i == 3 {
			a.Decision = &model.Decision{Pos: model.Pos{File: "data/2026/评定.xlsx", Sheet: "等次确定", Row: 5}, Member: m.Member,
				Grade: model.Excellent, Reason: "抗洪抢险中表现突出，经支委会研究确定为优秀", Interviewer: "王建国"}
			a.Final = model.Excellent
		}
	}
}
