package model

import (
	"fmt"
	"math/big"
	"strconv"
)

// The register's vocabulary, defined once: every closed list a workbook
// cell may hold and every fixed label the documents print. The reader
// (load) accepts these words (plus the variants it documents), the
// templates (workbook, scaffold) offer them as dropdowns, and the pages,
// notices and ledgers print them.

// Categories lists the roster's 类别 in template order (SPEC §2.3).
var Categories = []Category{Full, Probation, Activist, Candidate}

// Grades lists the annual 等次 from best to worst (五(六)).
var Grades = []Grade{Excellent, Qualified, BasicQualify, Unqualified}

// ItemKinds lists the rubric's 类别 (SPEC §2.2).
var ItemKinds = []ItemKind{Base, Reward, Deduction}

// BaseModes lists the values of 基础分计分方式 (SPEC §2.1).
var BaseModes = []BaseMode{Accumulate, Deduct}

// Approvals lists a claim's 党小组意见 and 支部审定 (SPEC §2.5).
var Approvals = []Approval{Pending, Approved, Rejected}

// 来源 of a 违规扣分 (SPEC §2.6).
const (
	SourceCommittee = "班子商议" // also the 来源 of a 签到表 absence deduction (§2.11)
	SourceReport    = "群众举报"
	SourceOther     = "其他"
)

// DeductionSources lists 来源.
var DeductionSources = []string{SourceCommittee, SourceReport, SourceOther}

// 处理结果 of an objection (SPEC §2.8).
const (
	OutcomeUpheld    = "维持"
	OutcomeCorrected = "更正"
)

// Outcomes lists 处理结果.
var Outcomes = []string{OutcomeUpheld, OutcomeCorrected}

// 状态 of an objection (SPEC §2.8); blank reads as 受理中, or 已反馈 when a
// 反馈日期 is given.
const (
	StatusOpen     = "受理中"
	StatusAnswered = "已反馈"
)

// Statuses lists 状态.
var Statuses = []string{StatusOpen, StatusAnswered}

// 是/否 columns and settings (SPEC §2: blank reads as 否).
const (
	Yes = "是"
	No  = "否"
)

// YesNo writes a 是/否 value.
func YesNo(b bool) string {
	if b {
		return Yes
	}
	return No
}

func (c Category) String() string { return string(c) }
func (g Grade) String() string    { return string(g) }

// Texts lists the words of a closed list, for dropdowns and messages.
func Texts[T fmt.Stringer](vs []T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = v.String()
	}
	return out
}

// QuarterLabel is a quarter as documents name it: 第一季度.
func QuarterLabel(q int) string { return "第" + QuarterCN(q) + "季度" }

// PeriodLabel names a period of a year as titles write it: 2026年第一季度,
// or 2026年度 for q = 0 (the year as a whole).
func PeriodLabel(year, q int) string {
	if q == 0 {
		return strconv.Itoa(year) + "年度"
	}
	return strconv.Itoa(year) + "年" + QuarterLabel(q)
}

// Percent writes a fraction as committees write shares: 0.15 as 15%.
func Percent(r *big.Rat) string {
	return RatString(new(big.Rat).Mul(r, big.NewRat(100, 1))) + "%"
}

// QuotaPercent is 优秀比例上限 as committees write it: 15%.
func (s *Settings) QuotaPercent() string { return Percent(s.ExcellentQuota) }

// ExcellentPlaces is ⌊优秀比例上限 × graded⌋, the number of 优秀 places
// among graded members (SPEC §4).
func (s *Settings) ExcellentPlaces(graded int) int {
	q := new(big.Rat).Mul(s.ExcellentQuota, big.NewRat(int64(graded), 1))
	if q.Sign() <= 0 {
		return 0
	}
	return int(new(big.Int).Quo(q.Num(), q.Denom()).Int64())
}

// QuotaText states the quota with its figures, as reasons quote it:
// 「优秀比例上限 15%，参评 20 人，限 3 人」.
func (s *Settings) QuotaText(graded int) string {
	return fmt.Sprintf("优秀比例上限 %s，参评 %d 人，限 %d 人", s.QuotaPercent(), graded, s.ExcellentPlaces(graded))
}

// Labels of a grade column where there is no grade.
const (
	LabelNotGraded = "不评定" // 入党积极分子, 发展对象 (SPEC §4)
	LabelNoGrade   = "—"   // no grade: no 民主评议 data (the reason says so), or none decided yet
)

// VoteScore is 评议得分 from the vote counts 优秀, 合格, 基本合格, 不合格
// (SPEC §2.7): (100·优秀 + 80·合格 + 60·基本合格 + 0·不合格) / 总票数; nil
// when no vote was cast.
func VoteScore(votes [4]int) *big.Rat {
	n := int64(votes[0] + votes[1] + votes[2] + votes[3])
	if n <= 0 {
		return nil
	}
	return big.NewRat(100*int64(votes[0])+80*int64(votes[1])+60*int64(votes[2]), n)
}

// ProposedLabel is how every committee document writes a member's
// 建议等次: 不评定 for a category that is not graded, — when the member has
// no composite (no 民主评议 data; the reason says so), else the grade. A
// tie at the 优秀 quota's edge is said once, in the reason (TiePhrase),
// never in the label.
func (m *MemberResult) ProposedLabel() string {
	switch {
	case !m.Member.Category.Graded():
		return LabelNotGraded
	case m.Annual == nil || m.Annual.Proposed == "":
		return LabelNoGrade
	}
	return string(m.Annual.Proposed)
}

// FinalLabel is how every document writes a member's final 等次: 不评定
// for a category that is not graded, — when there is none, else the grade.
func (m *MemberResult) FinalLabel() string {
	switch {
	case !m.Member.Category.Graded():
		return LabelNotGraded
	case m.Annual == nil || m.Annual.Final == "":
		return LabelNoGrade
	}
	return string(m.Annual.Final)
}

// MarkTexts are the 签到表 marks the template offers, 出席 / 请假 / 缺席
// (SPEC §2.11); the reader accepts more forms of each (load.ParseMark).
var MarkTexts = []string{"√", "请假", "×"}
