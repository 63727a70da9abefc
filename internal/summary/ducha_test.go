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

// rd is a 细则 bundle's digest.
func rd(branch string, year int, asOf, figures string, items []RuleItem, settings ...RuleSetting) *Digest {
	return &Digest{Branch: branch, Year: year, Period: filing.PeriodRules, AsOf: asOf, ContentHash: figures + asOf,
		Figures: figures, Rules: &RulesDigest{Items: items, Settings: settings}}
}

// TestRulesDue: the 细则 is due by the year's first quarter's due date (六
// 第一阶段 「每年年初」): made on the 5th of April is 按时, the 6th 逾期; a
// branch expected and silent is 待报送 until then and 未报送 after; next
// year's 细则, filed in December, has its table.
func TestRulesDue(t *testing.T) {
	items := []RuleItem{{Code: "B1", Kind: "基础", Name: "参加组织生活", Points: "10"}}
	recv := []*Received{
		{Path: "a.zip", Digest: rd("甲支部", 2026, "2026-04-05", "a", items)},
		{Path: "b.zip", Digest: rd("乙支部", 2026, "2026-04-06", "b", items)},
		{Path: "c.zip", Digest: dg("丙支部", 2025, "Q4", "2026-01-05", "c")},
		{Path: "d.zip", Digest: rd("甲支部", 2027, "2026-12-20", "d", items)},
	}
	for today, want := range map[time.Time]string{
		at(2026, 4, 5):   "丙支部:待报送 甲支部:按时",
		at(2026, 4, 6):   "丙支部:未报送 甲支部:按时 乙支部:逾期",
		at(2026, 12, 31): "丙支部:未报送 甲支部:按时 乙支部:逾期",
	} {
		var in []*Received
		for _, r := range recv {
			if asOf, _ := parseDay(r.Digest.AsOf); !asOf.After(today) {
				in = append(in, r)
			}
		}
		ru := Roll(in, Options{Today: today})
		var got string
		for _, y := range ru.Years {
			if y.Year == 2026 && y.Rules != nil {
				got = statuses(y.Rules)
			}
		}
		if got != want {
			t.Errorf("2026 细则 on %s = %s, want %s", model.DateString(today), got, want)
		}
		if today.Month() == 12 {
			// 甲 files its 2026 细则 again in December, a point raised.
			more := append([]RuleItem{}, items...)
			more[0].Points = "12"
			again := rd("甲支部", 2026, "2026-12-30", "a2", more)
			ru2 := Roll(append(in, &Received{Path: "a2.zip", Digest: again}), Options{Today: today})
			var r *Row
			for _, y := range ru2.Years {
				if y.Rules == nil {
					continue
				}
				for _, row := range y.Rules.Rows {
					if y.Year == 2026 && row.Branch.Name == "甲支部" {
						r = row
					}
				}
			}
			if len(r.Reports) != 2 || r.Status != OnTime || strings.Join(r.Reports[1].Changes, "") != "修改 B1 参加组织生活：分值 10 → 12" {
				t.Errorf("a 细则 filed again: %d reports, %s, changes %v", len(r.Reports), r.Status, r.Reports[1].Changes)
			}
		}
		last := ru.Years[len(ru.Years)-1]
		if ahead := today.Year() == 2026 && today.Month() == 12; ahead != (last.Year == 2027) || ahead && statuses(last.Rules) != "甲支部:按时" {
			t.Errorf("on %s the years end with %d", model.DateString(today), last.Year)
		}
	}
}

// TestDiffRules: items by 编码 — added, removed, each term changed — and
// settings, a date that only moved with the year being no change.
func TestDiffRules(t *testing.T) {
	prev := &RulesDigest{Items: []RuleItem{
		{Code: "B1", Kind: "基础", Name: "参加组织生活", Points: "10", QuarterCap: "30"},
		{Code: "R1", Kind: "奖励", Name: "志愿服务", Points: "2", NeedsProof: true},
		{Code: "K9", Kind: "扣分", Name: "旧项目", Points: "5"},
	}, Settings: []RuleSetting{{Item: "年度", Value: "2025"}, {Item: "第一季度公示日期", Value: "2025-04-03"},
		{Item: "第四季度公示日期", Value: "2026-01-05"}, {Item: "优秀比例上限", Value: "15%"}, {Item: "公示天数", Value: "3"}}}
	cur := &RulesDigest{Items: []RuleItem{
		{Code: "B1", Kind: "基础", Name: "参加组织生活", Points: "12", QuarterCap: ""},
		{Code: "R1", Kind: "扣分", Name: "志愿服务活动", Points: "2"},
		{Code: "R2", Kind: "奖励", Name: "无偿献血", Points: "5"},
	}, Settings: []RuleSetting{{Item: "年度", Value: "2026"}, {Item: "第一季度公示日期", Value: "2026-04-03"},
		{Item: "第四季度公示日期", Value: "2027-01-06"}, {Item: "优秀比例上限", Value: "20%"}, {Item: "公示天数", Value: "3"}}}
	d := diffRules(prev, cur, 2025, 2026)
	want := []string{
		"增加 R2 无偿献血（奖励，5 分）",
		"删除 K9 旧项目（扣分，5 分）",
		"修改 B1 参加组织生活：分值 10 → 12，季度上限 30 → —",
		"修改 R1 志愿服务活动：项目 志愿服务 → 志愿服务活动，类别 奖励 → 扣分，需证明材料 是 → 否",
		"设置 第四季度公示日期：2026-01-05 → 2027-01-06",
		"设置 优秀比例上限：15% → 20%",
	}
	if got := d.Lines(); strings.Join(got, "\n") != strings.Join(want, "\n") || d.Count() != len(want) {
		t.Errorf("diff:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := diffRules(cur, cur, 2026, 2026); d.Count() != 0 {
		t.Errorf("a 细则 differs from itself: %v", d.Lines())
	}
}

// TestRecordChains: the records of a branch's bundles of a year form one
// chain: a later bundle of a period that drops or rewrites an earlier
// record, or a second record after the same one, is 公示记录不连续 naming
// the branch; a correction posted later and a predecessor no bundle
// carried are not.
func TestRecordChains(t *testing.T) {
	rec := func(kind, posted, sha, prev string) *Record {
		return &Record{Kind: kind, Posted: posted, Start: posted, End: posted, SHA256: sha, Previous: prev}
	}
	bundle := func(path, period, asOf, figures string, recs ...*Record) *Received {
		d := dg("甲支部", 2026, period, asOf, figures)
		d.Posting = &Posting{State: "已定稿", Records: recs}
		return &Received{Path: path, Digest: d}
	}
	q1 := rec("公示", "2026-04-01", "s1", "")
	q2 := rec("公示", "2026-07-01", "s2", "s1")
	fix := rec("更正公示", "2026-07-08", "s3", "s2")
	q3 := rec("公示", "2026-10-01", "s4", "s9") // its predecessor came in no bundle
	for _, tt := range []struct {
		name string
		recv []*Received
		want string // a part of the finding, "" for none
		row  int    // the quarter whose row is marked
	}{
		{"one chain, a correction of Q1 after Q2", []*Received{
			bundle("q1.zip", "Q1", "2026-04-02", "a", q1), bundle("q2.zip", "Q2", "2026-07-02", "b", q2),
			bundle("q1-fix.zip", "Q1", "2026-07-09", "c", q1, fix), bundle("q3.zip", "Q3", "2026-10-02", "d", q3)}, "", 0},
		{"a record removed", []*Received{
			bundle("q1.zip", "Q1", "2026-04-02", "a", q1, rec("更正公示", "2026-04-08", "s5", "s1")),
			bundle("q1-later.zip", "Q1", "2026-05-02", "a", q1)},
			"q1-later.zip: 甲支部 2026年的公示记录不连续：2026年第一季度先前收到的 q1.zip 中有2026-04-08张贴的更正公示记录，本包中却没有或已不同", 1},
		{"a record rewritten", []*Received{
			bundle("q1.zip", "Q1", "2026-04-02", "a", q1), bundle("q2.zip", "Q2", "2026-07-02", "b", q2),
			bundle("q2-again.zip", "Q2", "2026-07-20", "b", rec("公示", "2026-07-01", "s2x", "s1"))},
			"q2-again.zip: 甲支部 2026年的公示记录不连续：2026年第二季度先前收到的 q2.zip 中有2026-07-01张贴的公示记录，本包中却没有或已不同；本包中2026-07-01张贴的公示记录与 q2.zip 中2026-07-01张贴的公示记录接在同一份记录之后", 2},
		{"two first records", []*Received{
			bundle("q1.zip", "Q1", "2026-04-02", "a", q1), bundle("q2.zip", "Q2", "2026-07-02", "b", rec("公示", "2026-07-01", "s6", ""))},
			"q2.zip: 甲支部 2026年的公示记录不连续：本包中2026-07-01张贴的公示记录与 q1.zip 中2026-04-01张贴的公示记录都是本年度的第一份记录", 2},
	} {
		ru := Roll(tt.recv, Options{Today: at(2026, 12, 1)})
		fs := texts(ru.Findings)
		if (tt.want == "") != !strings.Contains(fs, "不连续") || !strings.Contains(fs, tt.want) {
			t.Errorf("%s: findings\n%s\nwant …%s…", tt.name, fs, tt.want)
		}
		for q := 1; q <= 3; q++ {
			if r := period(t, ru, 2026, q).Rows[0]; (r.Broken != "") != (q == tt.row) {
				t.Errorf("%s: Q%d row broken %q", tt.name, q, r.Broken)
			}
		}
	}
}

// TestWaitingOrder: the superior's to-do list across branches and years:
// submitted measures first, the longest waiting first, then those not yet
// submitted; only from each year's counting bundle.
func TestWaitingOrder(t *testing.T) {
	y25 := dg("乙支部", 2025, "年度", "2026-01-20", "y25")
	y25.Pending = []PendingMeasure{{ID: "B1", Name: "乙一", Measure: "除名", Submitted: "2026-02-01"}}
	y26a := dg("甲支部", 2026, "年度", "2027-01-20", "a")
	y26a.Pending = []PendingMeasure{{ID: "A1", Name: "甲一", Measure: "限期改正"}, {ID: "A2", Name: "甲二", Measure: "延长预备期", Submitted: "2027-01-22"}}
	old := dg("甲支部", 2026, "年度", "2027-01-10", "old") // superseded: its pending list no longer counts
	old.Pending = []PendingMeasure{{ID: "A9", Name: "已撤回", Measure: "劝退", Submitted: "2027-01-11"}}
	ru := Roll([]*Received{{Path: "1.zip", Digest: y25}, {Path: "2.zip", Digest: y26a}, {Path: "0.zip", Digest: old}}, Options{Today: at(2027, 2, 1)})
	rows, more := ru.Waiting()
	var got []string
	for _, r := range rows {
		got = append(got, r.Name+":"+r.State())
	}
	if want := "乙一:待批复（2026-02-01 报批） 甲二:待批复（2027-01-22 报批） 甲一:须报批，尚未报批"; strings.Join(got, " ") != want || more != 0 {
		t.Errorf("waiting = %s (+%d)\nwant %s", strings.Join(got, " "), more, want)
	}
	if n := rows[0].Days("2027-02-01"); n != 365 {
		t.Errorf("waited %d days", n)
	}
	// 甲二's measure approved, the branch sends its year again: the same
	// figures, one report, and the to-do list follows the newer bundle.
	approved := *y26a
	approved.AsOf, approved.ContentHash = "2027-02-10", "approved"
	approved.Pending = y26a.Pending[:1]
	ru = Roll([]*Received{{Path: "1.zip", Digest: y25}, {Path: "2.zip", Digest: y26a}, {Path: "3.zip", Digest: &approved}}, Options{Today: at(2027, 2, 11)})
	rows, _ = ru.Waiting()
	got = nil
	for _, r := range rows {
		got = append(got, r.Name)
	}
	if r := period(t, ru, 2026, 0).Rows[0]; len(r.Reports) != 1 || strings.Join(got, " ") != "乙一 甲一" {
		t.Errorf("after an approval: %d reports, waiting %v", len(r.Reports), got)
	}
}

// TestDigestBoundsRecordsRulesPending: a bundle's corrections, exempted
// members and pending measures are quoted and bounded like every bundle
// string.
func TestDigestBoundsRecordsRulesPending(t *testing.T) {
	long := strings.Repeat("长", 1000) + "\x1b[31m\u202e"
	var corrections []filing.Correction
	for i := range MaxChanges + 7 {
		corrections = append(corrections, filing.Correction{ID: fmt.Sprint(i), Name: "甲" + long, Change: "更正",
			Figures: []filing.CorrectionFigure{{Label: "季度积分" + long, Old: "80", New: "82"}}, Investigation: long})
	}
	s := &filing.Summary{Branch: "甲支部", Year: 2026, Period: "年度", AsOf: "2027-01-20",
		Posting: filing.Posting{State: "核实中", Corrections: corrections}, Grades: &filing.Grades{}}
	for i := range MaxPending + 3 {
		sub := "2027-01-20"
		s.Pending = append(s.Pending, filing.Pending{ID: fmt.Sprint(i), Name: long, Category: "正式党员", FinalGrade: "不合格", Measure: long, Submitted: &sub})
	}
	posted := "2027-01-16"
	d := NewDigest(&filing.Bundle{Summary: s, ContentHash: "x", Records: []filing.RecordHead{{Kind: "更正公示", Posted: posted, SHA256: "s", Changes: corrections}}})
	p := d.Posting
	if len(p.Awaiting) != MaxChanges || p.MoreAwaiting != 7 || len(p.Records[0].Changes) != MaxChanges || p.Records[0].MoreChanges != 7 {
		t.Fatalf("changes kept: %d+%d awaiting, %d+%d posted", len(p.Awaiting), p.MoreAwaiting, len(p.Records[0].Changes), p.Records[0].MoreChanges)
	}
	if len(d.Pending) != MaxPending || d.MorePending != 3 {
		t.Errorf("pending kept %d+%d", len(d.Pending), d.MorePending)
	}
	r := &filing.Rules{Branch: "乙支部", Year: 2026, AsOf: "2026-01-10"}
	for i := range MaxExempt + 2 {
		r.Exempt = append(r.Exempt, filing.ExemptMember{ID: fmt.Sprint(i), Name: "丙", Reason: long, Filing: long})
	}
	r.Items = []filing.RuleItem{{Code: "B1" + long, Kind: "基础", Name: long, Points: json.Number("10")}}
	rdg := NewDigest(&filing.Bundle{Rules: r, ContentHash: "y"})
	if len(rdg.Rules.Exempt) != MaxExempt || rdg.Rules.MoreExempt != 2 || rdg.Period != filing.PeriodRules {
		t.Errorf("exempt kept %d+%d", len(rdg.Rules.Exempt), rdg.Rules.MoreExempt)
	}
	for _, v := range []string{p.Awaiting[0].Name, p.Awaiting[0].Investigation, p.Awaiting[0].Figures[0].Label, p.Records[0].Changes[0].Investigation,
		d.Pending[0].Name, d.Pending[0].Measure, rdg.Rules.Exempt[0].Reason, rdg.Rules.Exempt[0].Filing, rdg.Rules.Items[0].Name, rdg.Rules.Items[0].Code} {
		if len(v) > 300 || strings.ContainsAny(v, "\x1b\u202e") {
			t.Errorf("a bundle string reached the roll-up as %q", v)
		}
	}
}

// TestFiguresIgnoreTime: two bundles of one period that differ only in
// when they were made, where the 公示 stands and what awaits approval
// have the same figures; another figure makes them differ.
func TestFiguresIgnoreTime(t *testing.T) {
	sub := "2027-01-20"
	a := &filing.Summary{Branch: "甲支部", Year: 2026, Period: "年度", AsOf: "2027-01-20", Grades: &filing.Grades{},
		Posting: filing.Posting{State: "公示中"}, Pending: []filing.Pending{{ID: "1", Measure: "除名", Submitted: &sub}},
		Members: []filing.Member{{ID: "1", Name: "甲", Annual: &filing.AnnualFigures{DeductionSum: "20"}}}}
	b := *a
	b.AsOf, b.Posting, b.Pending = "2027-03-01", filing.Posting{State: "已定稿"}, nil
	c := b
	c.Members = []filing.Member{{ID: "1", Name: "甲", Annual: &filing.AnnualFigures{DeductionSum: "25"}}}
	fa, fb, fc := figures(a), figures(&b), figures(&c)
	if fa != fb || fb == fc {
		t.Errorf("figures: rebuild equal %v, other figure differs %v", fa == fb, fb != fc)
	}
}
