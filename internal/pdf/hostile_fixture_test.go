package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// hostile is every text field a workbook gives the documents, for the
// reproducers of issue 24 and FuzzDocuments. The documents are made from
// a register scored by the real scorer (fixture + score.Score), so what
// they are given is what a build gives them.
type hostile struct {
	Name, Group, Role, ID string // one member's 姓名, 党小组, 职务, 编号
	Reason                string // every 事由 and 理由 of that member's rows
	Item                  string // the name of the items that member's rows use
	Branch                string // 支部名称
	Setting               string // every other text setting: 上级党组织, 支部书记, 积分管理员, 异议受理, 方案名称
	Objection             string // 异议事项 and 调查结果
	Others                int    // ordinary members beside it
	Ranks, Activist       bool   // 公示排名=是; the member is an 入党积极分子
}

// year builds and scores the hostile register: a closed year in which the
// hostile member has entries, a claim and a deduction in every quarter, a
// 民主评议 row and a decision, beside Others ordinary members.
func (h hostile) year() *model.Result {
	const y = 2025
	b := fixture.NewYear(y)
	s := &b.Y.Settings
	s.Branch = h.Branch
	s.Superior, s.Secretary, s.Administrator, s.ObjectionContact, s.Scheme = h.Setting, h.Setting, h.Setting, h.Setting, h.Setting
	s.ShowRanks = h.Ranks
	s.GradesDecided = true
	for _, it := range b.Y.Items {
		if it.Code == "B2" || it.Code == "R2" || it.Code == "D2" {
			it.Name = h.Item
		}
	}
	cat := model.Full
	if h.Activist {
		cat = model.Activist
	}
	m := b.Member(h.ID, h.Name, cat, h.Group, h.Role)
	for q := 1; q <= 4; q++ {
		mo := time.Month(3*q - 1)
		b.Entry(m, mo, 3, "B1", 10, "支部党员大会")
		b.Entry(m, mo, 5, "B2", 2, h.Reason)
		b.Entry(m, mo, 7, "R1", 1, h.Reason)
		it := b.Y.Item("R2")
		b.Y.Claims = append(b.Y.Claims, &model.Claim{Pos: b.Pos("奖励申报"), Date: b.Date(mo, 9), Member: m, Item: it,
			Reason: h.Reason, Claimed: it.Points, Proof: h.Reason, GroupOpinion: model.Approved, Decision: model.Approved,
			Awarded: it.Points, Quarter: q})
		d := b.Y.Item("D2")
		b.Y.Deductions = append(b.Y.Deductions, &model.DeductionEntry{Pos: b.Pos("违规扣分"), Date: b.Date(mo, 11), Member: m,
			Item: d, Points: d.Points, Reason: h.Reason, Source: h.Reason, Basis: h.Reason})
	}
	b.Evaluate(m, 90, 90)
	b.Y.Decisions = append(b.Y.Decisions, &model.Decision{Pos: b.Pos("等次确定"), Member: m, Grade: model.Excellent,
		Reason: h.Reason, Interviewer: h.Setting, Date: b.Date(time.December, 28)})
	b.Y.Objections = append(b.Y.Objections, &model.Objection{Pos: b.Pos("异议处理"), Received: b.Date(time.April, 2), Quarter: 1,
		Member: m, Matter: h.Objection, Investigation: h.Objection, Outcome: "维持", Feedback: b.Date(time.April, 3), Status: "已反馈"})
	groups := []string{"第一党小组", "第二党小组", "第三党小组"}
	for i := range h.Others {
		o := b.Member(fmt.Sprintf("D%03d", i+2), testNames[i%len(testNames)], model.Full, groups[i%len(groups)], "")
		b.Steady(o, 60+5*(i%4), 2*(i%4))
		b.Evaluate(o, int64(70+i%30), 80)
	}
	res, _ := score.Score(b.Y, fixture.ClosedAsOf(y))
	return res
}

// demoDoc is one of the documents a build makes, for a scored year.
type demoDoc struct {
	name   string
	render func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error)
}

// everyDocument lists every PDF the package makes: each quarter's notice
// and slips, the annual notice and the annual register.
func everyDocument() []demoDoc {
	var ds []demoDoc
	for q := 1; q <= 4; q++ {
		ds = append(ds,
			demoDoc{"notice-q" + strconv.Itoa(q), func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
				return QuarterNotice(w, res, q, o)
			}},
			demoDoc{"slips-q" + strconv.Itoa(q), func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
				return Slips(w, res, q, o)
			}})
	}
	return append(ds,
		demoDoc{"annual-notice", func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return AnnualNotice(w, res, o)
		}},
		demoDoc{"register", func(w *bytes.Buffer, res *model.Result, o Options) (model.Findings, error) {
			return AnnualRegister(w, res, o)
		}})
}

// Budgets of one document's render: far beyond what any document needs,
// they only turn a hang into a failure before it eats the machine.
const (
	docTime = 10 * time.Second
	docHeap = 1 << 30
)

// renderGuarded renders a document under the watchdog and returns its
// bytes and number of pages.
// Every table it lays out is held to the column floor: no column narrower
// than one character, none reaching past the right margin. Callers must
// not run in parallel (the check is a package-level hook).
func renderGuarded(t testing.TB, d demoDoc, res *model.Result, o Options) ([]byte, int) {
	t.Helper()
	var narrow []string
	tableMade = func(tb *table) {
		floor, sum := tb.d.oneChar(tb.pt), 0.0
		for _, c := range tb.cols {
			sum += c.w
			if c.w < floor {
				narrow = append(narrow, fmt.Sprintf("column %q is %.1f mm, less than one character (%.1f mm)", c.head, c.w, floor))
			}
		}
		if sum > tb.d.contentW()+0.01 {
			narrow = append(narrow, fmt.Sprintf("columns %.1f mm wide, the page %.1f mm", sum, tb.d.contentW()))
		}
	}
	defer func() { tableMade = nil }()
	var buf bytes.Buffer
	var err error
	watch(d.name, docTime, docHeap, func() { _, err = d.render(&buf, res, o) })
	if err != nil {
		t.Fatalf("%s: %v", d.name, err)
	}
	for _, n := range narrow {
		t.Errorf("%s: %s", d.name, n)
	}
	return buf.Bytes(), pageCount(t, buf.Bytes())
}

var countRE = regexp.MustCompile(`/Type /Pages\n/Kids \[[^\]]*\]\n/Count (\d+)`)

// pageCount reads the page count from an uncompressed document's page tree.
func pageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	m := countRE.FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no page tree in the document")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}
