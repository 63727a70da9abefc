package render

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/filing"
	"github.com/jifen-dev/jifen/internal/golden"
	"github.com/jifen-dev/jifen/internal/summary"
)

// summaryFixture is a roll-up of three branches over two quarters and the
// year: late and short publications, a correction, a copy, a bundle that
// failed and a branch that did not file.
func summaryFixture() *summary.Rollup {
	d := func(branch, period, asOf, start, end string, members int, sum int64) *summary.Digest {
		dg := &summary.Digest{Branch: branch, Superior: "中共示例市直属机关工作委员会", Year: 2026, Period: period, AsOf: asOf,
			ContentHash: strings.Repeat(string(rune('a'+len(branch)%6)), 4) + start + asOf, Start: start, End: end,
			Roster: members + 1, Exempt: 1, Members: members, TotalSum: sum, Deducted: 1,
			Objections: filing.Objections{Received: 2, Corrected: 1, Open: 1}, Quota: "0.15"}
		dg.Figures = dg.ContentHash
		dg.Notice = summary.DocPath(dg, filing.NoticeFile)
		if period == filing.PeriodYear {
			dg.Register = summary.DocPath(dg, filing.RegisterFile)
			dg.Graded = members - 1
			dg.Grades = filing.Grades{Excellent: 2, Qualified: members - 5, Basic: 1, Unqualified: 1, ExcellentLimit: 1}
			dg.FollowUps = []summary.FollowUp{
				{ID: "D031", Name: "潘振宇", Category: "正式党员", Group: "第三党小组", Grade: "基本合格", Total: "68.5", Actions: []string{"提醒谈话（谈话人：曾凡荣）"}},
				{ID: "D040", Name: "田润泽", Category: "预备党员", Group: "第一党小组", Grade: "不合格", Total: "55", Actions: []string{"报上级党组织审批处置", "延长预备期或取消预备党员资格"}},
			}
		}
		// Posted on the first day its notice states, chained to nothing
		// the superior holds (the records of other periods).
		dg.Posting = &summary.Posting{State: "已定稿", Records: []*summary.Record{{Kind: "公示", Posted: start, Start: start, End: end,
			SHA256: "sha-" + branch + period, Previous: "sha-" + branch + "before" + period}}}
		return dg
	}
	rules := func(branch string, year int, asOf string, items []summary.RuleItem, exempt []summary.Exempt) *summary.Digest {
		dg := &summary.Digest{Branch: branch, Year: year, Period: filing.PeriodRules, AsOf: asOf, ContentHash: fmt.Sprintf("rules%d%s", year, asOf),
			Roster: 40, Exempt: len(exempt), Rules: &summary.RulesDigest{Items: items, Roster: 40, Exempt: exempt,
				Settings: []summary.RuleSetting{{Item: "基础分满分", Value: "80", Default: true}, {Item: "优秀比例上限", Value: map[int]string{2025: "15%", 2026: "20%"}[year]},
					{Item: "第一季度公示日期", Value: fmt.Sprintf("%d-04-03", year)}}}}
		dg.Figures = dg.ContentHash
		return dg
	}
	base := []summary.RuleItem{{Code: "B01", Kind: "基础", Name: "参加支部党员大会", Points: "10", QuarterCap: "10"},
		{Code: "R01", Kind: "奖励", Name: "志愿服务", Points: "2", QuarterCap: "6", NeedsProof: true},
		{Code: "K01", Kind: "扣分", Name: "无故缺席", Points: "5"}}
	changed := []summary.RuleItem{base[0], {Code: "R01", Kind: "奖励", Name: "参加志愿服务", Points: "3", QuarterCap: "6", NeedsProof: true},
		{Code: "R02", Kind: "奖励", Name: "获得表彰", Points: "5"}}
	retiree := []summary.Exempt{{ID: "D039", Name: "魏长林", Category: "正式党员", Group: "第三党小组", Reason: "退休后长期随子女在外地居住", Filing: "2024年3月报机关党委备案"}}
	q2 := d("中共示例局机关第一党支部", "Q2", "2026-07-10", "2026-07-06", "2026-07-08", 39, 300000)
	q2.Posting.Records[0].Posted = "2026-07-06" // after the 5th: 逾期
	year := d("中共示例局机关第一党支部", "年度", "2027-01-20", "2027-01-15", "2027-01-17", 39, 0)
	year.Pending = []summary.PendingMeasure{{ID: "D040", Name: "田润泽", Category: "预备党员", Grade: "不合格", Measure: "取消预备党员资格", Submitted: "2027-01-22"},
		{ID: "D031", Name: "潘振宇", Category: "正式党员", Grade: "基本合格", Measure: "限期改正"}}
	fixed := d("中共示例局后勤党支部", "Q1", "2026-05-02", "2026-04-01", "2026-04-03", 12, 91000)
	fixed.Posting.Records = append(fixed.Posting.Records, &summary.Record{Kind: "更正公示", Posted: "2026-04-20", Start: "2026-04-20", End: "2026-04-22",
		SHA256: "sha-fix", Previous: "sha-中共示例局后勤党支部Q1", Changes: []summary.Change{{ID: "H007", Name: "赵敏", Change: "更正",
			Figures: []summary.FigureChange{{Label: "基础积分", Old: "70", New: "80"}, {Label: "季度积分", Old: "72", New: "82"}}, Investigation: "漏记一次党员大会，已补记"}}})
	unrecorded := d("中共示例局信息中心党支部<测试>", "Q2", "2026-07-10", "2026-07-01", "2026-07-03", 8, 64000)
	unrecorded.Posting = nil
	recv := []*summary.Received{
		{Path: "备案/甲/细则-2025.zip", Digest: rules("中共示例局机关第一党支部", 2025, "2025-01-10", base, retiree)},
		{Path: "备案/甲/细则-2026.zip", Digest: rules("中共示例局机关第一党支部", 2026, "2026-04-06", changed, retiree)},
		{Path: "备案/甲/q1.zip", Digest: d("中共示例局机关第一党支部", "Q1", "2026-04-10", "2026-04-03", "2026-04-05", 39, 306050)},
		{Path: "备案/甲/q1-copy.zip", Digest: d("中共示例局机关第一党支部", "Q1", "2026-04-10", "2026-04-03", "2026-04-05", 39, 306050)},
		{Path: "备案/甲/q2.zip", Digest: q2},
		{Path: "备案/甲/年度.zip", Digest: year},
		{Path: "备案/乙/q1.zip", Digest: d("中共示例局后勤党支部", "Q1", "2026-04-10", "2026-04-01", "2026-04-02", 12, 90000)},
		{Path: "备案/乙/q1-更正.zip", Digest: fixed},
		{Path: "备案/乙/q2.zip", Problem: &filing.Problem{File: "notice.pdf", Message: "内容与 manifest.json 记录的 SHA-256 不符：文件被修改过或已损坏",
			Claimed: &filing.Identity{Branch: "中共示例局后勤党支部", Year: 2026, Period: "Q2"}}},
		{Path: "备案/丙/q2.zip", Digest: unrecorded},
		{Path: "备案/照片.zip", Problem: &filing.Problem{Message: "zip 中既没有 manifest.json，也没有 summary.json", Foreign: true}},
	}
	return summary.Roll(recv, summary.Options{Today: time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC)})
}

func TestSummaryPagesGolden(t *testing.T) {
	dir := t.TempDir()
	ru := summaryFixture()
	n, err := SummaryPages(dir, &SummaryInput{Rollup: ru, Now: time.Date(2027, 2, 3, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	// Q1–Q4 (the annual bundle closes the year, so Q3 and Q4 list every
	// branch as 未报送) and the year of 2026, the same of 2025 (a branch is
	// expected from its first bundle on: 甲's 2025 细则), the 细则 of 2025,
	// 2026 and 2027, the home page and one page per branch.
	if want := 1 + 5 + 5 + 3 + len(ru.Branches); n != want {
		t.Errorf("wrote %d pages, want %d", n, want)
	}
	files := readTree(t, dir)
	first := ru.Branches[0]
	for name, g := range map[string]string{
		"index.html":               "summary-home.html",
		"2026/q1.html":             "summary-q1.html",
		"2026/annual.html":         "summary-annual.html",
		"2026/rules.html":          "summary-rules.html",
		BranchHref(first):          "summary-branch.html",
		BranchHref(ru.Branches[1]): "summary-branch-rules.html",
	} {
		golden.Check(t, g+".golden", []byte(files[name]))
	}
	// Every link resolves (the workbook is written by the pipeline).
	if err := os.WriteFile(filepath.Join(dir, "汇总.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if pages, links := checkLinks(t, dir); pages != n || links < 60 {
		t.Errorf("checked %d pages and %d links", pages, links)
	}
	home := files["index.html"]
	for _, want := range []string{"备案/照片.zip", "不是 jifen 备案包", "备案/乙/q1.zip", "以较晚者为准", "重复报送"} {
		if !strings.Contains(home, want) {
			t.Errorf("home page lacks %q", want)
		}
	}
	// The superior's to-do list comes first, the submitted measure before
	// the one still to be submitted.
	w, f := strings.Index(home, `id="waiting"`), strings.Index(home, `class="facts"`)
	if w < 0 || w > f || strings.Index(home, "田润泽") > strings.Index(home, "潘振宇") {
		t.Error("the pending approvals are not first on the home page, oldest submitted first")
	}
	// The branch page shows the 更正公示's change from its record.
	if b := files[BranchHref(first)]; !strings.Contains(b, "赵敏（H007）基础积分 70 → 80，季度积分 72 → 82；调查结果：漏记一次党员大会，已补记") {
		t.Errorf("%s's page lacks the 更正公示's change", first.Name)
	}
	if !strings.Contains(files["index.html"], "中共示例局信息中心党支部&lt;测试&gt;") {
		t.Error("a branch name is not escaped")
	}
}
