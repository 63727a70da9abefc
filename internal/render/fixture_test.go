package render

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
)

// The fixtures are registers built with the one fixture builder
// (internal/fixture) and scored with the real scorer, so the pages are
// tested on the figures, reasons and actions a build publishes (render
// itself does not import score). plant fills the committee-only fields the
// builder leaves plain with strings the privacy tests look for.

func plant(y *model.Year) {
	for _, e := range y.Entries {
		e.Recorder, e.Witness = "登记人甲PLANT", "证明人乙PLANT"
	}
	for _, c := range y.Claims {
		c.Proof = "证明材料PLANT"
	}
	for _, d := range y.Deductions {
		d.Source = "班子商议来源PLANT"
	}
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
func smallInput(t testing.TB) *Input {
	old := fixture.NewYear(2025)
	old.Y.Settings.ShowRanks = true
	old.Y.Settings.GradesDecided = true
	a := old.Member("D001", "张明", model.Full, "第一党小组", "党小组长")
	b := old.Member("D002", "李华", model.Probation, "第一党小组", "")
	c := old.Member("D003", "王芳", model.Full, "第二党小组", "")
	r := old.Member("D009", "赵老", model.Full, "第二党小组", "")
	r.Exempt, r.ExemptReason, r.Filing = true, plantExempt, plantFiling
	for q := 1; q <= 4; q++ {
		mo := time.Month(3*q - 1)
		for _, m := range []*model.Member{a, b, c} {
			old.Entry(m, mo, 10, "B1", 6, "支部党员大会")
			old.Entry(m, mo, 12, "B4", 3, "按时交纳党费")
		}
		old.Entry(a, mo, 15, "R1", 4, "社区志愿服务")
		old.Claim(a, mo, 20, "R2", "获市直机关优秀党员表彰")
		old.Entry(c, mo, 15, "R1", 2, "义务植树")
	}
	old.Deduct(b, 5, 8, "D2", plantDedReason, plantDedBasis)
	old.Deduct(b, 8, 8, "D1", plantDedReason, plantDedBasis)
	old.Evaluate(a, 95, 90)
	old.Evaluate(b, 70, 80)
	old.Evaluate(c, 85, 85)
	old.Y.Decisions = []*model.Decision{{Member: b, Grade: model.Qualified, Reason: plantDecision, Interviewer: plantInterview, Date: model.NewDate(2026, 1, 15)}}
	old.Y.Objections = []*model.Objection{{Received: model.NewDate(2025, 4, 2), Quarter: 1, Member: c, Matter: "志愿服务次数漏记", Investigation: "经核实确有漏记", Outcome: "更正", Status: "已反馈", Feedback: model.NewDate(2025, 4, 3)}}
	plant(old.Y)
	res2025 := old.MustScore(t, model.NewDate(2026, 1, 20))
	for _, m := range res2025.Members {
		if m.Annual != nil {
			m.Annual.Reason = plantAnnReason + m.Annual.Reason
			if len(m.Annual.Actions) > 0 || m.Member == b {
				m.Annual.Actions = append(m.Annual.Actions, plantAction)
			}
		}
	}

	cur := fixture.NewYear(2026)
	a = cur.Member("D001", "张明", model.Full, "第一党小组", "党小组长")
	b = cur.Member("D002", "李华", model.Probation, "第一党小组", "")
	c = cur.Member("D003", "王芳", model.Full, "第二党小组", "")
	d := cur.Member("D004", "陈<刚>", model.Activist, "第二党小组", "")
	e := cur.Member("D005", "周转入", model.Full, "第一党小组", "")
	e.In = model.NewDate(2026, 5, 6)
	r = cur.Member("D009", "赵老", model.Full, "第二党小组", "")
	r.Exempt, r.ExemptReason, r.Filing = true, plantExempt, plantFiling
	for _, m := range []*model.Member{a, b, c, d} {
		cur.Entry(m, 1, 12, "B1", 1, "一月支部党员大会")
		cur.Entry(m, 2, 20, "B2", 7, "党小组会")
		cur.Entry(m, 3, 5, "B4", 1, "交纳一季度党费")
	}
	cur.Entry(a, 3, 5, "R1", 2, "“学雷锋”志愿服务 & 清扫")
	cur.Entry(c, 4, 9, "B1", 1, "四月支部党员大会")
	cur.Entry(e, 5, 20, "B3", 2, "党课")
	cur.Entry(a, 7, 3, "B1", 1, "七月党员大会")
	cur.Deduct(b, 2, 28, "D1", plantDedReason, plantDedBasis)
	cur.Y.Objections = []*model.Objection{
		{Received: model.NewDate(2026, 4, 2), Quarter: 1, Member: b, Matter: "对无故不参加组织生活扣分有异议", Investigation: "经核实请假手续不全，扣分属实", Outcome: "维持", Status: "已反馈", Feedback: model.NewDate(2026, 4, 3)},
		{Received: model.NewDate(2026, 7, 2), Quarter: 2, Member: c, Matter: "党课次数", Status: "受理中"},
	}
	cur.Y.Commitments = []*model.Commitment{{Member: a, Content: "带头学习，按时参加组织生活。", Reviewer: "支部书记", Signed: model.NewDate(2026, 1, 10)}}
	plant(cur.Y)
	res2026 := cur.MustScore(t, model.NewDate(2026, 7, 10))

	findings := model.Findings{}
	findings.Warnf(model.Pos{File: "data/2026/登记.xlsx", Sheet: "奖励申报", Row: 5, Col: 9}, "申报待审，暂不计分")
	findings.Errorf(model.Pos{File: "data/2025/登记.xlsx", Sheet: "日常登记", Row: 9, Col: 4}, "只属于2025年的问题")
	findings.Infof(model.Pos{File: "data/pages/说明.md"}, "页面提示")

	return &Input{
		Register: &model.Register{Years: []*model.Year{old.Y, cur.Y}, Pages: pages},
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
func realisticInput(t testing.TB) *Input {
	rng := rand.New(rand.NewPCG(2026, 7))
	groups := []string{"第一党小组", "第二党小组", "第三党小组（离退休）", "机关综合科党小组"}
	var years []*model.Year
	var results []*model.Result
	for _, year := range []int{2025, 2026} {
		b := fixture.NewYear(year)
		b.Y.Settings.GradesDecided = year == 2025
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
			m := b.Member(fmt.Sprintf("D%03d", i+1), name, cat, groups[i%len(groups)], role)
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
						b.Entry(m, mo+time.Month(k), 8+rng.IntN(10), "B1", 1, fmt.Sprintf("%d月支部党员大会", int(mo)+k))
					}
				}
				b.Entry(m, mo+1, 18, "B2", 2+rng.IntN(5), "党小组学习讨论")
				b.Entry(m, mo+2, 3, "B3", 1+rng.IntN(3), "集中学习党的创新理论")
				b.Entry(m, mo+2, 10, "B4", 3, "按时足额交纳党费")
				if rng.IntN(3) == 0 {
					b.Entry(m, mo+1, 22, "R1", 1+rng.IntN(4), "社区“双报到”志愿服务，协助开展垃圾分类宣传和入户走访")
				}
				if rng.IntN(12) == 0 {
					b.Claim(m, mo+1, 12, "R2", "获局年度先进工作者表彰")
				}
				if rng.IntN(15) == 0 {
					b.Deduct(m, mo+2, 15, "D1", plantDedReason, plantDedBasis)
				}
			}
		}
		for _, m := range ms {
			b.Evaluate(m, int64(60+rng.IntN(41)), int64(70+rng.IntN(31)))
		}
		b.Y.Objections = []*model.Objection{{Received: model.NewDate(year, 4, 2), Quarter: 1, Member: ms[2],
			Matter: "第一季度党小组会次数少记一次", Investigation: "经核对签到表，确系漏记，已补记", Outcome: "更正", Status: "已反馈", Feedback: model.NewDate(year, 4, 3)}}
		for _, m := range ms[:6] {
			b.Y.Commitments = append(b.Y.Commitments, &model.Commitment{Member: m, Content: "坚定理想信念，认真履行党员义务，立足岗位作表率，带头参加志愿服务。", Reviewer: "支部书记", Signed: model.NewDate(year, 1, 15)})
		}
		asOf := model.NewDate(2026, 10, 20)
		plant(b.Y)
		res := b.MustScore(t, asOf)
		for _, mr := range res.Members {
			if mr.Annual != nil {
				mr.Annual.Reason = plantAnnReason
				mr.Annual.Actions = append(mr.Annual.Actions, plantAction)
			}
		}
		years = append(years, b.Y)
		results = append(results, res)
	}
	return withDrafts(&Input{
		Register: &model.Register{Years: years, Pages: pages},
		Results:  results,
		Now:      time.Date(2026, 10, 20, 8, 0, 0, 0, time.UTC),
		BuildID:  "e2e",
	})
}
