package filing

import (
	"strings"
	"time"

	"github.com/jifen-dev/jifen/internal/model"
)

// What a branch files upward, to whom and by when (实施方案 六 第一阶段、
// 第四阶段、第五阶段) is declared here once: Write packs a bundle's documents in the
// order of its Duty's Contents, the committee page's 「备案报送」 table and
// the superior's period pages (internal/render) word it from the Duty,
// and a test in cmd/jifen holds README's and docs/filing.md's tables to it.

// Duty is what a branch files for one kind of period.
type Duty struct {
	To       string    // the office that receives the bundle
	When     string    // by when, as the scheme words the rule
	Contents []Content // the files of the bundle but manifest.json, in bundle order
}

// Content is one file of a bundle and what the committee calls it.
type Content struct {
	File  string // name in the zip
	Title string // what it is, in words
}

var (
	// QuarterDuty: each closed quarter goes to the 党建办 by the day its 公示
	// must start (六 第四阶段; model.PublicationDue).
	QuarterDuty = Duty{To: "党建办", When: "季度结束后次月 5 日前", Contents: []Content{
		{SummaryFile, "季度积分摘要"}, {NoticeFile, "公示通知"}, {SlipsFile, "积分核实单"}}}
	// YearDuty: the year goes to the 机关工委 once its grades are decided
	// and published (六 第五阶段); it has no date of its own.
	YearDuty = Duty{To: "机关工委", When: "年度等次确定并公示后", Contents: []Content{
		{SummaryFile, "年度积分与等次摘要"}, {NoticeFile, "年度评定结果公示"}, {RegisterFile, "年度综合积分登记表"}}}
	// RulesDuty: the year's 积分评定细则 goes to the 机关工委 「每年年初」
	// (六 第一阶段), with the members exempted from the scheme (三: 报上级
	// 党组织备案); RulesDueDate says by when that is.
	RulesDuty = Duty{To: "机关工委", When: "每年年初，第一季度报送期限前", Contents: []Content{
		{RulesFile, "年度积分评定细则（考核项目、设置）和不纳入积分管理人员"}}}
)

// RulesDueDate is the last day on which the 细则 bundle of year is on
// time. 六 第一阶段 says 「每年年初」 and no day; the scheme's first date of
// the year is the first quarter's report (the 5th of April, 六 第四阶段),
// which is also when the previous year's results are due (五(五) 「每年年初」,
// DueDate(year-1, 0)). The first quarter is scored under the year's 细则,
// so a 细则 filed after the figures it produced cannot have been 「年初」:
// 年初 ends with the first quarter's due date.
func RulesDueDate(year int) time.Time { return model.PublicationDue(year, 1) }

// RulesDue says by when the 细则 bundle of year goes up: 「2026年4月5日前」.
func RulesDue(year int) string { return model.DateCN(RulesDueDate(year)) + "前" }

// DutyOf is the duty of period q: a quarter for 1–4, the year for 0.
func DutyOf(q int) Duty {
	if q == 0 {
		return YearDuty
	}
	return QuarterDuty
}

// DueDate is the last day on which the bundle of period q of year is on
// time: a quarter's the day its 公示 must start by, the 5th of the next
// month (五(四), 六 第四阶段); the year's, decided once its grades are, the
// first quarter's of the next year (六 第五阶段). The superior's summary
// counts 按时 and 逾期 against it.
func DueDate(year, q int) time.Time {
	if q == 0 {
		return model.PublicationDue(year+1, 1)
	}
	return model.PublicationDue(year, q)
}

// Due says by when the branch sends the bundle of period q of year, as its
// committee page words it: the day for a quarter (「2026年4月5日前」), the
// rule for the year.
func Due(year, q int) string {
	if q == 0 {
		return YearDuty.When
	}
	return model.DateCN(DueDate(year, q)) + "前"
}

// Titles lists what the bundle holds, in words: 「季度积分摘要、公示通知、积分核实单」.
func (d Duty) Titles() string {
	var ts []string
	for _, c := range d.Contents {
		ts = append(ts, c.Title)
	}
	return strings.Join(ts, "、")
}
