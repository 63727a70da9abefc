package score_test

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// yb builds a *model.Year the way the reader would hand it over: members
// resolved, signed entry points, claim quarters set, every row positioned.
type yb struct {
	y    *model.Year
	rows map[string]int // next row per sheet
}

const testYear = 2025

func newYB() *yb {
	y := &model.Year{Year: testYear, Dir: "data/2025", Settings: model.DefaultSettings(testYear)}
	y.Settings.Branch = "示例党支部"
	b := &yb{y: y, rows: map[string]int{}}
	// Plain items without caps for figure tests, capped ones for cap tests.
	b.item("B", model.Base, 1, 0)
	b.item("BC", model.Base, 10, 20)
	b.item("R", model.Reward, 1, 0)
	b.item("RC", model.Reward, 2, 3)
	b.item("D", model.Deduction, 1, 0)
	b.item("DC", model.Deduction, 3, 4)
	return b
}

func (b *yb) pos(sheet string) model.Pos {
	b.rows[sheet]++
	return model.Pos{File: "data/2025/登记.xlsx", Sheet: sheet, Row: b.rows[sheet] + 1}
}

func (b *yb) item(code string, kind model.ItemKind, pts float64, cap float64) *model.Item {
	it := &model.Item{Pos: b.pos("考核项目"), Code: code, Kind: kind, Name: "项目" + code,
		Points: pt(pts), QuarterCap: pt(cap)}
	b.y.Items = append(b.y.Items, it)
	return it
}

// pt converts a literal with at most two decimals; tests only.
func pt(v float64) model.Points {
	r := new(big.Rat).SetFloat64(v)
	return model.Round2(r)
}

func (b *yb) member(id, name string, cat model.Category) *model.Member {
	m := &model.Member{Pos: b.pos("党员名册"), ID: id, Name: name, Category: cat, Group: "第一党小组"}
	b.y.Members = append(b.y.Members, m)
	return m
}

func day(m time.Month, d int) time.Time { return model.NewDate(testYear, m, d) }

// midQuarter is a day inside quarter q.
func midQuarter(q int) time.Time { return day(time.Month(3*q-1), 15) }

func (b *yb) entry(m *model.Member, code string, d time.Time, pts float64) *model.Entry {
	e := &model.Entry{Pos: b.pos("日常登记"), Date: d, Member: m, Item: b.y.Item(code), Count: 1,
		Points: pt(pts), Reason: "活动" + code}
	b.y.Entries = append(b.y.Entries, e)
	return e
}

func (b *yb) claim(m *model.Member, code string, d time.Time, q int, awarded float64, group, branch model.Approval) *model.Claim {
	c := &model.Claim{Pos: b.pos("奖励申报"), Date: d, Member: m, Item: b.y.Item(code), Reason: "申报" + code,
		Claimed: pt(awarded), Awarded: pt(awarded), GroupOpinion: group, Decision: branch, Quarter: q}
	b.y.Claims = append(b.y.Claims, c)
	return c
}

func (b *yb) deduction(m *model.Member, code string, d time.Time, mag float64) *model.DeductionEntry {
	x := &model.DeductionEntry{Pos: b.pos("违规扣分"), Date: d, Member: m, Item: b.y.Item(code),
		Points: pt(mag), Reason: "违规" + code, Source: "班子商议"}
	b.y.Deductions = append(b.y.Deductions, x)
	return x
}

// eval adds a 民主评议 row with 评议得分 and 承诺践诺得分 (rationals as "a/b" or decimals).
func (b *yb) eval(m *model.Member, scoreText, promiseText string) *model.Evaluation {
	s, _ := new(big.Rat).SetString(scoreText)
	p, _ := new(big.Rat).SetString(promiseText)
	ev := &model.Evaluation{Pos: b.pos("民主评议"), Member: m, Score: s, Promise: p}
	b.y.Evaluations = append(b.y.Evaluations, ev)
	return ev
}

func (b *yb) decision(m *model.Member, g model.Grade, reason, interviewer string) *model.Decision {
	d := &model.Decision{Pos: b.pos("等次确定"), Member: m, Grade: g, Reason: reason, Interviewer: interviewer}
	b.y.Decisions = append(b.y.Decisions, d)
	return d
}

// steady gives m the same base and reward in every quarter it takes part in,
// and an evaluation worth demo democratic points (民主评议满分 10, both
// scores 10·demo).
func (b *yb) steady(m *model.Member, base, reward float64, demo string) {
	for q := 1; q <= 4; q++ {
		if !m.Participates(testYear, q) {
			continue
		}
		if base != 0 {
			b.entry(m, "B", midQuarter(q), base)
		}
		if reward != 0 {
			b.entry(m, "R", midQuarter(q), reward)
		}
	}
	if demo != "" {
		d, _ := new(big.Rat).SetString(demo)
		d.Mul(d, big.NewRat(10, 1))
		ev := &model.Evaluation{Pos: b.pos("民主评议"), Member: m, Score: d, Promise: d}
		b.y.Evaluations = append(b.y.Evaluations, ev)
	}
}

var closedAsOf = model.NewDate(testYear+1, time.January, 10)

func mustScore(t testing.TB, b *yb, asOf time.Time) (*model.Result, model.Findings) {
	t.Helper()
	return score.Score(b.y, asOf)
}

func findingStrings(fs model.Findings) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Level.String()+" "+f.String())
	}
	return out
}

// emptyQuarterWarning is what emptyQuarters says; tests of other rules on
// registers that leave quarters empty on purpose look past it.
const emptyQuarterWarning = "没有任何参加积分管理的人员有这"

// besidesEmpty drops the empty-quarter warnings (empty_test.go tests them).
func besidesEmpty(fs model.Findings) model.Findings {
	var out model.Findings
	for _, f := range fs {
		if !strings.Contains(f.Message, emptyQuarterWarning) {
			out = append(out, f)
		}
	}
	return out
}

func ratEq(r *big.Rat, s string) bool {
	want, ok := new(big.Rat).SetString(s)
	return ok && r != nil && r.Cmp(want) == 0
}
