package summary

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/model"
)

// TestPublishedOnTime checks the 七(三) checks of the 公示 from its record
// (SPEC §11), at their boundaries: it must go up by the 5th of the
// following month (the year's by the first quarter's due date of the next
// year) and last at least 3 days, both ends included, from the day it went
// up. Without a record, the dates the branch typed decide nothing.
func TestPublishedOnTime(t *testing.T) {
	tests := []struct {
		year               int
		period             string
		posted, start, end string
		onTime             string
		days               int
		long               bool
	}{
		{2026, "Q1", "2026-04-05", "2026-04-05", "2026-04-07", "是", 3, true},
		{2026, "Q1", "2026-04-06", "2026-04-06", "2026-04-08", "否", 3, true},
		{2026, "Q1", "2026-04-05", "2026-04-05", "2026-04-06", "是", 2, false},
		{2026, "Q1", "2026-04-01", "2026-04-01", "2026-04-01", "是", 1, false},
		// Posted two days after the first day its notice states: two days on the board.
		{2026, "Q2", "2026-07-03", "2026-07-01", "2026-07-04", "是", 2, false},
		// Posted after the 公示期 its notice states had ended.
		{2026, "Q2", "2026-07-10", "2026-07-01", "2026-07-03", "否", 0, false},
		{2026, "Q3", "2026-10-06", "2026-10-01", "2026-10-08", "否", 3, true},
		{2026, "Q4", "2027-01-05", "2027-01-05", "2027-01-07", "是", 3, true},
		{2026, "Q4", "2027-01-06", "2027-01-06", "2027-01-08", "否", 3, true},
		{2024, "Q1", "2024-04-05", "2024-04-05", "2024-04-07", "是", 3, true}, // leap year
		{2026, "年度", "2027-04-05", "2027-04-05", "2027-04-07", "是", 3, true},
		{2026, "年度", "2027-04-06", "2027-04-06", "2027-04-08", "否", 3, true},
		// No record: the typed dates (on time, five days) decide nothing.
		{2026, "Q1", "", "2026-04-01", "2026-04-05", "未记录", 5, true},
	}
	for _, tt := range tests {
		d := &Digest{Year: tt.year, Period: tt.period, AsOf: tt.start, Start: tt.start, End: tt.end}
		if tt.posted != "" {
			d.Posting = &Posting{State: "已定稿", Records: []*Record{{Kind: "公示", Posted: tt.posted, Start: tt.start, End: tt.end, SHA256: "r"}}}
		}
		ru := Roll([]*Received{{Path: "a.zip", Digest: d}}, Options{Today: at(2028, 1, 2)})
		var r *Row
		for _, y := range ru.Years {
			for _, p := range y.Periods() {
				if p.Name() == model.PeriodLabel(tt.year, d.Quarter()) {
					r = p.Rows[0]
				}
			}
		}
		if got := r.OnTimeText(); got != tt.onTime {
			t.Errorf("%d %s posted %s: 5日前开始公示 = %s, want %s", tt.year, tt.period, tt.posted, got, tt.onTime)
		}
		if got := r.Days(); got != tt.days {
			t.Errorf("%s posted %s–%s: Days = %d, want %d", tt.posted, tt.start, tt.end, got, tt.days)
		}
		if got := r.LongEnough(); got != tt.long {
			t.Errorf("%s posted %s–%s: LongEnough = %v, want %v", tt.posted, tt.start, tt.end, got, tt.long)
		}
		want := map[string]Status{"是": OnTime, "否": Late, "未记录": Unrecorded}[tt.onTime]
		if r.Status != want {
			t.Errorf("%d %s posted %s: status %s, want %s", tt.year, tt.period, tt.posted, r.Status, want)
		}
	}
}

// dg is a valid bundle's digest; figures names its content apart from
// the day it was made. Its 公示 was posted the day after the period ended
// (on time), its record chained to the branch's record of the period
// before.
func dg(branch string, year int, period, asOf, figures string) *Digest {
	d := &Digest{Branch: branch, Year: year, Period: period, AsOf: asOf, ContentHash: figures + asOf + "00000000",
		Figures: figures, Start: "2026-04-01", End: "2026-04-03", Members: 2, TotalSum: 16000}
	q := d.Quarter()
	end := model.NewDate(year, 12, 31)
	if q > 0 {
		end = model.QuarterEnd(year, q)
	}
	posted := model.DateString(end.AddDate(0, 0, 1))
	prev := ""
	if q != 1 {
		prev = recordSHA(branch, year, map[int]int{0: 4, 2: 1, 3: 2, 4: 3}[q])
	}
	d.Posting = &Posting{State: "已定稿", Records: []*Record{{Kind: "公示", Posted: posted, Start: posted, End: posted,
		SHA256: recordSHA(branch, year, q), Previous: prev}}}
	return d
}

// recordSHA names the record of the 公示 of a branch's period q.
func recordSHA(branch string, year, q int) string {
	return fmt.Sprintf("%s-%d-%d-公示", branch, year, q)
}

func at(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, time.UTC) }

func texts(fs model.Findings) string {
	var s []string
	for _, f := range fs {
		s = append(s, f.Level.Label()+" "+f.String())
	}
	return strings.Join(s, "\n")
}

// statuses lists a period's rows as 支部:状态.
func statuses(p *Period) string {
	var s []string
	for _, r := range p.Rows {
		s = append(s, r.Branch.Name+":"+string(r.Status))
	}
	return strings.Join(s, " ")
}

func period(t *testing.T, ru *Rollup, year, q int) *Period {
	t.Helper()
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			if p.Year == year && p.Quarter == q {
				return p
			}
		}
	}
	t.Fatalf("no table of %d Q%d", year, q)
	return nil
}

// TestStatusAtTheDueDate: 按时 or 逾期 from when the first bundle was made
// (its as-of) against the 5th of the month after the quarter, the year's
// against the first quarter's due date of the next year; nothing valid is
// 待报送 until the due date and 未报送 after it. The 公示 dates the branch
// typed do not matter.
func TestStatusAtTheDueDate(t *testing.T) {
	recv := []*Received{
		{Path: "a.zip", Digest: dg("甲支部", 2026, "Q1", "2026-04-04", "a")},
		{Path: "b.zip", Digest: dg("乙支部", 2026, "Q1", "2026-04-05", "b")},
		{Path: "c.zip", Digest: dg("丙支部", 2026, "Q1", "2026-04-06", "c")},
		{Path: "d.zip", Digest: dg("丁支部", 2026, "Q2", "2027-12-01", "d")}, // made 17 months late, typed dates on time
		{Path: "a-year.zip", Digest: dg("甲支部", 2026, "年度", "2027-04-05", "ay")},
		{Path: "b-year.zip", Digest: dg("乙支部", 2026, "年度", "2027-04-06", "by")},
	}
	for _, tt := range []struct {
		today      time.Time
		q1, q2, yr string
	}{
		// Q2 closed, its due date not passed yet.
		{at(2028, 1, 10), "丙支部:逾期 甲支部:按时 乙支部:按时", "丙支部:未报送 丁支部:逾期 甲支部:未报送 乙支部:未报送", "丙支部:未报送 丁支部:未报送 甲支部:按时 乙支部:逾期"},
	} {
		ru := Roll(recv, Options{Today: tt.today})
		if got := statuses(period(t, ru, 2026, 1)); got != tt.q1 {
			t.Errorf("Q1 = %s\nwant %s", got, tt.q1)
		}
		if got := statuses(period(t, ru, 2026, 2)); got != tt.q2 {
			t.Errorf("Q2 = %s\nwant %s", got, tt.q2)
		}
		if got := statuses(period(t, ru, 2026, 0)); got != tt.yr {
			t.Errorf("年度 = %s\nwant %s", got, tt.yr)
		}
	}
	// Before and after a due date with nothing arrived.
	recv = []*Received{{Path: "a.zip", Digest: dg("甲支部", 2026, "Q1", "2026-04-04", "a")}}
	for today, want := range map[time.Time]string{
		at(2026, 7, 1): "甲支部:待报送", at(2026, 7, 5): "甲支部:待报送", at(2026, 7, 6): "甲支部:未报送",
	} {
		ru := Roll(recv, Options{Today: today})
		if got := statuses(period(t, ru, 2026, 2)); got != want {
			t.Errorf("Q2 on %s = %s, want %s", today.Format(time.DateOnly), got, want)
		}
	}
	// A quarter still open has no table; its last day is inside it.
	ru := Roll(recv, Options{Today: at(2026, 6, 30)})
	if n := len(ru.Years[0].Quarters); n != 1 || ru.Years[0].Annual != nil {
		t.Errorf("as of 2026-06-30: %d quarter tables, annual %v; want 1, none", n, ru.Years[0].Annual)
	}
}

// TestChain: an original and a correction made the same day, the
// correction recording one more corrected objection, and a rebuild of the
// correction's figures a month later. The correction counts whatever the
// files are called and in whatever order they were found; the rebuild is
// the same report, not a second correction; 按时 comes from the original.
func TestChain(t *testing.T) {
	orig := dg("甲支部", 2026, "Q1", "2026-04-03", "orig")
	orig.Objections = filing.Objections{Received: 1, Open: 1}
	fix := dg("甲支部", 2026, "Q1", "2026-04-03", "fixd")
	fix.Objections = filing.Objections{Received: 1, Corrected: 1}
	fix.TotalSum = 16100
	rebuild := dg("甲支部", 2026, "Q1", "2026-05-04", "fixd")
	rebuild.Objections, rebuild.TotalSum = fix.Objections, fix.TotalSum
	// The same figures made the same day by another jifen version: other
	// bytes, one report.
	again := *fix
	again.ContentHash = "another version"
	for _, names := range [][3]string{{"z-原件.zip", "a-更正.zip", "m-重新生成.zip"}, {"a-原件.zip", "z-更正.zip", "b.zip"}} {
		recv := []*Received{{Path: names[1], Digest: fix}, {Path: names[2], Digest: rebuild}, {Path: names[0], Digest: orig}, {Path: "zz.zip", Digest: &again}}
		ru := Roll(recv, Options{Today: at(2026, 6, 1)})
		r := period(t, ru, 2026, 1).Rows[0]
		if len(r.Reports) != 2 || r.Digest != fix || r.Status != OnTime || r.Submitted != "2026-04-03" || r.Undecided {
			t.Fatalf("%v: %d reports, counting %s, %s, submitted %s, undecided %v; want 2, the correction, 按时, 2026-04-03",
				names, len(r.Reports), r.Digest.Figures, r.Status, r.Submitted, r.Undecided)
		}
		if got := r.Reports[1].Bundles; len(got) != 3 || got[2].Digest != rebuild {
			t.Errorf("the rebuild is not part of the correction's report: %v", got)
		}
		if c := strings.Join(r.Reports[1].Changes, "；"); !strings.Contains(c, "平均季度积分 80 → 80.5") || !strings.Contains(c, "异议（受理/更正/未结） 1/0/1 → 1/1/0") {
			t.Errorf("changes = %s", c)
		}
		fs := texts(ru.Findings)
		for _, want := range []string{
			"警告 " + names[0] + ": 甲支部 2026年第一季度 已由同日生成的 " + names[1] + " 更正",
			"提示 " + names[2] + ": 与 " + names[1] + " 的数据相同（数据截至 2026-05-04 重新生成），是同一次报送，不是更正",
		} {
			if !strings.Contains(fs, want) {
				t.Errorf("findings lack %q:\n%s", want, fs)
			}
		}
		if note := r.Note(); note != "更正 1 次，以数据截至 2026-04-03 的为准；重复收到 2 份相同数据的备案包" {
			t.Errorf("note = %s", note)
		}
	}
	// Two different reports of one day that nothing tells apart: named.
	other := dg("甲支部", 2026, "Q1", "2026-04-03", "othr")
	other.Objections = orig.Objections
	ru := Roll([]*Received{{Path: "x.zip", Digest: orig}, {Path: "y.zip", Digest: other}}, Options{Today: at(2026, 6, 1)})
	if r := period(t, ru, 2026, 1).Rows[0]; !r.Undecided || !strings.Contains(texts(ru.Findings), "无法判断哪个是更正件") {
		t.Errorf("undecided %v, findings %s", r.Undecided, texts(ru.Findings))
	}
	// A later as-of wins even with fewer corrections; a rebuild of the
	// original after it is a new report (a revert), not a copy.
	revert := dg("甲支部", 2026, "Q1", "2026-06-01", "orig")
	ru = Roll([]*Received{{Path: "1.zip", Digest: orig}, {Path: "2.zip", Digest: fix}, {Path: "3.zip", Digest: revert}}, Options{Today: at(2026, 6, 2)})
	if r := period(t, ru, 2026, 1).Rows[0]; len(r.Reports) != 3 || r.Digest != revert || r.Submitted != "2026-04-03" || r.Status != OnTime {
		t.Errorf("revert: %d reports, counting %s, submitted %s, %s", len(r.Reports), r.Digest.AsOf, r.Submitted, r.Status)
	}
}

// TestFailedClaimsOpenNothing (issue 24): 500 forged bundles that fail
// verification, each claiming another branch and year, open no period,
// year or branch; a failed bundle marks a row 校验失败 only where the row
// exists anyway.
func TestFailedClaimsOpenNothing(t *testing.T) {
	var recv []*Received
	for i := range 500 {
		recv = append(recv, &Received{Path: fmt.Sprintf("f%03d.zip", i), Problem: &filing.Problem{Message: "缺少 manifest.json",
			Claimed: &filing.Identity{Branch: fmt.Sprintf("伪造支部%d", i), Year: 2000 + i%100, Period: "Q1"}}})
	}
	ru := Roll(recv, Options{Today: at(2026, 12, 1)})
	if len(ru.Years) != 0 || len(ru.Branches) != 0 || len(ru.Findings) != 500 {
		t.Fatalf("500 failed bundles opened %d years and %d branches (%d findings)", len(ru.Years), len(ru.Branches), len(ru.Findings))
	}
	recv = append(recv,
		&Received{Path: "a1.zip", Digest: dg("甲支部", 2026, "Q1", "2026-04-04", "a")},
		&Received{Path: "a2.zip", Problem: &filing.Problem{Message: "SHA-256 不符", Claimed: &filing.Identity{Branch: "甲支部", Year: 2026, Period: "Q2"}}},
		&Received{Path: "a9.zip", Problem: &filing.Problem{Message: "SHA-256 不符", Claimed: &filing.Identity{Branch: "甲支部", Year: 2019, Period: "Q2"}}},
	)
	ru = Roll(recv, Options{Today: at(2026, 12, 1)})
	periods := 0
	for _, y := range ru.Years {
		periods += len(y.Periods())
	}
	if len(ru.Years) != 1 || periods != 3 || len(ru.Branches) != 1 {
		t.Fatalf("%d years, %d periods, %d branches; want 2026 Q1–Q3 of 甲支部", len(ru.Years), periods, len(ru.Branches))
	}
	if got := statuses(period(t, ru, 2026, 2)); got != "甲支部:校验失败" {
		t.Errorf("Q2 = %s", got)
	}
}

// TestImplausibleBundles: a bundle made after today (a forged future
// as-of would always win a chain) and one of a year older than MaxYears
// are findings and open nothing.
func TestImplausibleBundles(t *testing.T) {
	recv := []*Received{
		{Path: "a.zip", Digest: dg("甲支部", 2026, "Q1", "2026-04-04", "a")},
		{Path: "future.zip", Digest: dg("甲支部", 2026, "Q1", "2099-12-31", "f")},
		{Path: "old.zip", Digest: dg("乙支部", 2016, "Q1", "2016-04-04", "o")},
		{Path: "tomorrow.zip", Digest: dg("丙支部", 2026, "Q3", "2026-12-02", "t")},
	}
	ru := Roll(recv, Options{Today: at(2026, 12, 1)})
	if ru.Valid != 1 || len(ru.Branches) != 1 || len(ru.Years) != 1 || ru.Years[0].Year != 2026 {
		t.Fatalf("valid %d, branches %d, years %d", ru.Valid, len(ru.Branches), len(ru.Years))
	}
	if r := period(t, ru, 2026, 1).Rows[0]; r.Digest.AsOf != "2026-04-04" {
		t.Errorf("the future bundle won: %s", r.Digest.AsOf)
	}
	fs := texts(ru.Findings)
	for _, want := range []string{"警告 future.zip: 备案包的数据截至日期 2099-12-31 晚于今天（2026-12-01）", "警告 old.zip: 2016 年度的备案包未计入汇总：汇总只包括最近 10 个年度（2017–2026）", "警告 tomorrow.zip: 备案包的数据截至日期 2026-12-02"} {
		if !strings.Contains(fs, want) {
			t.Errorf("findings lack %q:\n%s", want, fs)
		}
	}
}

// TestWhoMustReport: with the list, every listed branch in every period
// (a branch that never reported is 未报送 throughout) and a bundle from a
// branch not on it is 名单外; without it, a branch is expected from its
// first bundle on, across years.
func TestWhoMustReport(t *testing.T) {
	recv := []*Received{
		{Path: "a.zip", Digest: dg("甲支部", 2025, "Q3", "2025-10-03", "a")},
		{Path: "b.zip", Digest: dg("乙 支部", 2026, "Q2", "2026-07-03", "b")},
		{Path: "c.zip", Digest: dg("外来支部", 2026, "Q1", "2026-04-03", "c")},
	}
	ru := Roll(recv, Options{Today: at(2026, 8, 1)})
	var got []string
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			got = append(got, p.Name()+"["+statuses(p)+"]")
		}
	}
	want := "2025年第三季度[甲支部:按时] 2025年第四季度[甲支部:未报送] 2025年度[甲支部:未报送] " +
		"2026年第一季度[甲支部:未报送 外来支部:按时] 2026年第二季度[甲支部:未报送 外来支部:未报送 乙 支部:按时]"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("without a list:\n%s\nwant\n%s", g, want)
	}

	list := &List{File: "备案/支部名单.xlsx", Branches: []Listed{{Name: "甲支部"}, {Name: "乙支部", Contact: "王五"}, {Name: "从未报送支部"}}}
	ru = Roll(recv, Options{Today: at(2026, 8, 1), List: list})
	got = nil
	for _, y := range ru.Years {
		for _, p := range y.Periods() {
			got = append(got, p.Name()+"["+statuses(p)+"]")
		}
	}
	want = "2025年第一季度[从未报送支部:未报送 甲支部:未报送 乙支部:未报送] 2025年第二季度[从未报送支部:未报送 甲支部:未报送 乙支部:未报送] " +
		"2025年第三季度[从未报送支部:未报送 甲支部:按时 乙支部:未报送] 2025年第四季度[从未报送支部:未报送 甲支部:未报送 乙支部:未报送] " +
		"2025年度[从未报送支部:未报送 甲支部:未报送 乙支部:未报送] 2026年第一季度[从未报送支部:未报送 甲支部:未报送 外来支部:按时 乙支部:未报送] " +
		"2026年第二季度[从未报送支部:未报送 甲支部:未报送 外来支部:未报送 乙支部:按时]"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("with a list:\n%s\nwant\n%s", g, want)
	}
	if fs := texts(ru.Findings); fs != "警告 c.zip: 支部「外来支部」不在支部名单.xlsx中（名单外）：请核对支部名称，或把它加入名单" {
		t.Errorf("findings:\n%s", fs)
	}
	for _, b := range ru.Branches {
		if b.OffList != (b.Name == "外来支部") || (b.Name == "乙支部") != (b.Contact == "王五") {
			t.Errorf("%s: off list %v, contact %q", b.Name, b.OffList, b.Contact)
		}
	}
	// A list and no bundle at all: every listed branch 未报送 this year.
	ru = Roll(nil, Options{Today: at(2026, 8, 1), List: list})
	if len(ru.Years) != 1 || ru.Years[0].Year != 2026 || len(ru.Years[0].Quarters) != 2 || period(t, ru, 2026, 2).Count(Missing) != 3 {
		t.Errorf("an empty folder with a list: %+v", ru.Years)
	}
}

func TestDigestOfYear(t *testing.T) {
	f, b, u := "合格", "基本合格", "不合格"
	total := json.Number("65.5")
	long := strings.Repeat("长", 1000) + "\x1b[31m\u202e"
	s := &filing.Summary{Branch: "甲支部" + long, Year: 2026, Period: filing.PeriodYear, AsOf: "2027-01-10",
		Publication: filing.Publication{Start: "2027-01-08", End: "2027-01-10"},
		Scoring:     filing.Scoring{ExcellentQuota: "0.15"},
		Grades:      &filing.Grades{Qualified: 1, Basic: 1, Unqualified: 1, ExcellentLimit: 0},
		Members: []filing.Member{
			{ID: "1", Name: "甲", Annual: &filing.AnnualFigures{DeductionSum: "0", FinalGrade: &f}},
			{ID: "2", Name: "乙" + long, Annual: &filing.AnnualFigures{DeductionSum: "10", FinalGrade: &b, Total: &total, Actions: []string{"提醒谈话（谈话人：王书记）"}}},
			{ID: "3", Name: "丙", Annual: &filing.AnnualFigures{DeductionSum: "20", FinalGrade: &u, Actions: []string{"报上级党组织审批处置", "1", "2", "3", "4", "5", "6"}}},
			{ID: "4", Name: "丁", Annual: &filing.AnnualFigures{DeductionSum: "0"}},
		}}
	for i := range 150 {
		s.Members = append(s.Members, filing.Member{ID: fmt.Sprint(100 + i), Name: "戊", Annual: &filing.AnnualFigures{DeductionSum: "0", FinalGrade: &u}})
	}
	d := NewDigest(&filing.Bundle{Summary: s, ContentHash: "x"})
	if d.Members != 154 || d.Deducted != 2 || len(d.FollowUps) != MaxFollowUps || d.MoreFollowUps != 52 {
		t.Fatalf("digest: %d members, %d deducted, %d follow-ups and %d more", d.Members, d.Deducted, len(d.FollowUps), d.MoreFollowUps)
	}
	if f := d.FollowUps[0]; f.Name != model.Quote("乙"+long) || f.Grade != b || f.Total != "65.5" || f.Actions[0] != "提醒谈话（谈话人：王书记）" {
		t.Errorf("follow-up = %+v", f)
	}
	if a := d.FollowUps[1].Actions; len(a) != MaxActions+1 || a[MaxActions] != "……另有 2 项" {
		t.Errorf("actions = %q", a)
	}
	if d.Branch != model.Quote(s.Branch) || len(d.Branch) > 300 || strings.ContainsAny(d.Branch, "\x1b\u202e") {
		t.Errorf("branch = %q", d.Branch)
	}
}

// TestBranchFolder: a branch's folder is its name where that is safe, else
// a safe form with a hash; never shared, never long, never hidden.
func TestBranchFolder(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"中共示例局机关第一党支部", "中共示例局机关第一党支部"},
		{"中共 示例局机关第一党支部", "中共示例局机关第一党支部"},
		{"中共示例局（机关）第一党支部", "中共示例局(机关)第一党支部"},
	} {
		if got := BranchFolder(tt.name); got != tt.want {
			t.Errorf("BranchFolder(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	seen := map[string]string{}
	for _, n := range []string{"a/b", "a_b", "a:b", "CON", "con", "..", ".隐藏", "支部#1", "支部%1", "", strings.Repeat("长", 100), strings.Repeat("长", 100) + "x", "IT中心", "it中心"} {
		f := BranchFolder(n)
		if prev, ok := seen[f]; ok {
			t.Errorf("%q and %q share the folder %q", prev, n, f)
		}
		seen[f] = n
		if strings.ContainsAny(f, `/\:*?"<>|#%&+; `) || strings.HasPrefix(f, ".") || len(f) > 130 || f == "" {
			t.Errorf("BranchFolder(%q) = %q", n, f)
		}
	}
}

// TestFollowUpSheetBounded: the follow-up sheet lists MaxFollowUpRow
// members at most and counts the rest.
func TestFollowUpSheetBounded(t *testing.T) {
	var recv []*Received
	for i := range 25 {
		d := dg(fmt.Sprintf("支部%02d", i), 2026, "年度", "2027-01-20", fmt.Sprint(i))
		for j := range MaxFollowUps {
			d.FollowUps = append(d.FollowUps, FollowUp{ID: fmt.Sprint(j), Name: "党员", Grade: "不合格"})
		}
		d.MoreFollowUps = 7
		recv = append(recv, &Received{Path: fmt.Sprintf("%02d.zip", i), Digest: d})
	}
	ru := Roll(recv, Options{Today: at(2027, 2, 1)})
	s := ru.Sheets()[1]
	if s.Name != FollowUpSheet || len(s.Rows) != MaxFollowUpRow+1 {
		t.Fatalf("%s: %d rows, want %d and a count", s.Name, len(s.Rows), MaxFollowUpRow)
	}
	if last := s.Rows[len(s.Rows)-1][3].(string); !strings.Contains(last, fmt.Sprintf("另有 %d 人未列出", 25*(MaxFollowUps+7)-(19*(MaxFollowUps+7)+81))) {
		t.Errorf("last row: %s", last)
	}
}
