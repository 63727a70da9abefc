package render

import (
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
		return dg
	}
	recv := []*summary.Received{
		{Path: "备案/甲/q1.zip", Digest: d("中共示例局机关第一党支部", "Q1", "2026-04-10", "2026-04-03", "2026-04-05", 39, 306050)},
		{Path: "备案/甲/q1-copy.zip", Digest: d("中共示例局机关第一党支部", "Q1", "2026-04-10", "2026-04-03", "2026-04-05", 39, 306050)},
		{Path: "备案/甲/q2.zip", Digest: d("中共示例局机关第一党支部", "Q2", "2026-07-10", "2026-07-06", "2026-07-08", 39, 300000)},
		{Path: "备案/甲/年度.zip", Digest: d("中共示例局机关第一党支部", "年度", "2027-01-20", "2027-01-15", "2027-01-17", 39, 0)},
		{Path: "备案/乙/q1.zip", Digest: d("中共示例局后勤党支部", "Q1", "2026-04-10", "2026-04-01", "2026-04-02", 12, 90000)},
		{Path: "备案/乙/q1-更正.zip", Digest: d("中共示例局后勤党支部", "Q1", "2026-05-02", "2026-04-01", "2026-04-03", 12, 91000)},
		{Path: "备案/乙/q2.zip", Problem: &filing.Problem{File: "notice.pdf", Message: "内容与 manifest.json 记录的 SHA-256 不符：文件被修改过或已损坏",
			Claimed: &filing.Identity{Branch: "中共示例局后勤党支部", Year: 2026, Period: "Q2"}}},
		{Path: "备案/丙/q2.zip", Digest: d("中共示例局信息中心党支部<测试>", "Q2", "2026-07-10", "2026-07-01", "2026-07-03", 8, 64000)},
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
	// branch as 未报送), the year, the home page and one page per branch.
	if want := 1 + 5 + len(ru.Branches); n != want {
		t.Errorf("wrote %d pages, want %d", n, want)
	}
	files := readTree(t, dir)
	first := ru.Branches[0]
	for name, g := range map[string]string{
		"index.html":       "summary-home.html",
		"2026/q1.html":     "summary-q1.html",
		"2026/annual.html": "summary-annual.html",
		BranchHref(first):  "summary-branch.html",
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
	if !strings.Contains(files["index.html"], "中共示例局信息中心党支部&lt;测试&gt;") {
		t.Error("a branch name is not escaped")
	}
}
