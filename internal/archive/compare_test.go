package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jifen-dev/jifen/internal/fixture"
	"github.com/jifen-dev/jifen/internal/model"
	"github.com/jifen-dev/jifen/internal/score"
)

// branch is a small 2026 register: three members with first-quarter
// entries, scored as of asOf.
type branch struct {
	b       *fixture.Builder
	members map[string]*model.Member
}

func newBranch() *branch {
	b := fixture.NewYear(2026)
	br := &branch{b: b, members: map[string]*model.Member{}}
	for _, m := range []struct{ id, name, group string }{
		{"D001", "张明", "第一党小组"}, {"D002", "李华", "第一党小组"}, {"D003", "王芳", "第二党小组"},
	} {
		br.members[m.id] = b.Member(m.id, m.name, model.Full, m.group, "")
	}
	b.Entry(br.members["D001"], 2, 10, "B1", 8, "支部党员大会") // 40
	b.Entry(br.members["D002"], 2, 10, "B1", 9, "支部党员大会") // 45
	b.Entry(br.members["D003"], 2, 10, "B1", 7, "支部党员大会") // 35
	b.Entry(br.members["D003"], 2, 15, "R1", 2, "志愿服务")   // 4
	return br
}

// score scores the register as of a day.
func (br *branch) score(asOf time.Time) *model.Result {
	res, _ := score.Score(br.b.Y, asOf)
	return res
}

// deduct adds a 违规扣分 row of item D2 (10 points).
func (br *branch) deduct(id string, d time.Time) {
	br.b.Y.Deductions = append(br.b.Y.Deductions, &model.DeductionEntry{Pos: br.b.Pos("违规扣分"), Date: d,
		Member: br.members[id], Item: br.b.Y.Item("D2"), Points: model.P(10), Reason: "违反工作纪律", Source: model.SourceCommittee})
}

// objection adds a 异议处理 row.
func (br *branch) objection(id string, q int, received time.Time, outcome, status, investigation string) *model.Objection {
	o := &model.Objection{Pos: br.b.Pos("异议处理"), Received: received, Quarter: q, Member: br.members[id],
		Matter: "对公示有异议", Investigation: investigation, Outcome: outcome, Status: status}
	if status == model.StatusAnswered {
		o.Feedback = received.AddDate(0, 0, 2)
	}
	br.b.Y.Objections = append(br.b.Y.Objections, o)
	return o
}

// post makes the record of period q of res as `jifen post` would: the
// published figures, a 公示期 of 3 days from posted, chained after prev.
func post(t *testing.T, res *model.Result, q int, kind model.PostKind, posted time.Time, prev *model.Record, changes ...model.Change) *model.Record {
	t.Helper()
	r := &model.Record{Branch: res.Year.Settings.Branch, Year: res.Year.Year, Period: q, Kind: kind,
		Posted: posted, Start: posted, End: posted.AddDate(0, 0, 2), RecordedAt: posted.Add(9 * time.Hour),
		PDFSize: 1, PDFSHA256: strings.Repeat("ab", 32), Members: Published(res, q), Changes: changes}
	r.Name = model.RecordName(r.Year, q, kind, posted, 1)
	r.File = "data/2026/公示存档/" + r.Name + ".json"
	if prev != nil {
		r.Previous = prev.SHA256
	}
	b, err := Encode(r)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	r.SHA256 = hex.EncodeToString(sum[:])
	return r
}

func day(m time.Month, d int) time.Time { return model.NewDate(2026, m, d) }

func errorsOf(fs model.Findings) []string {
	var out []string
	for _, f := range fs {
		if f.Level == model.Error {
			out = append(out, f.String())
		}
	}
	return out
}

// TestAttach holds a quarter's figures against its posted record: every
// case of SPEC §11's comparison.
func TestAttach(t *testing.T) {
	posted := day(4, 3)
	tests := []struct {
		name string
		// edit changes the register after the posting (the record holds
		// the figures from before).
		edit  func(br *branch)
		asOf  time.Time
		state model.PeriodState
		// pending lists the changes of the 更正公示 awaiting posting as
		// ChangeText; errs the errors' messages, in part.
		pending []string
		errs    []string
	}{
		{name: "unchanged, inside the 公示期", asOf: day(4, 5), state: model.StatePosted},
		{name: "unchanged, 公示期 over", asOf: day(4, 6), state: model.StateFinal},
		{name: "unchanged, an objection still open", asOf: day(4, 20), state: model.StateVerifying,
			edit: func(br *branch) { br.objection("D001", 1, day(4, 4), "", model.StatusOpen, "") }},
		{name: "unchanged, objection upheld", asOf: day(4, 20), state: model.StateFinal,
			edit: func(br *branch) {
				br.objection("D001", 1, day(4, 4), model.OutcomeUpheld, model.StatusAnswered, "认定无误")
			}},
		{name: "changed and explained", asOf: day(4, 20), state: model.StateVerifying,
			edit: func(br *branch) {
				br.b.Entry(br.members["D001"], 3, 12, "B3", 1, "党课") // +6
				br.objection("D001", 1, day(4, 4), model.OutcomeCorrected, model.StatusAnswered, "确系漏登，已补登记")
			},
			pending: []string{"张明（D001）基础积分 40 → 46，季度积分 40 → 46"}},
		{name: "changed and explained, still inside the 公示期", asOf: day(4, 5), state: model.StatePosted,
			edit: func(br *branch) {
				br.b.Entry(br.members["D001"], 3, 12, "B3", 1, "党课")
				br.objection("D001", 1, day(4, 3), model.OutcomeCorrected, model.StatusAnswered, "确系漏登")
			},
			pending: []string{"张明（D001）基础积分 40 → 46，季度积分 40 → 46"}},
		{name: "changed, no objection", asOf: day(4, 20),
			edit: func(br *branch) { br.deduct("D002", day(3, 12)) },
			errs: []string{"2026年第一季度公示已于2026年4月3日张贴，不能悄悄改动：李华（D002）违规扣分 0 → 10，季度积分 45 → 35。"}},
		{name: "changed, the objection was upheld", asOf: day(4, 20),
			edit: func(br *branch) {
				br.deduct("D002", day(3, 12))
				br.objection("D002", 1, day(4, 4), model.OutcomeUpheld, model.StatusAnswered, "维持")
			},
			errs: []string{"李华（D002）违规扣分 0 → 10"}},
		{name: "changed, the 更正 row predates the posting", asOf: day(4, 20),
			edit: func(br *branch) {
				br.deduct("D002", day(3, 12))
				br.objection("D002", 1, day(4, 2), model.OutcomeCorrected, model.StatusAnswered, "更正")
			},
			errs: []string{"李华（D002）违规扣分 0 → 10"}},
		{name: "changed, the 更正 row is about another quarter", asOf: day(4, 20),
			edit: func(br *branch) {
				br.deduct("D002", day(3, 12))
				br.objection("D002", 2, day(4, 4), model.OutcomeCorrected, model.StatusAnswered, "更正")
			},
			errs: []string{"李华（D002）违规扣分 0 → 10"}},
		{name: "changed, the 更正 row is about another member", asOf: day(4, 20),
			edit: func(br *branch) {
				br.deduct("D002", day(3, 12))
				br.objection("D001", 1, day(4, 4), model.OutcomeCorrected, model.StatusAnswered, "更正")
			},
			errs: []string{"李华（D002）违规扣分 0 → 10"}},
		{name: "member added", asOf: day(4, 20),
			edit: func(br *branch) {
				m := br.b.Member("D004", "赵强", model.Probation, "第二党小组", "")
				br.members["D004"] = m
				br.b.Entry(m, 3, 1, "B1", 6, "支部党员大会")
			},
			errs: []string{"赵强（D004）原公示中没有，现在列出（基础积分 30，奖励积分 0，违规扣分 0，季度积分 30）"}},
		{name: "member added and explained", asOf: day(4, 20), state: model.StateVerifying,
			edit: func(br *branch) {
				m := br.b.Member("D004", "赵强", model.Probation, "第二党小组", "")
				br.members["D004"] = m
				br.b.Entry(m, 3, 1, "B1", 6, "支部党员大会")
				br.objection("D004", 1, day(4, 5), model.OutcomeCorrected, model.StatusAnswered, "转入手续已于3月1日办结，漏列")
			},
			pending: []string{"赵强（D004）原公示中没有，现在列出（基础积分 30，奖励积分 0，违规扣分 0，季度积分 30）"}},
		{name: "member removed", asOf: day(4, 20),
			edit: func(br *branch) { br.members["D003"].Exempt = true },
			errs: []string{"王芳（D003）原公示中有（基础积分 35，奖励积分 4，违规扣分 0，季度积分 39），现在不再列出"}},
		{name: "posted after the as-of day: not posted yet", asOf: day(4, 2), state: model.StateDue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := newBranch()
			rec := post(t, br.score(day(4, 3)), 1, model.PostNotice, posted, nil)
			if tt.edit != nil {
				tt.edit(br)
			}
			res := br.score(tt.asOf)
			fs := Attach(res, []*model.Record{rec})
			errs := errorsOf(fs)
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %q, want %d", errs, len(tt.errs))
			}
			for i, want := range tt.errs {
				if !strings.Contains(errs[i], want) || !strings.HasPrefix(errs[i], rec.File+": ") {
					t.Errorf("error %d = %q, want it at %s saying …%s…", i, errs[i], rec.File, want)
				}
				if !strings.Contains(errs[i], "请恢复登记簿中的数据") || !strings.Contains(errs[i], "异议处理") {
					t.Errorf("error %d does not say what to do: %q", i, errs[i])
				}
			}
			if tt.errs != nil {
				return
			}
			pub := res.Pub(1)
			if pub.State != tt.state {
				t.Errorf("state = %s, want %s", pub.State, tt.state)
			}
			var pending []string
			for _, c := range pub.Pending {
				pending = append(pending, ChangeText(c))
				if c.Investigation == "" {
					t.Errorf("pending change of %s without 调查结果", c.ID)
				}
			}
			if fmt.Sprint(pending) != fmt.Sprint(tt.pending) {
				t.Errorf("pending = %q, want %q", pending, tt.pending)
			}
			if len(pub.Pending) > 0 {
				o := pub.Pending[0].Objection
				if !pub.CorrectionStart.Equal(o.Feedback) || !pub.CorrectionEnd.Equal(o.Feedback.AddDate(0, 0, 2)) {
					t.Errorf("correction 公示期 %s–%s, want from the 反馈日期 %s for 3 days",
						model.DateString(pub.CorrectionStart), model.DateString(pub.CorrectionEnd), model.DateString(o.Feedback))
				}
				if !pub.Corrected(pub.Pending[0].ID) || pub.Corrected("D999") {
					t.Error("Corrected does not name the pending change")
				}
			}
		})
	}
}

// TestCorrectionOfCorrection: after a 更正公示 is posted it is the record a
// build compares with, and the row that explained it explains nothing
// later — a second change needs its own row, dated after the correction.
func TestCorrectionOfCorrection(t *testing.T) {
	br := newBranch()
	first := post(t, br.score(day(4, 3)), 1, model.PostNotice, day(4, 3), nil)
	br.b.Entry(br.members["D001"], 3, 12, "B3", 1, "党课")
	br.objection("D001", 1, day(4, 4), model.OutcomeCorrected, model.StatusAnswered, "确系漏登，已补登记")
	res := br.score(day(4, 10))
	if fs := Attach(res, []*model.Record{first}); len(errorsOf(fs)) > 0 || len(res.Pub(1).Pending) != 1 {
		t.Fatalf("first correction: errors %q, pending %d", errorsOf(fs), len(res.Pub(1).Pending))
	}
	corr := post(t, res, 1, model.PostCorrection, day(4, 10), first, res.Pub(1).Pending...)
	chain := []*model.Record{first, corr}

	// Posted: nothing pending, the correction's own 公示期, then 已定稿.
	for _, tt := range []struct {
		asOf  time.Time
		state model.PeriodState
	}{{day(4, 11), model.StatePosted}, {day(4, 13), model.StateFinal}} {
		res := br.score(tt.asOf)
		if fs := Attach(res, chain); len(errorsOf(fs)) > 0 {
			t.Fatalf("as of %s: %q", model.DateString(tt.asOf), errorsOf(fs))
		}
		if p := res.Pub(1); p.State != tt.state || len(p.Pending) != 0 || len(p.Records) != 2 || !p.Corrected("D001") {
			t.Errorf("as of %s: state %s, pending %d, records %d", model.DateString(tt.asOf), p.State, len(p.Pending), len(p.Records))
		}
	}

	// A second change of the same member: the first row is older than the
	// correction, so it does not explain this one.
	br.b.Entry(br.members["D001"], 3, 20, "R1", 1, "志愿服务")
	res = br.score(day(4, 20))
	errs := errorsOf(Attach(res, chain))
	if len(errs) != 1 || !strings.Contains(errs[0], "张明（D001）奖励积分 0 → 2，季度积分 46 → 48") ||
		!strings.Contains(errs[0], "含2026年4月10日张贴的更正公示") || !strings.HasPrefix(errs[0], corr.File) {
		t.Fatalf("second change without its own row: %q", errs)
	}
	br.objection("D001", 1, day(4, 12), model.OutcomeCorrected, model.StatusAnswered, "志愿服务漏登")
	res = br.score(day(4, 20))
	if errs := errorsOf(Attach(res, chain)); len(errs) > 0 {
		t.Fatalf("second change with its row: %q", errs)
	}
	p := res.Pub(1)
	if len(p.Pending) != 1 || ChangeText(p.Pending[0]) != "张明（D001）奖励积分 0 → 2，季度积分 46 → 48" || p.Pending[0].Investigation != "志愿服务漏登" {
		t.Errorf("second correction pending = %+v", p.Pending)
	}
}

// annualBranch is newBranch with every member evaluated and the year's
// grades decided.
func annualBranch() *branch {
	br := newBranch()
	for _, id := range []string{"D001", "D002", "D003"} {
		br.b.Evaluate(br.members[id], 90, 90)
	}
	br.b.Y.Settings.GradesDecided = true
	return br
}

var (
	annualPosted = model.NewDate(2027, 1, 15)
	annualAsOf   = model.NewDate(2027, 2, 1)
)

// TestAttachAnnual: the annual record is explained by a 更正 row of the
// member for 年度 or for any quarter of the year; a grade held 待定 by an
// open objection when posted is settled by answering it.
func TestAttachAnnual(t *testing.T) {
	tests := []struct {
		name    string
		before  func(br *branch) // before the posting
		after   func(br *branch)
		pending []string
		errs    []string
	}{
		{name: "unchanged"},
		{name: "a quarter's correction after the posting explains it",
			after: func(br *branch) {
				br.b.Entry(br.members["D001"], 8, 12, "B3", 2, "党课") // +12 in Q3: +3 on the average
				br.objection("D001", 3, model.NewDate(2027, 1, 16), model.OutcomeCorrected, model.StatusAnswered, "三季度党课漏登")
			},
			pending: []string{"张明（D001）季度平均分 10 → 13，基础平均分 10 → 13，综合得分 19 → 22"}},
		{name: "a 年度 correction explains it",
			after: func(br *branch) {
				br.b.Entry(br.members["D001"], 8, 12, "B3", 2, "党课")
				br.objection("D001", 0, model.NewDate(2027, 1, 16), model.OutcomeCorrected, model.StatusAnswered, "核实后更正")
			},
			pending: []string{"张明（D001）季度平均分 10 → 13，基础平均分 10 → 13，综合得分 19 → 22"}},
		{name: "a quarter's correction from before the annual posting does not",
			after: func(br *branch) {
				br.b.Entry(br.members["D001"], 8, 12, "B3", 2, "党课")
				br.objection("D001", 3, model.NewDate(2026, 10, 6), model.OutcomeCorrected, model.StatusAnswered, "三季度党课漏登")
			},
			errs: []string{"2026年度评定结果公示已于2027年1月15日张贴，不能悄悄改动：张明（D001）季度平均分 10 → 13"}},
		{name: "held 待定 when posted, settled since",
			before: func(br *branch) { br.objection("D002", 0, model.NewDate(2027, 1, 10), "", model.StatusOpen, "") },
			after: func(br *branch) {
				o := br.b.Y.Objections[0]
				o.Status, o.Outcome, o.Investigation, o.Feedback = model.StatusAnswered, model.OutcomeUpheld, "评定无误", model.NewDate(2027, 1, 18)
			},
			pending: []string{"李华（D002）等次 待定 → 不合格"}},
		{name: "an objection opened after the posting holds nothing back",
			after: func(br *branch) { br.objection("D003", 0, model.NewDate(2027, 1, 16), "", model.StatusOpen, "") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			br := annualBranch()
			if tt.before != nil {
				tt.before(br)
			}
			rec := post(t, br.score(annualPosted), 0, model.PostNotice, annualPosted, nil)
			if tt.after != nil {
				tt.after(br)
			}
			res := br.score(annualAsOf)
			errs := errorsOf(Attach(res, []*model.Record{rec}))
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %q, want %d", errs, len(tt.errs))
			}
			for i, want := range tt.errs {
				if !strings.Contains(errs[i], want) || !strings.Contains(errs[i], "年度（或本年度任一季度）") {
					t.Errorf("error %d = %q, want …%s…", i, errs[i], want)
				}
			}
			var pending []string
			for _, c := range res.Pub(0).Pending {
				pending = append(pending, ChangeText(c))
			}
			if fmt.Sprint(pending) != fmt.Sprint(tt.pending) {
				t.Errorf("pending = %q, want %q", pending, tt.pending)
			}
		})
	}
}

// TestHeldGrade: an objection to a member's annual result still 受理中 keeps
// his grade 待定 in what the public sees, and only there.
func TestHeldGrade(t *testing.T) {
	br := annualBranch()
	br.objection("D002", 0, model.NewDate(2027, 1, 10), "", model.StatusOpen, "")
	br.objection("D003", 4, model.NewDate(2027, 1, 10), "", model.StatusOpen, "") // a quarter's: not the grade
	res := br.score(annualAsOf)
	got := map[string]string{}
	for _, m := range Published(res, 0) {
		got[m.ID] = m.Value(model.FigGrade)
	}
	if got["D001"] != "不合格" || got["D002"] != model.LabelPending || got["D003"] != "不合格" {
		t.Errorf("published grades = %v, want D002 待定 only", got)
	}
	if m := res.Member("D002"); m.FinalLabel() != "不合格" {
		t.Errorf("the committee's label = %s, want the grade", m.FinalLabel())
	}
}

// TestDueWarning: a closed quarter without a record is 待张贴, and from the
// 5th of the next month a warning that says how to record the posting.
func TestDueWarning(t *testing.T) {
	for _, tt := range []struct {
		asOf time.Time
		warn bool
	}{{day(4, 1), false}, {day(4, 4), false}, {day(4, 5), true}, {day(9, 1), true}} {
		res := newBranch().score(tt.asOf)
		fs := Attach(res, nil)
		var warns []string
		for _, f := range fs {
			if f.Level == model.Warning {
				warns = append(warns, f.String())
			}
		}
		if res.Pub(1).State != model.StateDue {
			t.Errorf("as of %s: state %s", model.DateString(tt.asOf), res.Pub(1).State)
		}
		want := "data/2026/公示存档: 2026年第一季度已结束，公示应于2026年4月5日前张贴，尚未记录张贴：张贴后请运行 jifen post 2026Q1 --date 张贴日期"
		if tt.asOf.Month() > 7 {
			want = "data/2026/公示存档: 2026年有 2 期公示尚未记录张贴：2026年第一季度已结束，公示应于2026年4月5日前张贴；" +
				"2026年第二季度已结束，公示应于2026年7月5日前张贴。张贴后请运行 jifen post 2026Q1 等 --date 张贴日期"
		}
		if got := len(warns) == 1 && strings.HasPrefix(warns[0], want); got != tt.warn || len(warns) > 1 {
			t.Errorf("as of %s: warnings %q, want a warning %v", model.DateString(tt.asOf), warns, tt.warn)
		}
		if res.Pub(4).State != model.StateOpen || res.Pub(0).State != model.StateOpen {
			t.Errorf("open periods: Q4 %s, year %s", res.Pub(4).State, res.Pub(0).State)
		}
	}
}
