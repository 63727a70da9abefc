package render

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// The fixtures build a register from model values, the way the reader
// hands it over, and score it with the real scorer, so the pages are
// tested on the figures, reasons and actions a build publishes (render
// itself does not import score).

func items() []*model.Item {
	return []*model.Item{
		{Code: "B1", Kind: model.Base, Name: "参加支部党员大会", Points: model.P(5)},
		{Code: "B2", Kind: model.Base, Name: "参加党小组会", Points: model.P(4), QuarterCap: model.P(24)},
		{Code: "B3", Kind: model.Base, Name: "参加党课学习", Points: model.P(6)},
		{Code: "B4", Kind: model.Base, Name: "按时足额交纳党费", Points: model.P(10), Note: "每季度按时交纳得满分"},
		{Code: "R1", Kind: model.Reward, Name: "志愿服务", Points: model.P(2), QuarterCap: model.P(6), Note: "每次2分，上午9~10点集合"},
		{Code: "R2", Kind: model.Reward, Name: "受到上级表彰", Points: model.P(5), NeedsProof: true},
		{Code: "D1", Kind: model.Deduction, Name: "无故不参加组织生活", Points: model.P(-5)},
		{Code: "D2", Kind: model.Deduction, Name: "违反工作纪律", Points: model.P(10)},
	}
}

type builder struct {
	y *model.Year
}

func newYear(year int) *builder {
	s := model.DefaultSettings(year)
	s.Branch = "中共示例市示例局机关党支部"
	s.ObjectionContact = "支部办公室（3号楼205室，电话 1234-5678）"
	s.Superior = "中共示例市直属机关工作委员会"
	return &builder{y: &model.Year{Year: year, Dir: fmt.Sprintf("data/%d", year), Settings: s, Items: items()}}
}

func (b *builder) member(id, name string, cat model.Category, group, role string) *model.Member {
	m := &model.Member{Pos: model.Pos{File: b.y.Dir + "/名册.xlsx", Sheet: "党员名册", Row: len(b.y.Members) + 2},
		ID: id, Name: name, Category: cat, Group: group, Role: role}
	b.y.Members = append(b.y.Members, m)
	return m
}

func (b *builder) entry(m *model.Member, month time.Month, day int, code string, count int, reason string) {
	it := b.y.Item(code)
	b.y.Entries = append(b.y.Entries, &model.Entry{Pos: model.Pos{File: b.y.Dir + "/登记.xlsx", Sheet: "日常登记", Row: len(b.y.Entries) + 2},
		Date: model.NewDate(b.y.Year, month, day), Member: m, Item: it, Count: count,
		Points: it.Points * model.Points(count), Reason: reason, Recorder: "登记人甲PLANT", Witness: "证明人乙PLANT"})
}

func (b *builder) claim(m *model.Member, month time.Month, day int, code, reason string) {
	it := b.y.Item(code)
	b.y.Claims = append(b.y.Claims, &model.Claim{Pos: model.Pos{File: b.y.Dir + "/登记.xlsx", Sheet: "奖励申报", Row: len(b.y.Claims) + 2},
		Date: model.NewDate(b.y.Year, month, day), Member: m, Item: it, Reason: reason, Claimed: it.Points,
		Proof: "证明材料PLANT", GroupOpinion: model.Approved, Decision: model.Approved, Awarded: it.Points,
		Quarter: model.QuarterOf(model.NewDate(b.y.Year, month, day))})
}

func (b *builder) deduct(m *model.Member, month time.Month, day int, code, reason, basis string) {
	it := b.y.Item(code)
	b.y.Deductions = append(b.y.Deductions, &model.DeductionEntry{Pos: model.Pos{File: b.y.Dir + "/登记.xlsx", Sheet: "违规扣分", Row: len(b.y.Deductions) + 2},
		Date: model.NewDate(b.y.Year, month, day), Member: m, Item: it, Points: it.Points.Abs(),
		Reason: reason, Source: "班子商议来源PLANT", Basis: basis})
}

func (b *builder) evaluate(m *model.Member, score, promise int64) {
	b.y.Evaluations = append(b.y.Evaluations, &model.Evaluation{Member: m, Score: big.NewRat(score, 1), Promise: big.NewRat(promise, 1)})
}

// scored is the year's result as a build computes it.
func scored(y *model.Year, asOf time.Time) *model.Result {
	res, _ := score.Score(y, asOf)
	return res
}

// Plants: distinctive strings in committee-only fields. None may appear in
// the public tree; the committee page shows some of them.
const (
	plantExempt    = "不纳入原因PLANT-EX"
	plantFiling    = "备案情况PLANT-FI"
	plantDedReason = "扣分事由PLANT-DR"
	plantDedBasis  = "支委会纪要PLANT-DB"
	plantAnnReason = "建议理由PLANT-AR"
	plantAction    = "后续措施PLANT-AC"
	plantDecision  = "决定理由PLANT-DC"
	plantInterview = "谈话人PLANT-IV"
)

// publicForbidden lists every string that must never reach the public tree.
var publicForbidden = []string{plantExempt, plantFiling, plantDedReason, plantDedBasis, plantAnnReason,
	plantAction, plantDecision, plantInterview, "PLANT", "建议等次", "后续措施", "提醒谈话"}

// committeeShows lists the plants the committee page must show.
var committeeShows = []string{plantDedReason, plantDedBasis, plantAnnReason,
	plantAction, plantDecision, plantInterview}

// nowhere may appear in no output at all, the committee's included: SPEC
// §2.3 allows only the fact of exemption.
var nowhere = []string{plantExempt, plantFiling}

var pages = []model.Page{
	{Name: "实施方案", Title: "党员积分制管理实施方案", Source: []byte("# 党员积分制管理实施方案\n\n## 基本原则\n\n" +
		"坚持**量化考评**、动态调整，\n简便易行、民主公开。\n\n## 基本原则\n\n" +
		"| 等次 | 条件 |\n|---|---|\n| 优秀 | 综合得分90分以上 |\n| 合格 | 70分以上 |\n\n" +
		"详见[考核说明](考核说明.md)；上级文件见[官网](https://www.example.gov.cn/文件)，或 <https://example.org/x>。\n\n" +
		"<script>alert(1)</script>\n\n上午9~10点集合。\n")},
	{Name: "考核说明", Title: "考核说明", Source: []byte("# 考核说明\n\n积分每季度公示一次，公示期不少于3天。\n")},
}

// smallInput is the golden-test register: 2025 closed with grades decided
// and ranks shown; 2026 with two closed quarters, ranks hidden.
func smallInput() *Input {
	old := newYear(2025)
	old.y.Settings.ShowRanks = true
	old.y.Settings.GradesDecided = true
	a := old.member("D001", "张明", model.Full, "第一党小组", "党小组长")
	b := old.member("D002", "李华", model.Probation, "第一党小组", "")
	c := old.member("D003", "王芳", model.Full, "第二党小组", "")
	r := old.member("D009", "赵老", model.Full, "第二党小组", "")
	r.Exempt, r.ExemptReason, r.Filing = true, plantExempt, plantFiling
	for q := 1; q <= 4; q++ {
		mo := time.Month(3*q - 1)
		for _, m := range []*model.Member{a, b, c} {
			old.entry(m, mo, 10, "B1", 6, "支部党员大会")
			old.entry(m, mo, 12, "B4", 3, "按时交纳党费")
		}
		old.entry(a, mo, 15, "R1", 4, "社区志愿服务")
		old.claim(a, mo, 20, "R2", "获市直机关优秀党员表彰")
		old.entry(c, mo, 15, "R1", 2, "义务植树")
	}
	old.deduct(b, 5, 8, "D2", plantDedReason, plantDedBasis)
	old.deduct(b, 8, 8, "D1", plantDedReason, plantDedBasis)
	old.evaluate(a, 95, 90)
	old.evaluate(b, 70, 80)
	old.evaluate(c, 85, 85)
	old.y.Decisions = []*model.Decision{{Member: b, Grade: model.Qualified, Reason: plantDecision, Interviewer: plantInterview, Date: model.NewDate(2026, 1, 15)}}
	old.y.Objections = []*model.Objection{{Received: model.NewDate(2025, 4, 2), Quarter: 1, Member: c, Matter: "志愿服务次数漏记", Investigation: "经核实确有漏记", Outcome: "更正", Status: "已反馈", Feedback: model.NewDate(2025, 4, 3)}}
	res2025 := scored(old.y, model.NewDate(2026, 1, 20))
	for _, m := range res2025.Members {
		if m.Annual != nil {
			m.Annual.Reason = plantAnnReason + m.Annual.Reason
			if len(m.Annual.Actions) > 0 || m.Member == b {
				m.Annual.Actions = append(m.Annual.Actions, plantAction)
			}
		}
	}

	cur := newYear(2026)
	a = cur.member("D001", "张明", model.Full, "第一党小组", "党小组长")
	b = cur.member("D002", "李华", model.Probation, "第一党小组", "")
	c = cur.member("D003", "王芳", model.Full, "第二党小组", "")
	d := cur.member("D004", "陈<刚>", model.Activist, "第二党小组", "")
	e := cur.member("D005", "周转入", model.Full, "第一党小组", "")
	e.In = model.NewDate(2026, 5, 6)
	r = cur.member("D009", "赵老", model.Full, "第二党小组", "")
	r.Exempt, r.ExemptReason, r.Filing = true, plantExempt, plantFiling
	for _, m := range []*model.Member{a, b, c, d} {
		cur.entry(m, 1, 12, "B1", 1, "一月支部党员大会")
		cur.entry(m, 2, 20, "B2", 7, "党小组会")
		cur.entry(m, 3, 5, "B4", 1, "交纳一季度党费")
	}
	cur.entry(a, 3, 5, "R1", 2, "“学雷锋”志愿服务 & 清扫")
	cur.entry(c, 4, 9, "B1", 1, "四月支部党员大会")
	cur.entry(e, 5, 20, "B3", 2, "党课")
	cur.entry(a, 7, 3, "B1", 1, "七月党员大会")
	cur.deduct(b, 2, 28, "D1", plantDedReason, plantDedBasis)
	cur.y.Objections = []*model.Objection{
		{Received: model.NewDate(2026, 4, 2), Quarter: 1, Member: b, Matter: "对无故不参加组织生活扣分有异议", Investigation: "经核实请假手续不全，扣分属实", Outcome: "维持", Status: "已反馈", Feedback: model.NewDate(2026, 4, 3)},
		{Received: model.NewDate(2026, 7, 2), Quarter: 2, Member: c, Matter: "党课次数", Status: "受理中"},
	}
	cur.y.Commitments = []*model.Commitment{{Member: a, Content: "带头学习，按时参加组织生活。", Reviewer: "支部书记", Signed: model.NewDate(2026, 1, 10)}}
	res2026 := scored(cur.y, model.NewDate(2026, 7, 10))

	findings := model.Findings{}
	findings.Warnf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "奖励申报", Row: 5, Col: 9}, "申报待审，暂不计分")
	findings.Errorf(model.Pos{File: "data/2025/登记.xlsx", Sheet: "日常登记", Row: 9, Col: 4}, "只属于2025年的问题")
	findings.Infof(model.Pos{File: "data/pages/说明.md"}, "页面提示")

	return &Input{
		Register: &model.Register{Years: []*model.Year{old.y, cur.y}, Pages: pages},
		Results:  []*model.Result{res2025, res2026},
		Findings: findings,
		Now:      time.Date(2026, 7, 10, 9, 30, 0, 0, time.UTC),
		BuildID:  "test-build-1",
		PDFs:     true,
	}
}

var surnames = []rune("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
var given = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "志强", "海燕"}

// realisticInput is a branch of about 40 people over a closed year and an
// open one, for the link checker and the browser test.
func realisticInput() *Input {
	rng := rand.New(rand.NewPCG(2026, 7))
	groups := []string{"第一党小组", "第二党小组", "第三党小组（离退休）", "机关综合科党小组"}
	var years []*model.Year
	var results []*model.Result
	for _, year := range []int{2025, 2026} {
		b := newYear(year)
		b.y.Settings.GradesDecided = year == 2025
		var ms []*model.Member
		for i := 0; i < 40; i++ {
			cat := model.Full
			switch {
			case i%13 == 5:
				cat = model.Probation
			case i%17 == 3:
				cat = model.Activist
			case i == 38:
				cat = model.Candidate
			}
			role := ""
			if i < len(groups) {
				role = "党小组长"
			}
			name := string(surnames[(i*7)%len(surnames)]) + given[(i*5)%len(given)]
			m := b.member(fmt.Sprintf("D%03d", i+1), name, cat, groups[i%len(groups)], role)
			if i == 39 {
				m.Exempt, m.ExemptReason, m.Filing = true, plantExempt, plantFiling
			}
			if i == 37 {
				m.In = model.NewDate(year, 5, 1)
			}
			ms = append(ms, m)
		}
		last := 4
		if year == 2026 {
			last = 3
		}
		for q := 1; q <= last; q++ {
			for _, m := range ms {
				mo := time.Month(3*q - 2)
				for k := 0; k < 3; k++ {
					if rng.IntN(10) < 8 {
						b.entry(m, mo+time.Month(k), 8+rng.IntN(10), "B1", 1, fmt.Sprintf("%d月支部党员大会", int(mo)+k))
					}
				}
				b.entry(m, mo+1, 18, "B2", 2+rng.IntN(5), "党小组学习讨论")
				b.entry(m, mo+2, 3, "B3", 1+rng.IntN(3), "集中学习党的创新理论")
				b.entry(m, mo+2, 10, "B4", 3, "按时足额交纳党费")
				if rng.IntN(3) == 0 {
					b.entry(m, mo+1, 22, "R1", 1+rng.IntN(4), "社区“双报到”志愿服务，协助开展垃圾分类宣传和入户走访")
				}
				if rng.IntN(12) == 0 {
					b.claim(m, mo+1, 12, "R2", "获局年度先进工作者表彰")
				}
				if rng.IntN(15) == 0 {
					b.deduct(m, mo+2, 15, "D1", plantDedReason, plantDedBasis)
				}
			}
		}
		for _, m := range ms {
			b.evaluate(m, int64(60+rng.IntN(41)), int64(70+rng.IntN(31)))
		}
		b.y.Objections = []*model.Objection{{Received: model.NewDate(year, 4, 2), Quarter: 1, Member: ms[2],
			Matter: "第一季度党小组会次数少记一次", Investigation: "经核对签到表，确系漏记，已补记", Outcome: "更正", Status: "已反馈", Feedback: model.NewDate(year, 4, 3)}}
		for _, m := range ms[:6] {
			b.y.Commitments = append(b.y.Commitments, &model.Commitment{Member: m, Content: "坚定理想信念，认真履行党员义务，立足岗位作表率，带头参加志愿服务。", Reviewer: "支部书记", Signed: model.NewDate(year, 1, 15)})
		}
		asOf := model.NewDate(2026, 10, 20)
		res := scored(b.y, asOf)
		for _, mr := range res.Members {
			if mr.Annual != nil {
				mr.Annual.Reason = plantAnnReason
				mr.Annual.Actions = append(mr.Annual.Actions, plantAction)
			}
		}
		years = append(years, b.y)
		results = append(results, res)
	}
	return withDrafts(&Input{
		Register: &model.Register{Years: years, Pages: pages},
		Results:  results,
		Now:      time.Date(2026, 10, 20, 8, 0, 0, 0, time.UTC),
		BuildID:  "e2e",
	})
}
