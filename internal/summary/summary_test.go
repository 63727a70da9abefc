package summary

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// TestOnTime checks the 七(三) checks at their boundaries: a quarter's 公示
// must start by the 5th of the following month and last at least 3 days,
// both ends included.
func TestOnTime(t *testing.T) {
	tests := []struct {
		year       int
		period     string
		start, end string
		onTime     bool
		days       int
		long       bool
	}{
		{2026, "Q1", "2026-04-05", "2026-04-07", true, 3, true},
		{2026, "Q1", "2026-04-06", "2026-04-08", false, 3, true},
		{2026, "Q1", "2026-04-05", "2026-04-06", true, 2, false},
		{2026, "Q1", "2026-04-01", "2026-04-01", true, 1, false},
		{2026, "Q2", "2026-07-05", "2026-07-09", true, 5, true},
		{2026, "Q3", "2026-10-06", "2026-10-08", false, 3, true},
		{2026, "Q4", "2027-01-05", "2027-01-07", true, 3, true},
		{2026, "Q4", "2027-01-06", "2027-01-08", false, 3, true},
		{2024, "Q1", "2024-04-05", "2024-04-07", true, 3, true},  // leap year
		{2026, "年度", "2027-01-20", "2027-01-22", false, 3, true}, // no rule for the year
	}
	for _, tt := range tests {
		r := &Row{Digest: &Digest{Year: tt.year, Period: tt.period, Start: tt.start, End: tt.end}}
		if got := r.OnTime(); got != tt.onTime {
			t.Errorf("%d %s from %s: OnTime = %v, want %v", tt.year, tt.period, tt.start, got, tt.onTime)
		}
		if got := r.Days(); got != tt.days {
			t.Errorf("%s–%s: Days = %d, want %d", tt.start, tt.end, got, tt.days)
		}
		if got := r.LongEnough(); got != tt.long {
			t.Errorf("%s–%s: LongEnough = %v, want %v", tt.start, tt.end, got, tt.long)
		}
	}
}

func digest(branch, period, asOf, hash string, members int, sum int64) *Digest {
	return &Digest{Branch: branch, Year: 2026, Period: period, AsOf: asOf, ContentHash: hash + "0000000000",
		Start: "2026-04-01", End: "2026-04-03", Members: members, TotalSum: sum}
}

// TestRoll checks which bundle counts and what the superior is told.
func TestRoll(t *testing.T) {
	recv := []*Received{
		{Path: "in/a1.zip", Digest: digest("甲支部", "Q1", "2026-04-10", "aa", 2, 15050)},
		{Path: "in/a1-copy.zip", Digest: digest("甲支部", "Q1", "2026-04-10", "aa", 2, 15050)},
		{Path: "in/b1.zip", Digest: digest("乙支部", "Q1", "2026-04-10", "b1", 3, 24000)},
		{Path: "in/b1-fix.zip", Digest: digest("乙支部", "Q1", "2026-05-02", "b2", 3, 24300)},
		// Equal as-of dates: the later path wins ("-" sorts before "."),
		// whatever order the files were found in.
		{Path: "in/c1.zip", Digest: digest("丙支部", "Q1", "2026-04-10", "c1", 1, 8000)},
		{Path: "in/c1-other.zip", Digest: digest("丙支部", "Q1", "2026-04-10", "c2", 1, 8100)},
		{Path: "in/a2.zip", Digest: digest("甲支部", "Q2", "2026-07-10", "a2", 2, 16000)},
		{Path: "in/b2.zip", Problem: &filing.Problem{File: "notice.pdf", Message: "内容与 manifest.json 记录的 SHA-256 不符",
			Claimed: &filing.Identity{Branch: "乙支部", Year: 2026, Period: "Q2"}}},
		{Path: "in/photo.zip", Problem: &filing.Problem{Message: "不是 jifen 备案包", Foreign: true}},
		{Path: "in/d2.zip", Problem: &filing.Problem{Message: "zip 文件不完整或已损坏",
			Claimed: &filing.Identity{Branch: "丁支部", Year: 2026, Period: "Q2"}}},
		{Path: "in/d2-ok.zip", Digest: digest("丁支部", "Q2", "2026-07-09", "d2", 4, 30000)},
	}
	ru := Roll(recv)
	if ru.Bundles != 11 || ru.Valid != 8 || len(ru.Branches) != 4 {
		t.Errorf("Bundles, Valid, Branches = %d, %d, %d; want 11, 8, 4", ru.Bundles, ru.Valid, len(ru.Branches))
	}
	var fs []string
	for _, f := range ru.Findings {
		fs = append(fs, f.Level.String()+" "+f.String())
	}
	want := []string{
		"warning in/a1-copy.zip: 与 in/a1.zip 内容完全相同（重复报送），只计一次",
		"warning in/b1.zip: 乙支部 2026年第一季度 另有内容不同的备案包 in/b1-fix.zip（数据截至 2026-05-02，晚于本包的 2026-04-10），以较晚者为准，本包未计入汇总",
		"warning in/b2.zip:notice.pdf: 备案包校验失败，未计入汇总：内容与 manifest.json 记录的 SHA-256 不符",
		"warning in/c1-other.zip: 丙支部 2026年第一季度 收到两个内容不同、数据截至日期相同（2026-04-10）的备案包，无法判断哪个是更正件，暂以 in/c1.zip 为准，请与支部核实",
		"warning in/d2.zip: 备案包校验失败，未计入汇总：zip 文件不完整或已损坏",
		"warning in/photo.zip: 不是 jifen 备案包，已忽略：不是 jifen 备案包",
	}
	if strings.Join(fs, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(fs, "\n"), strings.Join(want, "\n"))
	}
	if len(ru.Years) != 1 || len(ru.Years[0].Quarters) != 2 || ru.Years[0].Annual != nil {
		t.Fatalf("years = %+v", ru.Years)
	}
	rows := func(p *Period) string {
		var s []string
		for _, r := range p.Rows {
			x := r.Branch.Name + ":" + string(r.Status)
			if r.Digest != nil {
				x += ":" + r.From.Path + ":" + model.RatString(r.Digest.Average())
			}
			s = append(s, x)
		}
		return strings.Join(s, " ")
	}
	q1, q2 := ru.Years[0].Quarters[0], ru.Years[0].Quarters[1]
	// Branches sort in pinyin: 丙 bing, 丁 ding, 甲 jia, 乙 yi.
	if got, want := rows(q1), "丙支部:已报送:in/c1.zip:80 丁支部:未报送 甲支部:已报送:in/a1.zip:75.25 乙支部:已报送:in/b1-fix.zip:81"; got != want {
		t.Errorf("Q1 rows = %s\nwant %s", got, want)
	}
	if got, want := rows(q2), "丙支部:未报送 丁支部:已报送:in/d2-ok.zip:75 甲支部:已报送:in/a2.zip:80 乙支部:校验失败"; got != want {
		t.Errorf("Q2 rows = %s\nwant %s", got, want)
	}
	if n := len(q2.Rows[1].Failed); n != 1 {
		t.Errorf("丁支部 Q2 keeps %d failed bundles, want 1", n)
	}
}

func TestDigestOfYear(t *testing.T) {
	f, b, u := "合格", "基本合格", "不合格"
	total := json.Number("65.5")
	s := &filing.Summary{Branch: "甲支部", Year: 2026, Period: filing.PeriodYear, AsOf: "2027-01-10",
		Publication: filing.Publication{Start: "2027-01-08", End: "2027-01-10"},
		Scoring:     filing.Scoring{ExcellentQuota: "0.15"},
		Grades:      &filing.Grades{Qualified: 1, Basic: 1, Unqualified: 1, ExcellentLimit: 0},
		Members: []filing.Member{
			{ID: "1", Name: "甲", Annual: &filing.AnnualFigures{DeductionSum: "0", FinalGrade: &f}},
			{ID: "2", Name: "乙", Annual: &filing.AnnualFigures{DeductionSum: "10", FinalGrade: &b, Total: &total, Actions: []string{"提醒谈话（谈话人：王书记）"}}},
			{ID: "3", Name: "丙", Annual: &filing.AnnualFigures{DeductionSum: "20", FinalGrade: &u, Actions: []string{"报上级党组织审批处置"}}},
			{ID: "4", Name: "丁", Annual: &filing.AnnualFigures{DeductionSum: "0"}},
		}}
	d := NewDigest(&filing.Bundle{Summary: s, ContentHash: "x"})
	if d.Members != 4 || d.Deducted != 2 || len(d.FollowUps) != 2 {
		t.Fatalf("digest = %+v", d)
	}
	if f := d.FollowUps[0]; f.Name != "乙" || f.Grade != b || f.Total != "65.5" || f.Actions[0] != "提醒谈话（谈话人：王书记）" {
		t.Errorf("follow-up = %+v", f)
	}
}

// TestClosedYearWithoutBundles: once a branch has built after the year's
// end, the year's table exists and lists every branch of the year, 未报送
// until its year's bundle arrives.
func TestClosedYearWithoutBundles(t *testing.T) {
	open := Roll([]*Received{{Path: "a.zip", Digest: digest("甲支部", "Q3", "2026-10-10", "a3", 2, 16000)}})
	if open.Years[0].Annual != nil {
		t.Error("a year still open has an annual table")
	}
	ru := Roll([]*Received{
		{Path: "a.zip", Digest: digest("甲支部", "Q4", "2027-01-08", "a4", 2, 16000)},
		{Path: "b.zip", Digest: digest("乙支部", "Q3", "2026-10-10", "b3", 2, 16000)},
	})
	y := ru.Years[0]
	if y.Annual == nil || len(y.Annual.Rows) != 2 || y.Annual.Count(Missing) != 2 {
		t.Fatalf("annual = %+v, want both branches 未报送", y.Annual)
	}
}

// TestClosedQuarterWithoutBundles: a quarter closed by the as-of of some
// bundle of its year has its table even when no branch sent it, listing
// every branch of the year as 未报送; a quarter still open does not.
func TestClosedQuarterWithoutBundles(t *testing.T) {
	ru := Roll([]*Received{
		{Path: "a1.zip", Digest: digest("甲支部", "Q1", "2026-04-10", "a1", 2, 16000)},
		{Path: "b1.zip", Digest: digest("乙支部", "Q1", "2026-04-08", "b1", 2, 16000)},
		{Path: "a3.zip", Digest: digest("甲支部", "Q3", "2026-10-01", "a3", 2, 16000)},
	})
	y := ru.Years[0]
	var got []string
	for _, p := range y.Quarters {
		got = append(got, fmt.Sprintf("Q%d:%d/%d", p.Quarter, p.Count(Filed), p.Count(Missing)))
	}
	if want := "Q1:2/0 Q2:0/2 Q3:1/1"; strings.Join(got, " ") != want {
		t.Errorf("quarters = %s, want %s", strings.Join(got, " "), want)
	}
	// The last day of a quarter is still inside it: a build on 30 June
	// does not close Q2.
	ru = Roll([]*Received{{Path: "a1.zip", Digest: digest("甲支部", "Q1", "2026-06-30", "a1", 2, 16000)}})
	if n := len(ru.Years[0].Quarters); n != 1 {
		t.Errorf("as of 2026-06-30: %d quarter tables, want 1", n)
	}
	for q, want := range map[int]string{1: "2026-03-31", 2: "2026-06-30", 3: "2026-09-30", 4: "2026-12-31"} {
		if got := quarterEnd(2026, q); got != want {
			t.Errorf("quarterEnd(2026, %d) = %s, want %s", q, got, want)
		}
	}
}
