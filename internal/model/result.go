package model

import (
	"math/big"
	"time"
)

// Result is the scored register of one year as of a day.
type Result struct {
	Year       *Year
	AsOf       time.Time
	Closed     [4]bool         // quarter q closed: its last day is before AsOf
	YearClosed bool            // 31 December before AsOf
	Members    []*MemberResult // roster order
	// Absences lists the members whose 签到表 marks within six consecutive
	// calendar months hold at least two 缺席 and no 出席 or 请假 (党章第九条).
	Absences []AbsenceRun
	// Publications is where each period's 公示 stands (SPEC §11): [0] the
	// year, [1]–[4] the quarters; set by the archive stage of a build, nil
	// before it (see Pub).
	Publications [5]*Publication
}

// AbsenceRun is one member's months of only 缺席 marks under the six-month
// rule: six consecutive months or more (overlapping windows merged).
type AbsenceRun struct {
	Member   *Member
	From, To time.Month // first and last month of the span, within the year
	Absences int        // 缺席 marks in the span
	Pos      Pos        // the span's first 缺席 mark
}

// Member returns the result for a 编号, or nil.
func (r *Result) Member(id string) *MemberResult {
	for _, m := range r.Members {
		if m.Member.ID == id {
			return m
		}
	}
	return nil
}

// LatestClosed returns the last closed quarter, or 0.
func (r *Result) LatestClosed() int {
	for q := 4; q >= 1; q-- {
		if r.Closed[q-1] {
			return q
		}
	}
	return 0
}

// OpenQuarter returns the quarter in progress on AsOf — the one --drafts
// previews — or 0 when AsOf lies outside the year.
func (r *Result) OpenQuarter() int {
	if r.AsOf.IsZero() || r.AsOf.Year() != r.Year.Year {
		return 0
	}
	q := QuarterOf(r.AsOf)
	if r.Closed[q-1] {
		return 0
	}
	return q
}

// MemberResult is one member's scores for the year.
type MemberResult struct {
	Member   *Member
	Quarters [4]QuarterScore
	Annual   *Annual // nil when the year is open, the member is exempt or took part in no quarter
}

// QuarterScore is one member's figures for one quarter (SPEC §4).
type QuarterScore struct {
	Quarter       int
	Participating bool
	Base          Points // 基础积分 after item caps, the quarter cap and the floor
	Reward        Points // 奖励积分 after item caps and 奖励分上限
	Deduction     Points // 违规扣分 (magnitude) after item caps
	Total         Points // Base + Reward − Deduction, not floored
	Rank          int    // competition rank among graded categories; 0 = not ranked
	Lines         []Line // every counted row, by date then place
	// Attendance is the member's 签到表 marks dated in the quarter, by date
	// then place: counted or not (请假, 缺席 under 累加制 …).
	Attendance []*Attendance
}

// Line is one row that fed a quarter: a 日常登记 entry, an approved claim or
// a deduction. Points are as registered (signed: deductions negative),
// before caps; the quarter's figures carry the caps.
type Line struct {
	Pos    Pos
	Date   time.Time
	Kind   ItemKind
	Item   *Item
	Points Points
	Reason string // 事由: public for base and reward lines; committee only for deductions
	Source string // 日常登记 / 奖励申报 / 违规扣分 / 签到表
	Capped bool   // an item cap or a quarter cap cut this line's contribution
	Mark   Mark   // the 签到表 mark the line was typed as (出席, 缺席); NoMark otherwise
}

// Annual is one member's yearly composite (五(五)).
type Annual struct {
	Quarters     int      // |P|
	QuarterAvg   *big.Rat // Σ 季度积分 / |P|
	BaseAvg      *big.Rat
	RewardAvg    *big.Rat
	DeductionSum Points
	Democratic   *big.Rat // nil without 民主评议 data
	Total        *big.Rat // QuarterAvg + Democratic; nil without 民主评议 data
	Rank         int      // 0 = not ranked (不评定 or no 民主评议)
	Proposed     Grade    // "" = 不评定 or no data
	Final        Grade
	Reason       string // why the proposal, in words
	Tie          bool   // tied at the 优秀 quota edge: TiePhrase
	Decision     *Decision
	Actions      []string // follow-up actions (五(六)5–6), committee only
	// Held: an objection to the member's annual result (异议处理, 季度 年度)
	// is still 受理中, so the public documents show his grade as 待定.
	Held bool
}

// TiePhrase marks a proposal tied at the edge of the 优秀 quota (SPEC §4):
// none of the tied members is proposed 优秀 and the branch decides.
const TiePhrase = "并列，待支部研究"
